import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isJsonLinesFile, readJsonLines } from '../replay/json-lines';
import { PoolDirectory } from './pool-metadata';
import { RecordedSwapLog, recordedSwapProblem, swapFromRecordedLog } from './recorded-swap-log';
import { ChainSwap, SwapFeed } from './swap-feed';

/**
 * Recorded swaps a replay could not serve. `unknown-pool` and `malformed` count lines;
 * `unreadable` counts files (or the directory), whose lines before the failure were kept.
 */
export type SwapSkipReason = 'unknown-pool' | 'malformed' | 'unreadable';

export interface SwapSkip {
  reason: SwapSkipReason;
  /** The file, or the directory when it could not be listed. */
  file: string;
  count: number;
  /** What a person needs to fix it: the pool, the first lines and their problems, the error. */
  detail: string;
}

/** At most this many malformed lines are quoted per file: the count says the rest. */
const QUOTED_LINES = 3;

/**
 * Every `*.swaps.jsonl(.gz)` in `dir`, merged into chain order (block number, then log index).
 * Never rejects: an unknown pool, a malformed line or an unreadable file is reported once per
 * file to `skipped` and left out, and the other files and lines are served.
 */
export async function readRecordedSwaps(
  dir: string,
  pools: PoolDirectory,
  skipped: (skip: SwapSkip) => void,
): Promise<ChainSwap[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => isJsonLinesFile(name, '.swaps.jsonl')).sort();
  } catch (error) {
    skipped({ reason: 'unreadable', file: dir, count: 1, detail: (error as Error).message });
    return [];
  }
  const swaps: ChainSwap[] = [];
  for (const file of files) swaps.push(...(await readSwapFile(join(dir, file), pools, skipped)));
  return swaps.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}

async function readSwapFile(
  file: string,
  pools: PoolDirectory,
  skipped: (skip: SwapSkip) => void,
): Promise<ChainSwap[]> {
  const swaps: ChainSwap[] = [];
  const unknownPools = new Map<string, number>();
  const malformed: string[] = [];
  let lastLine = 0;
  try {
    for await (const { line, text } of readJsonLines(file)) {
      lastLine = line;
      const problem = problemOf(text);
      if (problem) {
        malformed.push(`line ${line}: ${problem}`);
        continue;
      }
      const log = JSON.parse(text) as RecordedSwapLog;
      const pool = pools.find(log.pool);
      if (pool) swaps.push(swapFromRecordedLog(log, pool));
      else
        unknownPools.set(
          log.pool.toLowerCase(),
          (unknownPools.get(log.pool.toLowerCase()) ?? 0) + 1,
        );
    }
  } catch (error) {
    const kept =
      lastLine === 0 ? 'nothing was read' : `what came before line ${lastLine + 1} was kept`;
    skipped({
      reason: 'unreadable',
      file,
      count: 1,
      detail: `${(error as Error).message}; ${kept}`,
    });
  }
  for (const [pool, count] of unknownPools) {
    const detail = `pool ${pool} is neither built in nor in DEX_POOLS`;
    skipped({ reason: 'unknown-pool', file, count, detail });
  }
  if (malformed.length > 0) {
    const more =
      malformed.length > QUOTED_LINES ? `; and ${malformed.length - QUOTED_LINES} more` : '';
    const detail = malformed.slice(0, QUOTED_LINES).join('; ') + more;
    skipped({ reason: 'malformed', file, count: malformed.length, detail });
  }
  return swaps;
}

function problemOf(text: string): string | null {
  try {
    return recordedSwapProblem(JSON.parse(text));
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
}

export interface UniswapLogReplayOptions {
  dir: string;
  /** Where the metadata of the recorded pools comes from. */
  pools: PoolDirectory;
  /** Told about every file or group of lines left out; the replay goes on. */
  skipped: (skip: SwapSkip) => void;
  /** Swaps per delivered batch. */
  batchSize?: number;
  /** Pause between batches; 0 delivers as fast as the consumer takes them. */
  intervalMs?: number;
}

/** Replays the recorded logs once, in chain order. */
export class UniswapLogReplay implements SwapFeed {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** Resolves with how many swaps were delivered, when all were (or the replay was stopped). */
  done: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: UniswapLogReplayOptions) {}

  start(emit: (swaps: ChainSwap[]) => void): void {
    this.stopped = false;
    const { dir, pools, skipped } = this.options;
    this.done = readRecordedSwaps(dir, pools, skipped).then(
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
