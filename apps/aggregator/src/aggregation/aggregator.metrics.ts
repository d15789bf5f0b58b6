import { Counter, Gauge, Histogram } from 'prom-client';

/** The aggregator's figures on /metrics (prom-client's default registry). */
export const aggregatorMetrics = {
  counted: new Counter({
    name: 'aggregator_events_counted_total',
    help: 'Trades and confirmed swaps counted into the statistics',
  }),
  uncounted: new Counter({
    name: 'aggregator_events_uncounted_total',
    help: 'Counted swaps taken out again (reorged or failed)',
  }),
  duplicates: new Counter({
    name: 'aggregator_duplicates_dropped_total',
    help: 'Events delivered again after they had been counted',
  }),
  late: new Counter({
    name: 'aggregator_late_events_total',
    help: 'Counted events older than the latest window this process had seen for their pair',
  }),
  batchSize: new Histogram({
    name: 'aggregator_batch_size',
    help: 'Messages per batch transaction',
    buckets: [1, 10, 100, 500, 1000, 2000, 5000, 10000],
  }),
  transactionSeconds: new Histogram({
    name: 'aggregator_transaction_seconds',
    help: 'Duration of a batch transaction',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  }),
  lag: new Gauge({
    name: 'aggregator_consumer_lag',
    help: 'Messages behind the high watermark after the last committed batch',
    labelNames: ['topic', 'partition'],
  }),
  beyondRetention: new Counter({
    name: 'aggregator_events_beyond_retention_total',
    help: 'Events refused because they are older than the ledger retention horizon (their ids may have been pruned)',
  }),
  prunedRows: new Counter({
    name: 'aggregator_pruned_rows_total',
    help: 'Rows deleted by retention, by table (aggregator_events, aggregator_minute_windows)',
    labelNames: ['table'],
  }),
  pruneFailures: new Counter({
    name: 'aggregator_prune_failures_total',
    help: 'Retention prunes that failed (retried at the next interval)',
  }),
};
