import { Counter, Gauge } from 'prom-client';
import { TopicTally } from './topic-tally';

/** Counted per event without touching prom-client; added to the counters below when read. */
export const received = new TopicTally();
export const published = new TopicTally();
/** Receive time minus exchange time of each topic's latest event; set on the gauge when read. */
export const latestExchangeLatency = new TopicTally();

// Module-level: prom-client's default registry refuses a second metric with the same name.
export const eventsIn = new Counter({
  name: 'producer_events_received_total',
  help: 'Events received from the source, per topic they are bound for',
  labelNames: ['topic'],
  collect() {
    received.drain((topic, count) => this.inc({ topic }, count));
  },
});
export const eventsPublished = new Counter({
  name: 'producer_events_published_total',
  help: 'Events accepted by the messaging transport',
  labelNames: ['topic'],
  collect() {
    published.drain((topic, count) => this.inc({ topic }, count));
  },
});
export const publishFailures = new Counter({
  name: 'producer_publish_failures_total',
  help: 'Events the messaging transport refused or could not deliver',
  labelNames: ['topic'],
});
export const duplicatesDropped = new Counter({
  name: 'producer_duplicates_dropped_total',
  help: 'Exchange events dropped because their id was already published (reconnect/rollover overlap)',
});
export const reconnects = new Counter({
  name: 'producer_ws_reconnects_total',
  help: 'Exchange WebSocket connections lost and reopened',
});
export const rollovers = new Counter({
  name: 'producer_ws_rollovers_total',
  help: 'Exchange WebSocket connections replaced before their age limit or on serverShutdown',
  labelNames: ['forced'],
});
export const usedWeight = new Gauge({
  name: 'producer_rest_used_weight',
  help: 'REST request weight used in the current minute (X-MBX-USED-WEIGHT-1M)',
});
export const exchangeLatency = new Gauge({
  name: 'producer_exchange_latency_ms',
  help: 'Receive time minus exchange event time of the latest event, per topic',
  labelNames: ['topic'],
  collect() {
    latestExchangeLatency.drain((topic, ms) => this.set({ topic }, ms));
  },
});
export const eventsDropped = new Counter({
  name: 'producer_events_dropped_total',
  help: 'Events dropped because the buffer in front of Kafka was full (Kafka unavailable too long)',
  labelNames: ['topic'],
});
export const symbolRefreshFailures = new Counter({
  name: 'producer_symbol_refresh_failures_total',
  help: 'Re-reads of SYMBOLS_URL that failed or were malformed (the current list was kept)',
});
export const symbolListChanges = new Counter({
  name: 'producer_symbol_list_changes_total',
  help: 'Re-reads of SYMBOLS_URL that changed the symbols read (streams subscribed/unsubscribed)',
});
export const swapsSkipped = new Counter({
  name: 'producer_swaps_skipped_total',
  help: 'Recorded swaps a DEX replay left out: unknown-pool and malformed count lines, unreadable counts files',
  labelNames: ['reason'],
});
export const tradesRepaired = new Counter({
  name: 'producer_trades_repaired_total',
  help: 'Aggregate trades a trade stream skipped (reconnect, lost frame) that were fetched from REST and published in order',
});
export const tradeGaps = new Counter({
  name: 'producer_trade_gaps_total',
  help: 'Gaps in a trade stream that REST could not fill (older than the exchange keeps, REST failing)',
});
export const tradesMissing = new Counter({
  name: 'producer_trades_missing_total',
  help: 'Aggregate trades lost in the gaps of producer_trade_gaps_total',
});
