import { Counter, Gauge, Histogram } from 'prom-client';

/** What the gauges read when /metrics is scraped; set by the running service. */
export interface OrderbookStats {
  booksLive(): number;
  booksOwned(): number;
  snapshotWeightInWindow(): number;
  snapshotsWaiting(): number;
}

const NO_STATS: OrderbookStats = {
  booksLive: () => 0,
  booksOwned: () => 0,
  snapshotWeightInWindow: () => 0,
  snapshotsWaiting: () => 0,
};
let stats = NO_STATS;

export function reportStatsFrom(source: OrderbookStats | undefined): void {
  stats = source ?? NO_STATS;
}

export const booksInSync = new Gauge({
  name: 'orderbook_books_in_sync',
  help: 'Books this replica holds live (snapshot bridged, no gap since)',
  collect() {
    this.set(stats.booksLive());
  },
});
export const booksOwned = new Gauge({
  name: 'orderbook_books_owned',
  help: 'Symbols this replica owns through its depth-topic partitions, in sync or not',
  collect() {
    this.set(stats.booksOwned());
  },
});
export const bookResyncs = new Counter({
  name: 'orderbook_resyncs_total',
  help: 'Times a book had to be (re)fetched, by cause (gap, snapshot-too-old, buffer-overflow, fetch-failed, invalid-event)',
  labelNames: ['cause'],
});
export const bookGaps = new Counter({
  name: 'orderbook_gaps_total',
  help: 'Missed diffs detected (a live gap, or diffs dropped while awaiting a snapshot)',
});
export const snapshotWeightUsed = new Counter({
  name: 'orderbook_snapshot_weight_used_total',
  help: 'Exchange request weight spent on depth snapshots',
});
export const snapshotWeightLastMinute = new Gauge({
  name: 'orderbook_snapshot_weight_last_minute',
  help: 'Snapshot request weight started in the last 60 s (the budget is SNAPSHOT_WEIGHT_PER_MINUTE)',
  collect() {
    this.set(stats.snapshotWeightInWindow());
  },
});
export const snapshotsWaiting = new Gauge({
  name: 'orderbook_snapshots_waiting',
  help: 'Snapshot requests queued for their turn under the weight budget',
  collect() {
    this.set(stats.snapshotsWaiting());
  },
});
export const bookUpdatesPublished = new Counter({
  name: 'orderbook_book_updates_published_total',
  help: 'book.update.v1 messages published',
});
export const bookUpdateLag = new Histogram({
  name: 'orderbook_update_lag_seconds',
  help: 'From the exchange event time of the last applied diff to publishing the book',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});
export const settingsRefreshFailures = new Counter({
  name: 'orderbook_settings_refresh_failures_total',
  help: 'Reads of a settings file or URL that failed or were malformed (the last good settings stay), by settings (anomaly, priority)',
  labelNames: ['settings'],
});
