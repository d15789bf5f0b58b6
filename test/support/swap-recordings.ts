import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readRecordedLines, RECORDINGS } from './recordings';

const SWAPS = path.join(RECORDINGS, 'uniswap-v3');
export const USDC_WETH = '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640';
const OSQTH_WETH = '0x82c427adfdf2d245ec51d8046b41c4ee87f0d29c';

/** A made-up pool address, in no built-in list: the recorded oSQTH/WETH swaps relabelled to it. */
export const UNLISTED_POOL = '0x00000000000000000000000000000000000d0d0e';

/** DEX_POOLS metadata for UNLISTED_POOL (new symbols, so its swaps are told apart). */
export const UNLISTED_POOL_CONFIG = {
  address: UNLISTED_POOL,
  token0Symbol: 'TKN',
  token1Symbol: 'WETH',
  token0Decimals: 18,
  token1Decimals: 18,
  fee: 3000,
};

export interface SwapReplayDir {
  dir: string;
  /** The recorded USDC/WETH swaps, as `txHash:logIndex`, in file order. */
  usdcWethIds: string[];
  /** The relabelled swaps, likewise. */
  unlistedIds: string[];
  remove(): void;
}

/**
 * A swap recording directory in the temp folder: the USDC/WETH day as recorded (a built-in pool),
 * the oSQTH/WETH day relabelled to UNLISTED_POOL, and with `broken`, a file of two malformed
 * lines (`broken.swaps.jsonl`) and a gzip file cut after its header (`truncated.swaps.jsonl.gz`).
 */
export function swapReplayDir(options: { broken: boolean }): SwapReplayDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'swap-replay-'));
  const usdcFile = `${USDC_WETH}-2024-01-05.swaps.jsonl.gz`;
  copyFileSync(path.join(SWAPS, usdcFile), path.join(dir, usdcFile));
  const relabelled = readRecordedLines<Record<string, unknown>>(
    SWAPS,
    `${OSQTH_WETH}-2024-01-05.swaps.jsonl`,
  ).map((line) => ({ ...line, pool: UNLISTED_POOL }));
  const lines = relabelled.map((line) => JSON.stringify(line)).join('\n');
  writeFileSync(path.join(dir, `${UNLISTED_POOL}-2024-01-05.swaps.jsonl.gz`), gzipSync(lines));
  if (options.broken) {
    writeFileSync(path.join(dir, 'broken.swaps.jsonl'), `not json\n\n{"pool":"${USDC_WETH}"}\n`);
    const whole = gzipSync(lines);
    writeFileSync(path.join(dir, 'truncated.swaps.jsonl.gz'), whole.subarray(0, 12)); // header only
  }
  const ids = (rows: Record<string, unknown>[]) =>
    rows.map((row) => `${String(row.transactionHash)}:${String(row.logIndex)}`);
  return {
    dir,
    usdcWethIds: ids(readRecordedLines(SWAPS, `${USDC_WETH}-2024-01-05.swaps.jsonl`)),
    unlistedIds: ids(relabelled),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
