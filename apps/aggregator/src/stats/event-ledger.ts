import { SwapEvent, TradeEvent } from '@app/contracts';
import {
  CountedTrade,
  countedFromSwap,
  countedFromTrade,
  minuteOf,
  swapEventId,
} from './counted-trade';
import { swapPair } from './swap-pair';

/**
 * What one message asks of the statistics. `count`: a trade, or a confirmed swap. `uncount`: a
 * reorged swap. `fail`: a failed swap, which never counts, even if confirmed later. `pair` is the
 * pair the event belongs to whatever the action (a swap's pool decides it), so a batch can lock
 * every pair it may touch before it writes anything. `eventTime` (trade time, block time) decides
 * whether the event is still inside the ledger's retention (`ledger-retention.ts`).
 */
export type Observation =
  | { eventId: string; pair: string; eventTime: number; action: 'count'; trade: CountedTrade }
  | { eventId: string; pair: string; eventTime: number; action: 'uncount' | 'fail' };

/** How an event id stands in the ledger (table `aggregator_events`). */
export type LedgerState = 'counted' | 'reorged' | 'failed';

export interface LedgerEntry {
  state: LedgerState;
  /** The data it counts with (or last counted with); null for a swap that failed before it counted. */
  trade: CountedTrade | null;
}

/** A pending swap asks nothing: it is not counted until confirmed. Null for that, and for a swap with no price. */
export function observe(topic: 'trade', event: TradeEvent): Observation;
export function observe(topic: 'swap', event: SwapEvent): Observation | null;
export function observe(
  topic: 'trade' | 'swap',
  event: TradeEvent | SwapEvent,
): Observation | null {
  if (topic === 'trade') {
    const trade = countedFromTrade(event as TradeEvent);
    return {
      eventId: trade.eventId,
      pair: trade.pair,
      eventTime: trade.eventTime,
      action: 'count',
      trade,
    };
  }
  const swap = event as SwapEvent;
  const eventId = swapEventId(swap);
  switch (swap.status) {
    case 'pending':
      return null;
    case 'confirmed': {
      const trade = countedFromSwap(swap);
      return trade
        ? { eventId, pair: trade.pair, eventTime: trade.eventTime, action: 'count', trade }
        : null;
    }
    case 'reorged':
      return { eventId, pair: swapPair(swap).pair, eventTime: swap.blockTime, action: 'uncount' };
    case 'failed':
      return { eventId, pair: swapPair(swap).pair, eventTime: swap.blockTime, action: 'fail' };
  }
}

export interface LedgerChanges {
  /** The final entry of every id whose entry changed, to be written back. */
  changed: Map<string, LedgerEntry>;
  /** `pair\u0000minuteStart` of every one-minute window whose set of counted events changed. */
  affectedWindows: Set<string>;
  counted: number;
  uncounted: number;
  /** `count` for an id already counted (a redelivery or a duplicate message). */
  duplicates: number;
}

export function windowKey(pair: string, minuteStart: number): string {
  return `${pair}\u0000${minuteStart}`;
}

/** The window a `windowKey` names. */
export function parseWindowKey(key: string): { pair: string; minuteStart: number } {
  const [pair, minute] = key.split('\u0000');
  return { pair, minuteStart: Number(minute) };
}

/**
 * Applies a batch of observations, in order, to the ledger entries stored for their ids (`stored`
 * holds those that exist). Pure: the caller reads `stored` and writes `changed` in one transaction.
 */
export function applyObservations(
  stored: ReadonlyMap<string, LedgerEntry>,
  observations: readonly Observation[],
): LedgerChanges {
  const current = new Map(stored);
  const result: LedgerChanges = {
    changed: new Map(),
    affectedWindows: new Set(),
    counted: 0,
    uncounted: 0,
    duplicates: 0,
  };
  const touch = (entry: LedgerEntry | undefined): void => {
    if (entry?.state === 'counted' && entry.trade) {
      result.affectedWindows.add(windowKey(entry.trade.pair, minuteOf(entry.trade.eventTime)));
    }
  };
  const set = (eventId: string, before: LedgerEntry | undefined, after: LedgerEntry): void => {
    touch(before);
    touch(after);
    current.set(eventId, after);
    result.changed.set(eventId, after);
  };
  for (const observation of observations) {
    const before = current.get(observation.eventId);
    switch (observation.action) {
      case 'count':
        if (before?.state === 'counted') result.duplicates++;
        else if (before?.state !== 'failed') {
          set(observation.eventId, before, { state: 'counted', trade: observation.trade });
          result.counted++;
        }
        break;
      case 'uncount':
        if (before?.state === 'counted') {
          set(observation.eventId, before, { state: 'reorged', trade: before.trade });
          result.uncounted++;
        }
        break;
      case 'fail':
        if (before?.state !== 'failed') {
          if (before?.state === 'counted') result.uncounted++;
          set(observation.eventId, before, { state: 'failed', trade: before?.trade ?? null });
        }
        break;
    }
  }
  return result;
}
