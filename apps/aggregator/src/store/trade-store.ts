import { SqlExecutor } from '@app/storage';
import { CountedTrade, minuteOf } from '../stats/counted-trade';
import { FIGURES, FigureRow } from './stats-reader';
import { scaled } from './window-store';

/** The stored high-water marks of those marks that have one (`aggregator_trade_marks`). */
export async function readTradeMarks(
  tx: SqlExecutor,
  marks: readonly string[],
): Promise<Map<string, number>> {
  if (marks.length === 0) return new Map();
  const { rows } = await tx.query<{ mark: string; last_trade_id: string }>(
    'select mark, last_trade_id from aggregator_trade_marks where mark = any($1::text[])',
    [[...marks]],
  );
  return new Map(rows.map((row) => [row.mark, Number(row.last_trade_id)]));
}

const sum = (column: string): string => `trim_scale(w.${column} + excluded.${column})`;
/** (time, ordinal, id) of the stored window's open or close, and of the batch's. */
const key = (table: string, end: 'open' | 'close'): string =>
  `(${table}.${end}_time, ${table}.${end}_ordinal, ${table}.${end}_id collate "C")`;
/** Takes the batch's value of `column` when `when`, else keeps the stored one. */
const pick = (when: string, columns: readonly string[]): string =>
  columns.map((c) => `${c} = case when ${when} then excluded.${c} else w.${c} end`).join(',\n');
const OPEN_COLUMNS = ['open', 'open_time', 'open_ordinal', 'open_id'];
const CLOSE_COLUMNS = ['close', 'close_time', 'close_ordinal', 'close_id'];
const FIRST = 'e.event_time, e.ordinal, e.event_id collate "C"';
const LAST = 'e.event_time desc, e.ordinal desc, e.event_id collate "C" desc';
const first = (column: string, order: string): string =>
  `(array_agg(e.${column} order by ${order}))[1]`;

/**
 * Counts new exchange trades (above their marks) into their one-minute windows and moves the
 * marks, in one statement. The trades are still stored in the ledger table (the gateway's trade
 * history reads them), as plain inserts: the marks decided they are new, and the primary key
 * refuses the batch rather than count a trade twice should they ever be wrong. The batch's trades are summed per window and added to what is stored
 * (sums exact, VWAP and average divided again from the new sums), high and low widened, and open
 * or close replaced when the batch's first or last trade by (event time, ordinal, event id) comes
 * before or after the stored one's (a stored window whose open trade was pruned keeps its open:
 * migration 006). Returns the windows as stored. The cost is the batch's, not the history's.
 */
export async function addTradesToMinutes(
  tx: SqlExecutor,
  trades: readonly CountedTrade[],
  marks: ReadonlyMap<string, number>,
): Promise<FigureRow[]> {
  if (trades.length === 0) return [];
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const t of trades) {
    const values = [
      t.pair,
      minuteOf(t.eventTime),
      t.eventTime,
      t.ordinal,
      t.eventId,
      t.price,
      t.baseAmount,
      t.quoteAmount,
      t.takerBuys,
    ];
    values.forEach((value, index) => columns[index].push(value));
  }
  const { rows } = await tx.query<FigureRow>(
    `with marked as (
       insert into aggregator_trade_marks (mark, last_trade_id)
       select * from unnest($10::text[], $11::bigint[])
       on conflict (mark) do update
         set last_trade_id = greatest(aggregator_trade_marks.last_trade_id, excluded.last_trade_id)
     ), e as (
       select * from unnest($1::text[], $2::bigint[], $3::bigint[], $4::numeric[], $5::text[],
                            $6::numeric[], $7::numeric[], $8::numeric[], $9::boolean[])
         as e(pair, minute_start, event_time, ordinal, event_id, price, base_amount, quote_amount,
              taker_buys)
     ), stored as (
       insert into aggregator_events (event_id, state, pair, market, minute_start, event_time,
                                      ordinal, price, base_amount, quote_amount, taker_buys)
       select event_id, 'counted', pair, 'spot', minute_start, event_time, ordinal, price,
              base_amount, quote_amount, taker_buys
       from e
     ), sums as (
       select e.pair, e.minute_start, count(*)::int as trade_count,
              trim_scale(sum(e.base_amount)) as base_volume,
              trim_scale(sum(e.quote_amount)) as quote_volume,
              trim_scale(sum(e.price)) as price_sum,
              trim_scale(max(e.price)) as high, trim_scale(min(e.price)) as low,
              trim_scale(coalesce(sum(e.base_amount) filter (where e.taker_buys), 0)) as buy_volume,
              trim_scale(coalesce(sum(e.base_amount) filter (where not e.taker_buys), 0)) as sell_volume,
              ${first('price', FIRST)} as open, ${first('event_time', FIRST)} as open_time,
              ${first('ordinal', FIRST)} as open_ordinal, ${first('event_id', FIRST)} as open_id,
              ${first('price', LAST)} as close, ${first('event_time', LAST)} as close_time,
              ${first('ordinal', LAST)} as close_ordinal, ${first('event_id', LAST)} as close_id
       from e group by e.pair, e.minute_start
     )
     insert into aggregator_minute_windows as w (pair, minute_start, market, trade_count,
       base_volume, quote_volume, price_sum, vwap, open, high, low, close, avg_price, buy_volume,
       sell_volume, open_time, open_ordinal, open_id, close_time, close_ordinal, close_id)
     select pair, minute_start, 'spot', trade_count, base_volume, quote_volume, price_sum,
            ${scaled('quote_volume', 'base_volume')}, open, high, low, close,
            ${scaled('price_sum', 'trade_count')}, buy_volume, sell_volume,
            open_time, open_ordinal, open_id, close_time, close_ordinal, close_id
     from sums
     on conflict (pair, minute_start) do update set
       trade_count = w.trade_count + excluded.trade_count,
       base_volume = ${sum('base_volume')}, quote_volume = ${sum('quote_volume')},
       price_sum = ${sum('price_sum')}, buy_volume = ${sum('buy_volume')},
       sell_volume = ${sum('sell_volume')},
       vwap = ${scaled('w.quote_volume + excluded.quote_volume', 'w.base_volume + excluded.base_volume')},
       avg_price = ${scaled('w.price_sum + excluded.price_sum', 'w.trade_count + excluded.trade_count')},
       high = greatest(w.high, excluded.high), low = least(w.low, excluded.low),
       ${pick(`${key('excluded', 'open')} < ${key('w', 'open')}`, OPEN_COLUMNS)},
       ${pick(`w.close_time is null or ${key('excluded', 'close')} > ${key('w', 'close')}`, CLOSE_COLUMNS)}
     returning pair, market, '1m' as span, minute_start as "windowStart",
               minute_start + 60000 as "windowEnd", ${FIGURES}`,
    [...columns, [...marks.keys()], [...marks.values()]],
  );
  return rows;
}
