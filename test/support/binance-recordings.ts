import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readRecordedLines, RECORDINGS } from './recordings';
import { DepthDiffEvent, DepthSnapshot } from '@app/orderbook';

/**
 * The Binance spot recordings kept in the repository (recordings/binance-spot; its README and
 * SOURCE.txt files give provenance and licence), gzip-compressed JSON lines.
 */
export const BINANCE_SPOT_RECORDINGS = path.join(RECORDINGS, 'binance-spot');

/** Every recorded line carries the recorder's receive time, in seconds. */
interface Received {
  readonly recv_ts: number;
}

export type RecordedSnapshot = DepthSnapshot & Received;
export type RecordedDiff = DepthDiffEvent & Received;

export interface RecordedBookTicker extends Received {
  readonly u: number;
  readonly s: string;
  readonly b: string;
  readonly B: string;
  readonly a: string;
  readonly A: string;
}

export interface SymbolRecording {
  readonly date: string;
  readonly symbol: string;
  readonly snapshots: readonly RecordedSnapshot[];
  readonly diffs: readonly RecordedDiff[];
  readonly bookTickers: readonly RecordedBookTicker[];
}

/** The symbol folders of one recording date, sorted. */
export function listRecordedSymbols(date: string): string[] {
  const dateDir = path.join(BINANCE_SPOT_RECORDINGS, date);
  return readdirSync(dateDir)
    .filter((entry) => statSync(path.join(dateDir, entry)).isDirectory())
    .sort();
}

export function loadSymbolRecording(date: string, symbol: string): SymbolRecording {
  const dir = path.join(BINANCE_SPOT_RECORDINGS, date, symbol);
  return {
    date,
    symbol,
    snapshots: readRecordedLines<RecordedSnapshot>(dir, 'snapshots.jsonl'),
    diffs: readRecordedLines<RecordedDiff>(dir, 'depth.jsonl'),
    bookTickers: readRecordedLines<RecordedBookTicker>(dir, 'bookTicker.jsonl'),
  };
}
