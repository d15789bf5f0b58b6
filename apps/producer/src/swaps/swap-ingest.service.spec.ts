import { SwapEvent } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import {
  swapReplayDir,
  SwapReplayDir,
  UNLISTED_POOL,
  UNLISTED_POOL_CONFIG,
  USDC_WETH,
} from '../../../../test/support/swap-recordings';
import { RecordingPublisher } from '../../test/support/recording-publisher';
import * as metrics from '../producer.metrics';
import { SwapIngestService } from './swap-ingest.service';

const ids = (swaps: SwapEvent[]) => swaps.map((s) => `${s.txHash}:${s.logIndex}`).sort();

async function skippedByReason(): Promise<Record<string, number>> {
  const { values } = await metrics.swapsSkipped.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.reason), v.value]));
}

/**
 * A swap replay of a directory holding a built-in pool (USDC/WETH), a pool that is not built in
 * (the oSQTH/WETH day relabelled), a malformed file and a truncated one: nothing of it may take the
 * process down, and every good swap must still be published.
 */
// A replay reads ~6,000 swaps from gzip: beyond the unit tier's 5 s on a loaded machine.
jest.setTimeout(30_000);

describe(`${SwapIngestService.name}: replay of a pool that is not built in`, () => {
  let replayDir: SwapReplayDir;
  let warnings: string[];

  beforeAll(() => {
    replayDir = swapReplayDir({ broken: true });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterAll(() => {
    replayDir.remove();
    jest.restoreAllMocks();
  });

  beforeEach(() => {
    metrics.swapsSkipped.reset();
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
  });

  /** Replays the directory and returns what was published once `expected` swaps were. */
  async function replay(
    pools: (typeof UNLISTED_POOL_CONFIG & { chainId: number })[],
    expected: number,
  ) {
    const publisher = new RecordingPublisher();
    const service = new SwapIngestService(
      { kind: 'replay', dir: replayDir.dir, swapsPerSecond: 50_000, pools },
      publisher.asPublisher,
    );
    service.onApplicationBootstrap();
    const deadline = Date.now() + 20_000;
    while (publisher.of('dex.swap.v1').length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything more would show by now
    await service.onApplicationShutdown();
    return publisher.of<SwapEvent>('dex.swap.v1');
  }

  it('without its metadata: skips and counts it, logs why, and publishes the other pool exactly', async () => {
    const swaps = await replay([], 6_046);

    expect(ids(swaps)).toEqual([...replayDir.usdcWethIds].sort());
    expect(new Set(swaps.map((s) => `${s.pool} ${s.token0Symbol}/${s.token1Symbol}`))).toEqual(
      new Set([`${USDC_WETH} USDC/WETH`]),
    );
    expect(await skippedByReason()).toEqual({ 'unknown-pool': 41, malformed: 2, unreadable: 1 });
    const file = (name: string) => join(replayDir.dir, name);
    expect(warnings).toEqual([
      `${file(`${UNLISTED_POOL}-2024-01-05.swaps.jsonl.gz`)}: 41 unknown-pool line(s) skipped: pool ${UNLISTED_POOL} is neither built in nor in DEX_POOLS`,
      expect.stringMatching(
        /broken\.swaps\.jsonl: 2 malformed line\(s\) skipped: line 1: not JSON .*; line 3: blockNumber must be a block number \(got undefined\)$/,
      ) as string,
      `${file('truncated.swaps.jsonl.gz')}: unreadable: unexpected end of file; nothing was read`,
    ]);
  });

  it('with its metadata in DEX_POOLS: publishes its swaps too, under the configured symbols', async () => {
    const swaps = await replay([{ chainId: 1, ...UNLISTED_POOL_CONFIG }], 6_087);
    const unlisted = swaps.filter((s) => s.pool === UNLISTED_POOL);

    expect(swaps).toHaveLength(6_087);
    expect(ids(unlisted)).toEqual([...replayDir.unlistedIds].sort());
    expect(
      new Set(unlisted.map((s) => `${s.token0Symbol}/${s.token1Symbol} ${s.token0Decimals}`)),
    ).toEqual(new Set(['TKN/WETH 18']));
    expect(await skippedByReason()).toEqual({ malformed: 2, unreadable: 1 });
  });
});
