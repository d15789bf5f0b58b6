import { Migration } from './migration';

/**
 * The aggregator's ledger and figures. `aggregator_events` records every trade or swap id it has
 * seen with how it stands (counted, reorged, failed), so redeliveries count once and a reorg can
 * take a swap out again; the window tables are recomputed from it for every window a batch touched,
 * in the same transaction that stores the consumer offsets. Amounts are exact `numeric`.
 */
export const aggregatorStats: Migration = {
  version: 2,
  name: 'aggregator_stats',
  sql: `
    create table aggregator_events (
      event_id     text    primary key,
      state        text    not null check (state in ('counted', 'reorged', 'failed')),
      pair         text,
      market       text,
      minute_start bigint,
      event_time   bigint,
      ordinal      numeric,
      price        numeric,
      base_amount  numeric,
      quote_amount numeric,
      taker_buys   boolean
    );
    create index aggregator_events_counted_by_window
      on aggregator_events (pair, minute_start) where state = 'counted';

    create table aggregator_minute_windows (
      pair         text    not null,
      minute_start bigint  not null,
      market       text    not null,
      trade_count  int     not null,
      base_volume  numeric not null,
      quote_volume numeric not null,
      price_sum    numeric not null,
      vwap         numeric not null,
      open         numeric not null,
      high         numeric not null,
      low          numeric not null,
      close        numeric not null,
      avg_price    numeric not null,
      buy_volume   numeric not null,
      sell_volume  numeric not null,
      primary key (pair, minute_start)
    );

    create table aggregator_pair_stats (
      pair         text    not null,
      span         text    not null check (span in ('1h', '24h', 'all')),
      market       text    not null,
      window_start bigint  not null,
      window_end   bigint  not null,
      trade_count  bigint  not null,
      base_volume  numeric not null,
      quote_volume numeric not null,
      price_sum    numeric not null,
      vwap         numeric not null,
      open         numeric not null,
      high         numeric not null,
      low          numeric not null,
      close        numeric not null,
      avg_price    numeric not null,
      buy_volume   numeric not null,
      sell_volume  numeric not null,
      primary key (pair, span)
    );
    create index aggregator_pair_stats_by_volume on aggregator_pair_stats (span, quote_volume desc);
  `,
};
