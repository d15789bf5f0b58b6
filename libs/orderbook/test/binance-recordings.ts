import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DepthDiffEvent, DepthSnapshot } from '../src';

/**
 * Reads the Binance spot recordings in the shared data folder (../shared/data beside the
 * checkout; see its README and SOURCE.txt files for provenance and licence). Read in place rather
 * than copied, so there is one copy with one attribution.
 */
export const BINANCE_SPOT_RECORDINGS = path.join(__dirname, '../../../../shared/data/binance-spot');

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
    snapshots: readJsonLines<RecordedSnapshot>(path.join(dir, 'snapshots.jsonl')),
    diffs: readJsonLines<RecordedDiff>(path.join(dir, 'depth.jsonl')),
    bookTickers: readJsonLines<RecordedBookTicker>(path.join(dir, 'bookTicker.jsonl')),
  };
}

function readJsonLines<T extends Received>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
