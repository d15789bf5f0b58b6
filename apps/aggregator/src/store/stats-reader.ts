import { StatsMarket, StatsUpdateEvent, StatsWindow } from '@app/contracts';
import { SqlExecutor } from '@app/storage';

const FIGURES = `trade_count::int as "tradeCount", trim_scale(base_volume)::text as "baseVolume",
  trim_scale(quote_volume)::text as "quoteVolume", trim_scale(vwap)::text as vwap,
  trim_scale(open)::text as open, trim_scale(high)::text as high, trim_scale(low)::text as low,
  trim_scale(close)::text as close, trim_scale(avg_price)::text as "avgPrice",
  trim_scale(buy_volume)::text as "buyVolume", trim_scale(sell_volume)::text as "sellVolume"`;

type Figures = Omit<StatsUpdateEvent, 'producedAt' | 'windowStart' | 'windowEnd' | 'window'> & {
  windowStart: string;
  windowEnd: string;
};

function toEvent(row: Figures, window: StatsWindow, producedAt: number): StatsUpdateEvent {
  return {
    ...row,
    market: row.market,
    window,
    windowStart: Number(row.windowStart),
    windowEnd: Number(row.windowEnd),
    producedAt,
  };
}

/** The listed one-minute windows that exist (a window whose last event was taken out does not). */
export async function readMinuteStats(
  db: SqlExecutor,
  windows: readonly { pair: string; minuteStart: number }[],
  producedAt: number,
): Promise<StatsUpdateEvent[]> {
  if (windows.length === 0) return [];
  const { rows } = await db.query<Figures>(
    `select w.pair, market, w.minute_start as "windowStart", w.minute_start + 60000 as "windowEnd", ${FIGURES}
     from aggregator_minute_windows w
     join unnest($1::text[], $2::bigint[]) as a(pair, minute_start)
       on w.pair = a.pair and w.minute_start = a.minute_start
     order by w.pair, w.minute_start`,
    [windows.map((w) => w.pair), windows.map((w) => w.minuteStart)],
  );
  return rows.map((row) => toEvent(row, '1m', producedAt));
}

/** Rolling 1h and 24h figures of the listed pairs. */
export async function readRollingStats(
  db: SqlExecutor,
  pairs: readonly string[],
  producedAt: number,
): Promise<StatsUpdateEvent[]> {
  if (pairs.length === 0) return [];
  const { rows } = await db.query<Figures & { span: StatsWindow }>(
    `select pair, span, market, window_start as "windowStart", window_end as "windowEnd", ${FIGURES}
     from aggregator_pair_stats where pair = any($1::text[]) and span in ('1h', '24h')
     order by pair, span`,
    [[...pairs]],
  );
  return rows.map(({ span, ...row }) => toEvent(row, span, producedAt));
}

export interface TopPair {
  pair: string;
  market: StatsMarket;
  quoteVolume: string;
}

/** The pairs with the largest quote volume over a span (each in its own quote asset). */
export async function readTopPairs(
  db: SqlExecutor,
  span: '1h' | '24h' | 'all',
  limit: number,
): Promise<TopPair[]> {
  const { rows } = await db.query<TopPair>(
    `select pair, market, trim_scale(quote_volume)::text as "quoteVolume"
     from aggregator_pair_stats where span = $1 order by quote_volume desc, pair limit $2`,
    [span, limit],
  );
  return rows;
}
