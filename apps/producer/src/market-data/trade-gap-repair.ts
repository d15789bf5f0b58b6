import { TradeEvent } from '@app/contracts';

/** Trades a stream skipped that the exchange could not give back. */
export interface TradeGap {
  symbol: string;
  /** First and last missing trade id (aggregate trade id for aggregate trades), inclusive. */
  fromId: number;
  toId: number;
  /** Trade times of the trades either side of the gap: the missing ones lie between. */
  afterTime: number;
  beforeTime: number;
  reason: string;
}

export interface TradeGapRepairOptions {
  /**
   * Up to `limit` trades of the symbol from id `fromId` on, oldest first, from the exchange's
   * history (`/api/v3/historicalTrades` or `/api/v3/aggTrades`, whichever the stream's ids are).
   */
  fetch(symbol: string, fromId: number, limit: number): Promise<TradeEvent[]>;
  /** Passes a trade on, in id order per symbol; `repaired` when it came from `fetch`. */
  publish(trade: TradeEvent, repaired: boolean): void;
  /** A gap that stays: logged, counted and published by the caller. */
  unrepaired(gap: TradeGap): void;
  /** Most trades one repair fetches (in pages of 1000); a wider gap is repaired up to it. */
  maxRepairTrades?: number;
  /** Most live trades of a symbol held while its repair runs; past it the repair is cut short. */
  maxHeldTrades?: number;
}

const PAGE = 1000;

interface SymbolState {
  lastId: number;
  lastTime: number;
  /** Live trades that arrived while a repair runs, in arrival order; null when none runs. */
  held: TradeEvent[] | null;
  /** Set when the held trades outgrew their bound: the running repair stops at its next page. */
  cutShort: boolean;
}

/**
 * Keeps each symbol's trades complete and in order. A trade stream that skips ids (a reconnect, a
 * lost frame) has its missing trades fetched from REST and published before the live trades that
 * arrived meanwhile, which wait. What REST cannot give back (older than the exchange keeps, the
 * exchange unreachable) is reported as a gap. A symbol's first trade starts its sequence: there is
 * nothing before it to compare with.
 */
export class TradeGapRepair {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly running = new Set<Promise<void>>();
  private readonly maxRepairTrades: number;
  private readonly maxHeldTrades: number;

  constructor(private readonly options: TradeGapRepairOptions) {
    this.maxRepairTrades = options.maxRepairTrades ?? 100_000;
    this.maxHeldTrades = options.maxHeldTrades ?? 50_000;
  }

  /** A live trade from the stream. */
  accept(trade: TradeEvent): void {
    const state = this.symbols.get(trade.symbol);
    if (!state) {
      this.symbols.set(trade.symbol, {
        lastId: trade.tradeId,
        lastTime: trade.tradeTime,
        held: null,
        cutShort: false,
      });
      this.options.publish(trade, false);
      return;
    }
    if (state.held) {
      state.held.push(trade);
      if (state.held.length > this.maxHeldTrades) state.cutShort = true;
      return;
    }
    if (trade.tradeId <= state.lastId) return; // already passed on
    if (trade.tradeId > state.lastId + 1) {
      state.held = [trade];
      this.track(this.repair(trade.symbol, state));
      return;
    }
    this.pass(state, trade, false);
  }

  /** Forgets a symbol no longer read: when it comes back, its first trade starts anew. */
  forget(symbol: string): void {
    const state = this.symbols.get(symbol);
    if (state && !state.held) this.symbols.delete(symbol);
  }

  /** Resolves when every repair started so far has finished (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private track(repair: Promise<void>): void {
    this.running.add(repair);
    void repair.finally(() => this.running.delete(repair));
  }

  private pass(state: SymbolState, trade: TradeEvent, repaired: boolean): void {
    state.lastId = trade.tradeId;
    state.lastTime = trade.tradeTime;
    this.options.publish(trade, repaired);
  }

  /** Fetches what lies between the last trade passed on and the first one held, then the held. */
  private async repair(symbol: string, state: SymbolState): Promise<void> {
    const held = state.held as TradeEvent[];
    const next = held[0];
    const until = next.tradeId - 1;
    const limit = Math.min(until, state.lastId + this.maxRepairTrades);
    try {
      while (state.lastId < limit && !state.cutShort) {
        const from = state.lastId + 1;
        const page = await this.options.fetch(symbol, from, Math.min(PAGE, limit - from + 1));
        const wanted = page.filter((trade) => trade.tradeId >= from && trade.tradeId <= limit);
        if (wanted.length === 0) break;
        if (wanted[0].tradeId > from) this.gap(state, wanted[0], 'no longer kept by the exchange');
        for (const trade of wanted) this.pass(state, trade, true);
      }
    } catch (error) {
      this.gap(state, next, `REST failed: ${(error as Error).message}`);
    }
    if (state.lastId < until) {
      const reason = state.cutShort
        ? `live trades held past ${this.maxHeldTrades}`
        : state.lastId < limit
          ? 'not returned by the exchange'
          : `wider than ${this.maxRepairTrades} trades`;
      this.gap(state, next, reason);
    }
    state.held = null;
    state.cutShort = false;
    // The held trades go through accept() again: one more gap among them starts one more repair.
    for (const trade of held) this.accept(trade);
  }

  /** Reports the ids from the last passed on to `next` as lost, and moves past them. */
  private gap(state: SymbolState, next: TradeEvent, reason: string): void {
    if (next.tradeId <= state.lastId + 1) return;
    this.options.unrepaired({
      symbol: next.symbol,
      fromId: state.lastId + 1,
      toId: next.tradeId - 1,
      afterTime: state.lastTime,
      beforeTime: next.tradeTime,
      reason,
    });
    state.lastId = next.tradeId - 1;
  }
}
