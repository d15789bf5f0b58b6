import { BookSnapshot, DepthDiffEvent } from '@app/orderbook';
import { listRecordedSymbols, loadSymbolRecording } from '../../test/support/binance-recordings';

/** One book's worth of work: a snapshot, then the diffs that continue it, in order. */
export interface BookStream {
  readonly symbol: string;
  readonly snapshot: BookSnapshot;
  readonly diffs: readonly DepthDiffEvent[];
  /** Price levels across all diffs (each `[price, quantity]` of `b` and `a`). */
  readonly levelUpdates: number;
}

export const RECORDING_DATES = ['2021-04-05', '2021-08-14'];

/**
 * Every recorded symbol: its first snapshot and every diff after it, from the one that bridges
 * the snapshot (`U <= lastUpdateId + 1 <= u`) on. Throws on a gap, so the benchmark never
 * measures a stream the synchronizer would have resynced.
 */
export function recordedStreams(): BookStream[] {
  const streams: BookStream[] = [];
  for (const date of RECORDING_DATES) {
    for (const symbol of listRecordedSymbols(date)) {
      const recording = loadSymbolRecording(date, symbol);
      const snapshot = recording.snapshots[0];
      const diffs = recording.diffs.filter((diff) => diff.u > snapshot.lastUpdateId);
      let previous = snapshot.lastUpdateId;
      for (const diff of diffs) {
        const bridges = diff.U <= previous + 1 && previous + 1 <= diff.u;
        if (!bridges) throw new Error(`${date}/${symbol}: gap before update ${diff.U}`);
        previous = diff.u;
      }
      streams.push({ symbol: `${date}/${symbol}`, snapshot, diffs, levelUpdates: count(diffs) });
    }
  }
  return streams;
}

export interface SyntheticOptions {
  readonly levelsPerSide: number;
  readonly levelUpdates: number;
  readonly seed: number;
}

const TOUCH_BID_CENTS = 3_000_000; // 30000.00; the ask grid starts one tick (0.01) above
const NEAR_TOUCH_MEAN_TICKS = 20;
const FAR_SHARE = 0.05; // the rest land an exponential distance (mean 20 ticks) from the touch
const DELETE_SHARE = 0.25;
const MAX_LEVELS_PER_DIFF = 20;

/**
 * A heavy stream: `levelsPerSide` levels a side on a 0.01 grid, then `levelUpdates` level
 * updates, 95% within a few dozen ticks of the touch, a quarter of them deletions, grouped into
 * diffs of 1 to 20 levels. Bids and asks live on disjoint price grids, so the book never crosses
 * whatever the order. Prices and quantities are 8-decimal strings as Binance sends them, and go
 * through JSON.parse like received frames (flat strings, not concatenation ropes).
 */
export function syntheticStream(options: SyntheticOptions): BookStream {
  const random = mulberry32(options.seed);
  const { bids, asks } = gridSnapshot(options.levelsPerSide, random);
  const diffs: DepthDiffEvent[] = [];
  let id = 1_000_000;
  let remaining = options.levelUpdates;
  while (remaining > 0) {
    const size = Math.min(remaining, 1 + Math.floor(random() * MAX_LEVELS_PER_DIFF));
    const b: [string, string][] = [];
    const a: [string, string][] = [];
    for (let i = 0; i < size; i++) {
      const ticks =
        random() < FAR_SHARE
          ? Math.floor(random() * options.levelsPerSide * 1.2)
          : Math.floor(-Math.log(1 - random()) * NEAR_TOUCH_MEAN_TICKS);
      const qty = random() < DELETE_SHARE ? '0.00000000' : quantity(random);
      if (random() < 0.5) b.push([bidPrice(ticks), qty]);
      else a.push([askPrice(ticks), qty]);
    }
    diffs.push({ E: 1_700_000_000_000 + diffs.length * 100, U: id + 1, u: id + size, b, a });
    id += size;
    remaining -= size;
  }
  const text = JSON.stringify({ snapshot: { lastUpdateId: 1_000_000, bids, asks }, diffs });
  const parsed = JSON.parse(text) as { snapshot: BookSnapshot; diffs: DepthDiffEvent[] };
  return { symbol: 'SYNTHETIC', ...parsed, levelUpdates: options.levelUpdates };
}

/** The synthetic stream's starting book as a REST snapshot's JSON text (for the memory test). */
export function syntheticSnapshotJson(levelsPerSide: number, seed: number): string {
  return JSON.stringify({ lastUpdateId: 1, ...gridSnapshot(levelsPerSide, mulberry32(seed)) });
}

function gridSnapshot(levelsPerSide: number, random: () => number) {
  const bids: [string, string][] = [];
  const asks: [string, string][] = [];
  for (let k = 0; k < levelsPerSide; k++) {
    bids.push([bidPrice(k), quantity(random)]);
    asks.push([askPrice(k), quantity(random)]);
  }
  return { bids, asks };
}

function count(diffs: readonly DepthDiffEvent[]): number {
  return diffs.reduce((sum, diff) => sum + diff.b.length + diff.a.length, 0);
}

function bidPrice(ticksFromTouch: number): string {
  return centsToPrice(TOUCH_BID_CENTS - ticksFromTouch);
}

function askPrice(ticksFromTouch: number): string {
  return centsToPrice(TOUCH_BID_CENTS + 1 + ticksFromTouch);
}

function centsToPrice(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}000000`;
}

function quantity(random: () => number): string {
  const units = 1 + Math.floor(random() * 5_000_000_000); // 0.00000001 .. 50.00000000
  return `${Math.floor(units / 1e8)}.${String(units % 1e8).padStart(8, '0')}`;
}

/** A small deterministic PRNG (mulberry32), so every run and every machine sees the same stream. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
