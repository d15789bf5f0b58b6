import { BookSide, Side } from './book-side';
import {
  LevelChange,
  MarketModelOptions,
  MarketStep,
  SimulatedSymbol,
  SimulatedTrade,
} from './market-types';
import { SeededRandom } from './seeded-random';
import { TradeStats } from './trade-stats';

const FIRST_UPDATE_ID = 1_000_000;
/** Takers stop walking a side that is down to this many levels. */
const MIN_LEVELS_PER_SIDE = 20;
/** The first levels from the start price are every tick, as near a real touch. */
const DENSE_LEVELS = 200;
/** Beyond them the gaps widen by about one tick per this many levels, as in real deep books. */
const LEVELS_PER_TICK_OF_GAP = 2000;
/** Mean extra ticks between a side's worst level and a deep order resting beyond it. */
const DEEP_GAP_MEAN = 3;
const DEFAULTS = { minLevels: 5500, maxLevels: 8000 };

/**
 * One symbol's true market: a full book on integer ticks and lots, moved by seeded steps. Each step
 * is one book update (one update id): a limit order joining a level, a cancel, or a taker order
 * that trades through the touch. A hidden fair price drifts as a random walk; orders rest around
 * it, churn concentrates near the touch (distances are geometric), and takers lean towards it, so
 * the mid follows. Now and then a burst raises the trade share and the step rate.
 *
 * Thousands of levels deep, like a real book: dense near the touch, sparser further out. A side
 * that falls below `minLevels` (takers and cancels near a moving touch eat levels) gets deep orders
 * beyond its worst level in the same update, so a `limit=5000` snapshot is always full; beyond
 * `maxLevels` the worst levels are cancelled, so a trending market does not grow a side for ever.
 */
export class SymbolMarket {
  readonly bids = new BookSide('bid');
  readonly asks = new BookSide('ask');
  readonly stats: TradeStats;
  private currentUpdateId = FIRST_UPDATE_ID;
  private fair: number;
  private burstStepsLeft = 0;
  private nextTradeId: number;
  private nextAggId: number;
  private readonly random: SeededRandom;
  private readonly lotScale: number;
  private readonly minLevels: number;
  private readonly maxLevels: number;

  constructor(
    readonly spec: SimulatedSymbol,
    seed: number,
    options: MarketModelOptions = {},
  ) {
    this.random = new SeededRandom(seed);
    this.lotScale = 10 ** Math.min(spec.qtyDecimals, 6);
    this.minLevels = options.minLevels ?? DEFAULTS.minLevels;
    this.maxLevels = options.maxLevels ?? DEFAULTS.maxLevels;
    if (this.minLevels > this.maxLevels) {
      throw new Error(`${spec.symbol}: minLevels ${this.minLevels} > maxLevels ${this.maxLevels}`);
    }
    this.nextTradeId = options.firstTradeId ?? 1;
    this.nextAggId = options.firstTradeId ?? 1;
    this.fair = spec.startTicks;
    this.stats = new TradeStats(spec.startTicks);
    this.seedBook(options.initialLevels ?? this.minLevels);
  }

  /** Symmetric levels around the start price; bids stop at one tick. */
  private seedBook(levels: number): void {
    let distance = 0;
    for (let n = 1; n <= levels; n++) {
      const widening = Math.max(0, n - DENSE_LEVELS) / LEVELS_PER_TICK_OF_GAP;
      distance += n <= DENSE_LEVELS ? 1 : 1 + this.random.distance(widening);
      if (this.spec.startTicks - distance > 0) {
        this.bids.set(this.spec.startTicks - distance, this.random.int(1, 2 * this.lotScale));
      }
      this.asks.set(this.spec.startTicks + distance, this.random.int(1, 2 * this.lotScale));
    }
  }

  get updateId(): number {
    return this.currentUpdateId;
  }

  get inBurst(): boolean {
    return this.burstStepsLeft > 0;
  }

  step(time: number): MarketStep {
    const touchBefore = this.touchKey();
    const changes: LevelChange[] = [];
    const trades: SimulatedTrade[] = [];
    this.fair = Math.max(1, this.fair + (this.random.next() - 0.5) * 0.8);
    if (this.burstStepsLeft > 0) this.burstStepsLeft--;
    else if (this.random.next() < 0.002) this.burstStepsLeft = this.random.int(20, 200);
    const tradeShare = this.inBurst ? 0.25 : 0.08;
    const roll = this.random.next();
    if (roll < tradeShare) this.trade(time, changes, trades);
    else if (roll < tradeShare + 0.55) this.place(changes);
    else this.cancel(changes);
    this.trimFarLevels(changes);
    this.restDeepOrders(changes);
    if (changes.length > 0) this.currentUpdateId++;
    return {
      symbol: this.spec.symbol,
      time,
      updateId: this.currentUpdateId,
      changes,
      trades,
      touchChanged: this.touchKey() !== touchBefore,
    };
  }

  private place(changes: LevelChange[]): void {
    const side: Side = this.random.next() < 0.5 ? 'bid' : 'ask';
    const fair = Math.round(this.fair);
    // Most orders join near the touch; some rest deep, which keeps the book thousands of ticks deep.
    const distance = this.random.distance(this.random.next() < 0.75 ? 3 : 60);
    let ticks: number;
    if (side === 'bid') {
      const ceiling = Math.min(fair - 1, (this.asks.best() ?? fair + 1) - 1);
      ticks = Math.max(1, ceiling - distance);
    } else {
      const floor = Math.max(fair + 1, (this.bids.best() ?? fair - 1) + 1);
      ticks = floor + distance;
    }
    const book = this.sideBook(side);
    this.setLevel(book, ticks, book.lotsAt(ticks) + this.random.int(1, this.lotScale), changes);
  }

  private cancel(changes: LevelChange[]): void {
    const book = this.random.next() < 0.5 ? this.bids : this.asks;
    if (book.size <= MIN_LEVELS_PER_SIDE) return this.place(changes);
    const ticks = book.ticksFromTouch(Math.min(this.random.distance(2), book.size - 1))!;
    const lots = book.lotsAt(ticks);
    // One resting order leaves: about the size a placement adds, so levels built by several
    // orders outlive one cancel.
    this.setLevel(book, ticks, Math.max(0, lots - this.random.int(1, this.lotScale)), changes);
  }

  /** A taker order; it leans towards the fair price, so the touch follows it. */
  private trade(time: number, changes: LevelChange[], trades: SimulatedTrade[]): void {
    const mid = ((this.bids.best() ?? this.fair) + (this.asks.best() ?? this.fair)) / 2;
    const buyShare = 0.5 + Math.max(-0.4, Math.min(0.4, (this.fair - mid) / 4));
    const takerBuys = this.random.next() < buyShare;
    const book = takerBuys ? this.asks : this.bids;
    let wanted = this.random.int(1, (this.inBurst ? 3 : 1) * this.lotScale);
    while (wanted > 0 && book.size > MIN_LEVELS_PER_SIDE) {
      const ticks = book.best()!;
      const fill = Math.min(wanted, book.lotsAt(ticks));
      this.fillAt(ticks, fill, !takerBuys, time, trades);
      this.setLevel(book, ticks, book.lotsAt(ticks) - fill, changes);
      wanted -= fill;
    }
  }

  /** Splits one price's fill over a few resting orders: trades with one aggregate id. */
  private fillAt(
    ticks: number,
    lots: number,
    buyerIsMaker: boolean,
    time: number,
    trades: SimulatedTrade[],
  ): void {
    const aggId = this.nextAggId++;
    let left = lots;
    const pieces = Math.min(lots, this.random.int(1, 3));
    for (let piece = pieces; piece > 0; piece--) {
      const take = piece === 1 ? left : this.random.int(1, left - piece + 1);
      left -= take;
      const trade = { id: this.nextTradeId++, aggId, ticks, lots: take, time, buyerIsMaker };
      trades.push(trade);
      this.stats.record(trade);
    }
  }

  private trimFarLevels(changes: LevelChange[]): void {
    for (const book of [this.bids, this.asks]) {
      while (book.size > this.maxLevels) this.setLevel(book, book.worst()!, 0, changes);
    }
  }

  /** Orders beyond the worst level until the side holds `minLevels` (bids: down to one tick). */
  private restDeepOrders(changes: LevelChange[]): void {
    for (const book of [this.bids, this.asks]) {
      while (book.size < this.minLevels) {
        const worst = book.worst() ?? Math.round(this.fair);
        if (book.side === 'bid' && worst <= 1) break;
        const gap = 1 + this.random.distance(DEEP_GAP_MEAN);
        const ticks = book.side === 'bid' ? Math.max(1, worst - gap) : worst + gap;
        this.setLevel(book, ticks, this.random.int(1, 2 * this.lotScale), changes);
      }
    }
  }

  private setLevel(book: BookSide, ticks: number, lots: number, changes: LevelChange[]): void {
    book.set(ticks, lots);
    const previous = changes.findIndex((c) => c.side === book.side && c.ticks === ticks);
    if (previous !== -1) changes.splice(previous, 1);
    changes.push({ side: book.side, ticks, lots });
  }

  private sideBook(side: Side): BookSide {
    return side === 'bid' ? this.bids : this.asks;
  }

  private touchKey(): string {
    const bid = this.bids.best() ?? 0;
    const ask = this.asks.best() ?? 0;
    return `${bid}:${this.bids.lotsAt(bid)}:${ask}:${this.asks.lotsAt(ask)}`;
  }
}
