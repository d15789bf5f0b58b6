import {
  aggTradeEvent,
  bookTicker,
  depthSnapshot,
  DepthSnapshotPayload,
  depthUpdate,
  restTrade,
  ticker24h,
  tickerEvent,
  tradeEvent,
} from './binance-payloads';
import { formatFixed } from '@app/decimal';
import { DiffBatcher } from './diff-batcher';
import { ExchangeSymbolInfo, FeedSink, MarketFeed, splitSymbol } from './market-feed';
import { MarketSimulator, MarketStep, SimulatedTrade } from './market-simulator';

const STEP_MS = 20;
const BURST_RATE_FACTOR = 5;

export interface SimulatedFeedOptions {
  simulator: MarketSimulator;
  /** Market steps (book updates) per second per symbol; bursts run 5× faster. */
  eventsPerSecond: number;
  now?: () => number;
}

/** Drives the simulated markets on timers and pushes every stream from the one true state. */
export class SimulatedFeed implements MarketFeed {
  private readonly simulator: MarketSimulator;
  private readonly now: () => number;
  private readonly fast = new Map<string, DiffBatcher>();
  private readonly slow = new Map<string, DiffBatcher>();
  private readonly carry = new Map<string, number>();
  private readonly startedAt: number;
  private timers: NodeJS.Timeout[] = [];
  private paused = false;
  /** Symbols listed with a status other than TRADING (see `setStatus`). */
  private readonly statuses = new Map<string, string>();
  private sink: FeedSink = () => undefined;

  constructor(private readonly options: SimulatedFeedOptions) {
    this.simulator = options.simulator;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    for (const symbol of this.simulator.symbols) {
      this.fast.set(symbol, new DiffBatcher());
      this.slow.set(symbol, new DiffBatcher());
      this.carry.set(symbol, 0);
    }
  }

  get symbols(): readonly string[] {
    return this.simulator.symbols;
  }

  exchangeSymbols(): ExchangeSymbolInfo[] {
    return this.simulator.symbols.map((symbol) => {
      const spec = this.simulator.market(symbol).spec;
      return {
        symbol,
        status: this.statuses.get(symbol) ?? 'TRADING',
        ...splitSymbol(symbol),
        tickSize: formatFixed(10n ** BigInt(8 - spec.priceDecimals), 8),
        stepSize: formatFixed(10n ** BigInt(8 - spec.qtyDecimals), 8),
      };
    });
  }

  async depth(symbol: string, limit: number): Promise<DepthSnapshotPayload> {
    return depthSnapshot(this.simulator.market(symbol), limit);
  }

  bookTicker(symbol: string): object {
    const { u, s, b, B, a, A } = bookTicker(this.simulator.market(symbol), this.now());
    return { symbol: s, bidPrice: b, bidQty: B, askPrice: a, askQty: A, u };
  }

  ticker24h(symbol: string): object {
    return ticker24h(this.simulator.market(symbol), this.startedAt, this.now());
  }

  trades(symbol: string, limit: number): object[] {
    const market = this.simulator.market(symbol);
    return market.stats.recent.slice(-limit).map((trade) => restTrade(market.spec, trade));
  }

  historicalTrades(symbol: string, fromId: number | null, limit: number): object[] {
    const market = this.simulator.market(symbol);
    const kept = market.stats.recent;
    const from =
      fromId === null
        ? Math.max(0, kept.length - limit)
        : Math.max(0, Math.min(kept.length, fromId - (kept[0]?.id ?? 0)));
    return kept.slice(from, from + limit).map((trade) => restTrade(market.spec, trade));
  }

  aggTrades(symbol: string, fromId: number | null, limit: number): object[] {
    const market = this.simulator.market(symbol);
    const groups = groupByAggId(market.stats.recent);
    // The oldest group may have lost fills to the history's bound: leave it out.
    if (groups.length > 0 && groups[0][0].id !== market.stats.firstId) groups.shift();
    const from =
      fromId === null ? Math.max(0, groups.length - limit) : firstAtOrAfter(groups, fromId);
    return groups
      .slice(from, from + limit)
      .map((fills) => restAggTrade(aggTradeEvent(market.spec, fills, fills[0].time)));
  }

  trueBook(symbol: string, limit?: number): DepthSnapshotPayload | undefined {
    return this.simulator.has(symbol)
      ? depthSnapshot(this.simulator.market(symbol), limit)
      : undefined;
  }

  start(sink: FeedSink): void {
    this.sink = sink;
    this.timers.push(setInterval(() => this.stepAll(), STEP_MS));
    this.timers.push(setInterval(() => this.flush(this.fast, 'depth@100ms'), 100));
    this.timers.push(
      setInterval(() => {
        this.flush(this.slow, 'depth@1000ms');
        this.pushTickers();
      }, 1000),
    );
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  setStatus(symbol: string, status: string): void {
    if (status === 'TRADING') this.statuses.delete(symbol);
    else this.statuses.set(symbol, status);
  }

  private stepAll(): void {
    if (this.paused) return;
    const now = this.now();
    for (const symbol of this.simulator.symbols) {
      if (this.statuses.has(symbol)) continue; // not TRADING: no orders, no trades
      const market = this.simulator.market(symbol);
      const rate = this.options.eventsPerSecond * (market.inBurst ? BURST_RATE_FACTOR : 1);
      // Carry fractions so that low rates still step.
      let due = this.carry.get(symbol)! + (rate * STEP_MS) / 1000;
      for (; due >= 1; due--) this.emitStep(this.simulator.step(symbol, now));
      this.carry.set(symbol, due);
    }
  }

  private emitStep(step: MarketStep): void {
    const market = this.simulator.market(step.symbol);
    this.fast.get(step.symbol)!.add(step);
    this.slow.get(step.symbol)!.add(step);
    for (const trade of step.trades)
      this.sink(step.symbol, 'trade', tradeEvent(market.spec, trade, step.time));
    for (const fills of groupByAggId(step.trades)) {
      this.sink(step.symbol, 'aggTrade', aggTradeEvent(market.spec, fills, step.time));
    }
    if (step.touchChanged) this.sink(step.symbol, 'bookTicker', bookTicker(market, step.time));
  }

  private flush(batchers: Map<string, DiffBatcher>, kind: 'depth@100ms' | 'depth@1000ms'): void {
    const now = this.now();
    for (const [symbol, batcher] of batchers) {
      const batch = batcher.drain();
      if (batch)
        this.sink(symbol, kind, depthUpdate(this.simulator.market(symbol).spec, batch, now));
    }
  }

  private pushTickers(): void {
    const now = this.now();
    for (const symbol of this.simulator.symbols) {
      this.sink(
        symbol,
        'ticker',
        tickerEvent(ticker24h(this.simulator.market(symbol), this.startedAt, now), now),
      );
    }
  }
}

/** The index of the first group whose aggregate id is `aggId` or later (groups ascend). */
function firstAtOrAfter(groups: SimulatedTrade[][], aggId: number): number {
  const index = groups.findIndex((fills) => fills[0].aggId >= aggId);
  return index === -1 ? groups.length : index;
}

/** `/api/v3/aggTrades` rows are the stream's payload without its envelope (`e`, `E`, `s`). */
function restAggTrade({ a, p, q, f, l, T, m, M }: ReturnType<typeof aggTradeEvent>): object {
  return { a, p, q, f, l, T, m, M };
}

function groupByAggId(trades: readonly SimulatedTrade[]): SimulatedTrade[][] {
  const groups: SimulatedTrade[][] = [];
  for (const trade of trades) {
    const last = groups[groups.length - 1];
    if (last && last[0].aggId === trade.aggId) last.push(trade);
    else groups.push([trade]);
  }
  return groups;
}
