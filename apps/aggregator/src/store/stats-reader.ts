import { PairStats, StatsMarket, StatsSpan, StatsUpdateEvent, TopSpan } from '@app/contracts';
import { SqlExecutor } from '@app/storage';

export const FIGURES = `trade_count::int as "tradeCount", trim_scale(base_volume)::text as "baseVolume",
  trim_scale(quote_volume)::text as "quoteVolume", trim_scale(vwap)::text as vwap,
  trim_scale(open)::text as open, trim_scale(high)::text as high, trim_scale(low)::text as low,
  trim_scale(close)::text as close, trim_scale(avg_price)::text as "avgPrice",
  trim_scale(buy_volume)::text as "buyVolume", trim_scale(sell_volume)::text as "sellVolume"`;

type Figures = Omit<StatsUpdateEvent, 'producedAt' | 'windowStart' | 'windowEnd' | 'window'> & {
  windowStart: string;
  windowEnd: string;
};

/** A row of figures as a statement `returning` FIGURES gives it, with its span (`1m`, `1h`, ...). */
export type FigureRow = Figures & { span: StatsSpan };

export function toPairStats(row: FigureRow, producedAt: number): PairStats {
  const { span, ...figures } = row;
  return {
    ...figures,
    window: span,
    windowStart: Number(row.windowStart),
    windowEnd: Number(row.windowEnd),
    producedAt,
  };
}

/** `stats.update.v1` carries the windows its consumers know: every span but `all`. */
export function isStatsUpdate(stats: PairStats): stats is StatsUpdateEvent {
  return stats.window !== 'all';
}

export interface TopPair {
  pair: string;
  market: StatsMarket;
  quoteVolume: string;
}

/**
 * The pairs with the largest quote volume over each span (each in its own quote asset), all spans
 * in one statement: one round trip per batch instead of one per span.
 */
export async function readTopPairs(
  db: SqlExecutor,
  spans: readonly TopSpan[],
  limit: number,
): Promise<Map<TopSpan, TopPair[]>> {
  const { rows } = await db.query<TopPair & { span: TopSpan }>(
    `select span, pair, market, "quoteVolume" from (
       select span, pair, market, trim_scale(quote_volume)::text as "quoteVolume",
              row_number() over (partition by span order by quote_volume desc, pair) as rank
       from aggregator_pair_stats where span = any($1::text[])
     ) as ranked
     where rank <= $2 order by span, rank`,
    [[...spans], limit],
  );
  const bySpan = new Map(spans.map((span): [TopSpan, TopPair[]] => [span, []]));
  for (const { span, ...top } of rows) bySpan.get(span)?.push(top);
  return bySpan;
}
