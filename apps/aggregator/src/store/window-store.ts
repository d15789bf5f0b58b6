import { SqlExecutor } from '@app/storage';
import { FIGURES, FigureRow } from './stats-reader';

/** Truncates a division toward zero to 18 decimals exactly (`div` is exact; `/` rounds to a guessed scale). */
export const scaled = (numerator: string, denominator: string): string =>
  `trim_scale(div((${numerator}) * 1000000000000000000::numeric, ${denominator}) * 0.000000000000000001::numeric)`;

/**
 * Two partitions (two pools of one pair) may touch the same windows: a transaction-scoped lock per
 * pair, taken in a fixed order so two batches cannot deadlock, makes them take turns. The lock must
 * be held before the statement that recomputes: a statement reads the snapshot of its start.
 */
export const LOCK_PAIRS_SQL = (param: string): string =>
  `select count(pg_advisory_xact_lock(hashtext('aggregator:' || p)))
   from (select p from unnest(${param}::text[]) as p order by p collate "C") as ordered`;

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
const SPAN_COLUMNS = ['window_start', 'window_end', ...FIGURE_COLUMNS];
const updateAll = (columns: readonly string[]): string =>
  columns.map((column) => `${column} = excluded.${column}`).join(', ');

/** FIGURE_COLUMNS in order, from a row of sums: VWAP and average are divided here, once. */
const WITH_RATIOS = `market, trade_count, base_volume, quote_volume, price_sum,
  ${scaled('quote_volume', 'base_volume')}, open, high, low, close,
  ${scaled('price_sum', 'trade_count')}, buy_volume, sell_volume`;

/**
 * The end of a statement that has CTEs `touched` (pair, `start`) and `sums` (pair, `start` and the
 * summed figures): the touched windows without sums go, the others are upserted. The two parts
 * touch different rows, so they may share the statement's snapshot.
 */
const replaceTouched = (table: string, start: string, extra: readonly string[] = []): string =>
  `emptied as (
     delete from ${table} w using touched t
     where w.pair = t.pair and w.${start} = t.${start}
       and not exists (select 1 from sums s where s.pair = t.pair and s.${start} = t.${start})
   )
   insert into ${table} (pair, ${start}, ${[...extra, ...FIGURE_COLUMNS].join(', ')})
   select pair, ${start}, ${[...extra, WITH_RATIOS].join(', ')} from sums
   on conflict (pair, ${start}) do update set ${updateAll([...extra, ...FIGURE_COLUMNS])}`;

/**
 * The figures of a group of stored windows `w` (minutes or days) added up: exact sums, the open of
 * the first window and the close of the last by `start`. Summing minutes and summing the days the
 * same minutes make give the same figures: sums are exact, and trim_scale of a sum does not depend
 * on how it was grouped.
 */
const summedWindows = (start: string): string =>
  `min(w.market) as market, sum(w.trade_count) as trade_count,
   trim_scale(sum(w.base_volume)) as base_volume, trim_scale(sum(w.quote_volume)) as quote_volume,
   trim_scale(sum(w.price_sum)) as price_sum, (array_agg(w.open order by w.${start}))[1] as open,
   max(w.high) as high, min(w.low) as low,
   (array_agg(w.close order by w.${start} desc))[1] as close,
   trim_scale(sum(w.buy_volume)) as buy_volume, trim_scale(sum(w.sell_volume)) as sell_volume`;

const DAY_MS = 86_400_000;
/** The UTC day a minute (ms) is in; floored, as `minuteOf` floors, also before 1970. */
const dayOf = (minute: string): string =>
  `${minute} - ((${minute} % ${DAY_MS}) + ${DAY_MS}) % ${DAY_MS}`;

/**
 * Recomputes each listed one-minute window from the counted events in it (a window left with none
 * is deleted). Open and close are the first and last price by (event_time, ordinal, event_id).
 */
export async function recomputeMinuteWindows(
  tx: SqlExecutor,
  windows: readonly { pair: string; minuteStart: number }[],
): Promise<FigureRow[]> {
  if (windows.length === 0) return [];
  // One statement: the windows left without counted events go, the others are upserted.
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
     ), ${replaceTouched('aggregator_minute_windows', 'minute_start')}
     returning pair, market, '1m' as span, minute_start as "windowStart",
               minute_start + 60000 as "windowEnd", ${FIGURES}`,
    [windows.map((w) => w.pair), windows.map((w) => w.minuteStart)],
  );
  return rows;
}

/**
 * Recomputes the UTC days of the listed one-minute windows from their minutes (run after those
 * are recomputed, in the same transaction); a day left without minutes is deleted. The `all` span
 * is summed from these days, so its cost grows with a pair's days, not its minutes.
 */
export async function recomputeDayWindows(
  tx: SqlExecutor,
  windows: readonly { pair: string; minuteStart: number }[],
): Promise<void> {
  if (windows.length === 0) return;
  await tx.query(
    `with touched as (
       select distinct pair, ${dayOf('minute_start')} as day_start
       from unnest($1::text[], $2::bigint[]) as a(pair, minute_start)
     ), sums as (
       select t.pair, t.day_start, min(w.minute_start) as first_minute,
              ${summedWindows('minute_start')}
       from touched t
       join aggregator_minute_windows w on w.pair = t.pair and w.minute_start >= t.day_start
                                       and w.minute_start < t.day_start + ${DAY_MS}
       group by t.pair, t.day_start
     ), ${replaceTouched('aggregator_day_windows', 'day_start', ['first_minute'])}`,
    [windows.map((w) => w.pair), windows.map((w) => w.minuteStart)],
  );
}

/**
 * Recomputes each listed pair's rolling figures: `1h` and `24h` from its one-minute windows,
 * ending where the pair's latest window ends (event time, not the wall clock, so a replay gives
 * the same figures); `all` from its day windows (`recomputeDayWindows` first), from its first
 * counted minute (its day keeps it: the day outlives the minute) to the end of its latest.
 */
export async function recomputePairStats(
  tx: SqlExecutor,
  pairs: readonly string[],
): Promise<FigureRow[]> {
  if (pairs.length === 0) return [];
  // A pair left without windows loses its rows; the others are upserted (different rows). The
  // bounds are one-row subqueries per pair so they read the primary key's ends, not every minute;
  // `all` starts at the first minute its first day kept, since retention may have deleted it.
  const { rows } = await tx.query<FigureRow>(
    `with emptied as (
       delete from aggregator_pair_stats s where s.pair = any($1::text[])
       and not exists (select 1 from aggregator_minute_windows w where w.pair = s.pair)
     ), ends as (
       select p.pair,
              (select first_minute from aggregator_day_windows where pair = p.pair
                order by day_start limit 1) as first_start,
              (select max(minute_start) from aggregator_minute_windows where pair = p.pair) as last_start
       from unnest($1::text[]) as p(pair)
     ), bounds as (
       select pair, first_start, last_start + 60000 as window_end from ends where last_start is not null
     ), rolling as (
       select pair, '1h' as span, window_end - 3600000 as window_start, window_end from bounds
       union all select pair, '24h', window_end - 86400000, window_end from bounds
     ), sums as (
       select s.pair, s.span, s.window_start, s.window_end, ${summedWindows('minute_start')}
       from rolling s
       join aggregator_minute_windows w
         on w.pair = s.pair and w.minute_start >= s.window_start and w.minute_start < s.window_end
       group by s.pair, s.span, s.window_start, s.window_end
       union all
       select b.pair, 'all', b.first_start, b.window_end, ${summedWindows('day_start')}
       from bounds b join aggregator_day_windows w on w.pair = b.pair
       group by b.pair, b.first_start, b.window_end
     )
     insert into aggregator_pair_stats (pair, span, ${SPAN_COLUMNS.join(', ')})
     select pair, span, window_start, window_end, ${WITH_RATIOS} from sums
     on conflict (pair, span) do update set ${updateAll(SPAN_COLUMNS)}
     returning pair, market, span, window_start as "windowStart", window_end as "windowEnd",
               ${FIGURES}`,
    [[...pairs]],
  );
  return rows;
}
