/**
 * Level updates per second through our exact order book (@app/orderbook) and through ccxt's
 * order book classes, on the same diff streams in the same run: the recorded Binance spot data
 * (every symbol of 2021-04-05 and 2021-08-14) and a synthetic heavy stream (5,000 levels a side,
 * one million level updates, mostly near the touch). Then heap per 5,000-level book. Prints
 * medians of RUNS timed runs after one warm-up run. See README.md.
 *
 *   npm run bench:orderbook     (RUNS=5 SYNTHETIC_UPDATES=1000000 RECORDED_UPDATES=1000000)
 */
import { loadavg } from 'node:os';
import { BookSnapshot } from '@app/orderbook';
import {
  assertSameBook,
  BookSummary,
  ccxtBinance,
  ccxtStoreOnly,
  Contender,
  exactEngine,
} from './contenders';
import { heapBytesPerBook } from './memory';
import { BookStream, recordedStreams, syntheticSnapshotJson, syntheticStream } from './streams';

const RUNS = Number(process.env.RUNS ?? 5);
const SYNTHETIC_UPDATES = Number(process.env.SYNTHETIC_UPDATES ?? 1_000_000);
/** The recordings are small (~tens of thousands of levels): replay them until a run has this many. */
const RECORDED_UPDATES = Number(process.env.RECORDED_UPDATES ?? 1_000_000);
const LEVELS_PER_SIDE = 5_000;
const SEED = 20210405;
const MEMORY_BOOKS = 20;

const contenders: readonly Contender[] = [
  exactEngine,
  ccxtBinance,
  ccxtStoreOnly,
] as readonly Contender[];

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/**
 * One timed pass: for each repetition and each stream, the snapshot is loaded afresh (not
 * timed), then every diff is applied (timed). Returns level updates per second and the books'
 * final state per stream.
 */
function timePass(
  contender: Contender,
  streams: readonly BookStream[],
  repetitions: number,
): { rate: number; summaries: BookSummary[] } {
  let elapsedMs = 0;
  let levels = 0;
  const summaries: BookSummary[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const [i, stream] of streams.entries()) {
      const book = contender.load(stream.snapshot);
      const started = performance.now();
      contender.apply(book, stream.diffs);
      elapsedMs += performance.now() - started;
      levels += stream.levelUpdates;
      if (repetition === repetitions - 1) summaries[i] = contender.summarize(book);
    }
  }
  return { rate: (levels / elapsedMs) * 1000, summaries };
}

function benchmark(title: string, streams: readonly BookStream[], repetitions: number): void {
  const levels = streams.reduce((sum, stream) => sum + stream.levelUpdates, 0);
  console.log(
    `\n== ${title}: ${streams.length} book(s), ${levels} level updates x ${repetitions} per run ==`,
  );
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let run = 0; run <= RUNS; run++) {
    // Rotate who goes first, so a burst of load from the shared machine hits each in turn.
    const order = contenders.map((_, i) => contenders[(i + run) % contenders.length]);
    const results = new Map(order.map((c) => [c.name, timePass(c, streams, repetitions)]));
    const ours = results.get(exactEngine.name)!;
    for (const contender of contenders) {
      const theirs = results.get(contender.name)!;
      streams.forEach((s, i) => assertSameBook(s.symbol, ours.summaries[i], theirs.summaries[i]));
    }
    const line = contenders.map((c) => `${c.name} ${results.get(c.name)!.rate.toFixed(0)}`);
    if (run === 0) {
      console.log(`warm-up: ${line.join(', ')} updates/s (not counted)`);
      continue;
    }
    for (const c of contenders) rates.get(c.name)!.push(results.get(c.name)!.rate);
    console.log(`run ${run}: ${line.join(', ')} updates/s (load ${load()})`);
  }
  console.log(`books agree: best bid/ask (price, quantity) and depth, every stream, every run`);
  const ours = median(rates.get(exactEngine.name)!);
  for (const c of contenders)
    console.log(`${c.name}: ${median(rates.get(c.name)!).toFixed(0)} updates/s`);
  console.log(`ratio ours/ccxt: ${(ours / median(rates.get(ccxtBinance.name)!)).toFixed(2)}`);
  console.log(
    `ratio ours/ccxt-store-only: ${(ours / median(rates.get(ccxtStoreOnly.name)!)).toFixed(2)}`,
  );
}

function memory(): void {
  const json = syntheticSnapshotJson(LEVELS_PER_SIDE, SEED);
  console.log(`\n== memory: ${MEMORY_BOOKS} books of ${LEVELS_PER_SIDE} levels a side each ==`);
  for (const contender of [exactEngine, ccxtBinance] as readonly Contender[]) {
    const probe = contender.summarize(contender.load(JSON.parse(json) as BookSnapshot));
    if (probe.bidCount !== LEVELS_PER_SIDE || probe.askCount !== LEVELS_PER_SIDE) {
      throw new Error(`${contender.name}: book holds ${probe.bidCount}/${probe.askCount} levels`);
    }
    heapBytesPerBook(contender, json, 2); // warm-up: the code and its shapes, not counted
    const kb = heapBytesPerBook(contender, json, MEMORY_BOOKS) / 1024;
    console.log(`memory ${contender.name}: ${kb.toFixed(0)} KB per 5000-level book`);
  }
}

function main(): void {
  console.log(`node ${process.version}, load average ${load()} (1, 5, 15 min)`);
  const recorded = recordedStreams();
  const recordedLevels = recorded.reduce((sum, stream) => sum + stream.levelUpdates, 0);
  benchmark(
    'recordings (binance-spot 2021-04-05 + 2021-08-14)',
    recorded,
    Math.max(1, Math.ceil(RECORDED_UPDATES / recordedLevels)),
  );
  const synthetic = syntheticStream({
    levelsPerSide: LEVELS_PER_SIDE,
    levelUpdates: SYNTHETIC_UPDATES,
    seed: SEED,
  });
  benchmark(`synthetic (${LEVELS_PER_SIDE} levels a side, seed ${SEED})`, [synthetic], 1);
  memory();
  console.log(`\nload average at the end ${load()}`);
}

main();
