import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { poolMetadata } from './pool-metadata';
import { ChainSwap, SwapFeed } from './swap-feed';

/** One line of `../shared/data/uniswap-v3/*.swaps.jsonl`: a decoded Uniswap v3 `Swap` log. */
interface RecordedSwapLog {
  pool: string;
  blockNumber: number;
  /** UTC, `YYYY-MM-DD HH:MM:SS`. */
  blockTimestamp: string;
  transactionHash: string;
  logIndex: number;
  sender: string;
  recipient: string;
  amount0: string;
  amount1: string;
  sqrtPriceX96: string;
  liquidity: string;
  tick: number;
}

/** A recorded log → a confirmed swap event (recorded logs are on the canonical chain). */
export function swapFromRecordedLog(log: RecordedSwapLog): ChainSwap {
  const pool = poolMetadata(log.pool);
  const blockTime = Date.parse(`${log.blockTimestamp.replace(' ', 'T')}Z`);
  if (Number.isNaN(blockTime)) throw new Error(`bad blockTimestamp "${log.blockTimestamp}"`);
  return {
    source: 'replay',
    chainId: pool.chainId,
    pool: pool.address,
    token0Symbol: pool.token0Symbol,
    token1Symbol: pool.token1Symbol,
    token0Decimals: pool.token0Decimals,
    token1Decimals: pool.token1Decimals,
    txHash: log.transactionHash.toLowerCase(),
    logIndex: log.logIndex,
    blockNumber: log.blockNumber,
    blockTime,
    sender: log.sender.toLowerCase(),
    recipient: log.recipient.toLowerCase(),
    amount0: log.amount0,
    amount1: log.amount1,
    sqrtPriceX96: log.sqrtPriceX96,
    liquidity: log.liquidity,
    tick: log.tick,
    status: 'confirmed',
  };
}

/** Every `*.swaps.jsonl` in `dir`, merged into chain order (block number, then log index). */
export async function readRecordedSwaps(dir: string): Promise<ChainSwap[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.swaps.jsonl')).sort();
  if (files.length === 0) throw new Error(`no *.swaps.jsonl files in ${dir}`);
  const swaps: ChainSwap[] = [];
  for (const file of files) {
    const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        swaps.push(swapFromRecordedLog(JSON.parse(line) as RecordedSwapLog));
      } catch (error) {
        throw new Error(`${file}:${index + 1}: ${(error as Error).message}`);
      }
    });
  }
  return swaps.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}

export interface UniswapLogReplayOptions {
  dir: string;
  /** Swaps per delivered batch. */
  batchSize?: number;
  /** Pause between batches; 0 delivers as fast as the consumer takes them. */
  intervalMs?: number;
}

/** Replays the recorded logs once, in chain order. */
export class UniswapLogReplay implements SwapFeed {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** Resolves when every recorded swap has been delivered (or the replay was stopped). */
  done: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: UniswapLogReplayOptions) {}

  start(emit: (swaps: ChainSwap[]) => void): void {
    this.stopped = false;
    this.done = readRecordedSwaps(this.options.dir).then(
      (swaps) =>
        new Promise<number>((resolve) => {
          const batchSize = this.options.batchSize ?? 500;
          let next = 0;
          const step = () => {
            if (this.stopped || next >= swaps.length) return resolve(Math.min(next, swaps.length));
            emit(swaps.slice(next, next + batchSize));
            next += batchSize;
            this.timer = setTimeout(step, this.options.intervalMs ?? 10);
          };
          step();
        }),
    );
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    return Promise.resolve();
  }
}
