import { Migration } from './migration';

/**
 * Exchange trades are deduplicated by high-water mark instead of by their ledger row (which stays,
 * as a plain insert, for the gateway's trade history):
 * `aggregator_trade_marks` keeps, per symbol and id kind (`BTCUSDT:a` for aggregate trades,
 * `BTCUSDT:t` for trades), the highest trade id counted; the exchange numbers a symbol's trades in
 * order and a symbol's trades stay in order in one partition, so an id at or below the mark was
 * counted already. Their minute windows are then updated by adding a batch's trades to what is
 * stored, and keep the key (event time, ordinal, event id) of their open and close to decide
 * whether a late trade opens or closes the minute. DEX swaps keep the ledger (`aggregator_events`):
 * a reorg takes a swap out again, so their windows are still recomputed from it, keys left null.
 *
 * Filled here from the ledger for trades counted before: the marks from the highest ids it still
 * holds (the newest, which retention keeps), the keys of every trade window it holds rows of. A
 * window whose earliest trades were pruned keeps a null open key: its open is older than any event
 * the retention horizon still accepts, so no late trade may replace it; one with no rows left gets
 * null keys both ends, and any accepted trade closes it.
 */
const FIRST = 'event_time, ordinal, event_id collate "C"';
const LAST = 'event_time desc, ordinal desc, event_id collate "C" desc';

export const aggregatorTradeMarks: Migration = {
  version: 6,
  name: 'aggregator_trade_marks',
  sql: `
    create table aggregator_trade_marks (
      mark          text   primary key,
      last_trade_id bigint not null
    );
    insert into aggregator_trade_marks (mark, last_trade_id)
    select split_part(event_id, ':', 2) || ':' || split_part(event_id, ':', 3),
           max(split_part(event_id, ':', 4)::bigint)
      from aggregator_events where event_id like 'trade:%'
     group by 1;

    alter table aggregator_minute_windows
      add column open_time     bigint,
      add column open_ordinal  numeric,
      add column open_id       text,
      add column close_time    bigint,
      add column close_ordinal numeric,
      add column close_id      text;
    update aggregator_minute_windows w
       set open_time = case when k.n = w.trade_count then k.open_time end,
           open_ordinal = case when k.n = w.trade_count then k.open_ordinal end,
           open_id = case when k.n = w.trade_count then k.open_id end,
           close_time = k.close_time, close_ordinal = k.close_ordinal, close_id = k.close_id
      from (
        select pair, minute_start, count(*) as n,
               (array_agg(event_time order by ${FIRST}))[1] as open_time,
               (array_agg(ordinal order by ${FIRST}))[1] as open_ordinal,
               (array_agg(event_id order by ${FIRST}))[1] as open_id,
               (array_agg(event_time order by ${LAST}))[1] as close_time,
               (array_agg(ordinal order by ${LAST}))[1] as close_ordinal,
               (array_agg(event_id order by ${LAST}))[1] as close_id
          from aggregator_events
         where state = 'counted' and market = 'spot'
         group by pair, minute_start
      ) k
     where w.pair = k.pair and w.minute_start = k.minute_start;
  `,
};
