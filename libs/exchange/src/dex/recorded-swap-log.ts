import { SIGNED_INTEGER_PATTERN } from '@app/contracts';
import { PoolMetadata, poolFieldsOfSwap } from './pool-metadata';
import { ChainSwap } from './swap-feed';

/** One line of `recordings/uniswap-v3/*.swaps.jsonl.gz`: a decoded Uniswap v3 `Swap` log. */
export interface RecordedSwapLog {
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

const hex = (bytes: number) => new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`);
const CHECKS: Record<keyof RecordedSwapLog, [(value: unknown) => boolean, string]> = {
  pool: [matches(hex(20)), 'a 0x address'],
  blockNumber: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a block number'],
  blockTimestamp: [(v) => typeof v === 'string' && !Number.isNaN(blockTime(v)), 'a UTC time'],
  transactionHash: [matches(hex(32)), 'a 0x hash of 32 bytes'],
  logIndex: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a log index'],
  sender: [matches(hex(20)), 'a 0x address'],
  recipient: [matches(hex(20)), 'a 0x address'],
  amount0: [matches(SIGNED_INTEGER_PATTERN), 'a signed integer string'],
  amount1: [matches(SIGNED_INTEGER_PATTERN), 'a signed integer string'],
  sqrtPriceX96: [matches(/^\d{1,78}$/), 'an unsigned integer string'],
  liquidity: [matches(/^\d{1,78}$/), 'an unsigned integer string'],
  tick: [(v) => Number.isInteger(v) && Math.abs(v as number) <= 887272, 'a tick'],
};

function matches(pattern: RegExp): (value: unknown) => boolean {
  return (value) => typeof value === 'string' && pattern.test(value);
}

function blockTime(timestamp: string): number {
  return Date.parse(`${timestamp.replace(' ', 'T')}Z`);
}

/** What is wrong with a parsed line (the first field that is), or null when it is a swap log. */
export function recordedSwapProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not a JSON object';
  }
  const line = value as Record<string, unknown>;
  for (const [field, [valid, expected]] of Object.entries(CHECKS)) {
    if (!valid(line[field]))
      return `${field} must be ${expected} (got ${JSON.stringify(line[field])})`;
  }
  return null;
}

/** A recorded log of a known pool → a confirmed swap event (recorded logs are canonical). */
export function swapFromRecordedLog(log: RecordedSwapLog, pool: PoolMetadata): ChainSwap {
  return {
    source: 'replay',
    ...poolFieldsOfSwap(pool),
    txHash: log.transactionHash.toLowerCase(),
    logIndex: log.logIndex,
    blockNumber: log.blockNumber,
    blockTime: blockTime(log.blockTimestamp),
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
