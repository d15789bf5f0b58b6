import { SqlExecutor } from '@app/storage';
import { FIGURES, FigureRow } from './stats-reader';

/** Truncates a division toward zero to 18 decimals exactly (`div` is exact; `/` rounds to a guessed scale). */
const scaled = (numerator: string, denominator: string): string =>
  `trim_scale(div((${numerator}) * 1000000000000000000::numeric, ${denominator}) * 0.000000000000000001::numeric)`;

/**
 * Two partitions (two pools of one pair) may touch the same windows: a transaction-scoped lock per
 * pair, taken in a fixed order so two batches cannot deadlock, makes them take turns. The lock must
 * be held before the statement that recomputes: a statement reads the snapshot of its start.
 */
export const LOCK_PAIRS_SQL = (param: string): string =>
  `select count(pg_advisory_xact_lock(hashtext('aggregator:' || p)))
   from (select p from unnest(${param}::text[]) as p order by p collate "C") as ordered`;

/**
 * Recomputes each listed one-minute window from the counted events in it (a window left with none
 * is deleted). Open and close are the first and last price by (event_time, ordinal, event_id).
 */
export async function recomputeMinuteWindows(
  tx: SqlExecutor,
  windows: readonly { pair: string; minuteStart: number }[],
): Promise<FigureRow[]> {
  if (windows.length === 0) return [];
  // One statement: the windows left without counted events go, the others are upserted. The two
  // parts touch different rows, so they may share the statement's snapshot.
  const { rows } = await tx.query<FigureRow>(
    `with touched as (
       select distinct * from unnest($1::text[], $2::bigint[]) as a(pair, minute_start)
     ), sums as (
       select e.pair, e.minute_start, min(e.market) as market, count(*)::int as trade_count,
              trim_scale(sum(e.base_amount)) as base_volume,
              trim_scale(sum(e.quote_amount)) as quote_volume,
              trim_scale(sum(e.price)) as price_sum,
              (array_agg(e.price order by e.event_time, e.ordinal, e.event_id collate "C"))[1] as open,
              trim_scale(max(e.price)) as high, trim_scale(min(e.price)) as low,
              (array_agg(e.price order by e.event_time desc, e.ordinal desc,
                         e.event_id collate "C" desc))[1] as close,
              trim_scale(coalesce(sum(e.base_amount) filter (where e.taker_buys), 0)) as buy_volume,
              trim_scale(coalesce(sum(e.base_amount) filter (where not e.taker_buys), 0)) as sell_volume
       from aggregator_events e
       join touched a on e.pair = a.pair and e.minute_start = a.minute_start
       where e.state = 'counted'
       group by e.pair, e.minute_start
     ), emptied as (
       delete from aggregator_minute_windows w using touched t
       where w.pair = t.pair and w.minute_start = t.minute_start
         and not exists (select 1 from sums s where s.pair = t.pair and s.minute_start = t.minute_start)
     )
     insert into aggregator_minute_windows (pair, minute_start, market, trade_count, base_volume,
       quote_volume, price_sum, vwap, open, high, low, close, avg_price, buy_volume, sell_volume)
     select pair, minute_start, market, trade_count, base_volume, quote_volume, price_sum,
            ${scaled('quote_volume', 'base_volume')}, open, high, low, close,
            ${scaled('price_sum', 'trade_count')}, buy_volume, sell_volume
     from sums
     on conflict (pair, minute_start) do update set ${updateAll(MINUTE_COLUMNS)}
     returning pair, market, '1m' as span, minute_start as "windowStart",
               minute_start + 60000 as "windowEnd", ${FIGURES}`,
    [windows.map((w) => w.pair), windows.map((w) => w.minuteStart)],
  );
  return rows;
}

const FIGURE_COLUMNS = [
  'market',
  'trade_count',
  'base_volume',
  'quote_volume',
  'price_sum',
  'vwap',
  'open',
  'high',
  'low',
  'close',
  'avg_price',
  'buy_volume',
  'sell_volume',
];
const MINUTE_COLUMNS = FIGURE_COLUMNS;
const SPAN_COLUMNS = ['window_start', 'window_end', ...FIGURE_COLUMNS];
const updateAll = (columns: readonly string[]): string =>
  columns.map((column) => `${column} = excluded.${column}`).join(', ');

/**
 * Recomputes each listed pair's rolling figures from its one-minute windows: `1h` and `24h` end
 * where the pair's latest window ends (event time, not the wall clock, so a replay gives the same
 * figures), `all` spans every window it has.
 */
export async function recomputePairStats(
  tx: SqlExecutor,
  pairs: readonly string[],
): Promise<FigureRow[]> {
  if (pairs.length === 0) return [];
  // A pair left without windows loses its rows; the others are upserted (different rows).
  const { rows } = await tx.query<FigureRow>(
    `with emptied as (
       delete from aggregator_pair_stats s where s.pair = any($1::text[])
       and not exists (select 1 from aggregator_minute_windows w where w.pair = s.pair)
     ), bounds as (
       select pair, min(minute_start) as first_start, max(minute_start) + 60000 as window_end
       from aggregator_minute_windows where pair = any($1::text[]) group by pair
     ), spans as (
       select pair, '1h' as span, window_end - 3600000 as window_start, window_end from bounds
       union all select pair, '24h', window_end - 86400000, window_end from bounds
       union all select pair, 'all', first_start, window_end from bounds
     )
     insert into aggregator_pair_stats (pair, span, market, window_start, window_end, trade_count,
       base_volume, quote_volume, price_sum, vwap, open, high, low, close, avg_price, buy_volume,
       sell_volume)
     select pair, span, market, window_start, window_end, trade_count, base_volume, quote_volume,
            price_sum, ${scaled('quote_volume', 'base_volume')}, open, high, low, close,
            ${scaled('price_sum', 'trade_count')}, buy_volume, sell_volume
     from (
       select s.pair, s.span, min(w.market) as market, s.window_start, s.window_end,
              sum(w.trade_count) as trade_count, trim_scale(sum(w.base_volume)) as base_volume,
              trim_scale(sum(w.quote_volume)) as quote_volume,
              trim_scale(sum(w.price_sum)) as price_sum,
              (array_agg(w.open order by w.minute_start))[1] as open, max(w.high) as high,
              min(w.low) as low, (array_agg(w.close order by w.minute_start desc))[1] as close,
              trim_scale(sum(w.buy_volume)) as buy_volume,
              trim_scale(sum(w.sell_volume)) as sell_volume
       from spans s
       join aggregator_minute_windows w
         on w.pair = s.pair and w.minute_start >= s.window_start and w.minute_start < s.window_end
       group by s.pair, s.span, s.window_start, s.window_end
     ) as sums
     on conflict (pair, span) do update set ${updateAll(SPAN_COLUMNS)}
     returning pair, market, span, window_start as "windowStart", window_end as "windowEnd",
               ${FIGURES}`,
    [[...pairs]],
  );
  return rows.filter((row) => row.span !== 'all');
}
