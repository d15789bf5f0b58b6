import { Client } from 'pg';
import { Figures } from './independent-stats';

const FIGURES = `trade_count::int as "tradeCount", trim_scale(base_volume)::text as "baseVolume",
  trim_scale(quote_volume)::text as "quoteVolume", trim_scale(vwap)::text as vwap,
  trim_scale(open)::text as open, trim_scale(high)::text as high, trim_scale(low)::text as low,
  trim_scale(close)::text as close, trim_scale(avg_price)::text as "avgPrice",
  trim_scale(buy_volume)::text as "buyVolume", trim_scale(sell_volume)::text as "sellVolume"`;

/**
 * Every one-minute window and rolling figure the aggregator stored, keyed like `independentStats`;
 * with `pairs`, only theirs.
 */
export async function storedStats(
  pg: Client,
  schema: string,
  pairs?: readonly string[],
): Promise<{
  minutes: Map<string, Figures>;
  spans: Map<string, Figures & { windowStart: number; windowEnd: number }>;
}> {
  const only = pairs ? ' where pair = any($1)' : '';
  const values = pairs ? [pairs] : [];
  const minutes = await pg.query<Figures & { pair: string; minute_start: string }>(
    `select pair, minute_start, ${FIGURES} from ${schema}.aggregator_minute_windows${only}`,
    values,
  );
  const spans = await pg.query<
    Figures & { pair: string; span: string; window_start: string; window_end: string }
  >(
    `select pair, span, window_start, window_end, ${FIGURES} from ${schema}.aggregator_pair_stats${only}`,
    values,
  );
  return {
    minutes: new Map(
      minutes.rows.map(({ pair, minute_start, ...figures }) => [
        `${pair} ${minute_start}`,
        figures,
      ]),
    ),
    spans: new Map(
      spans.rows.map(({ pair, span, window_start, window_end, ...figures }) => [
        `${pair} ${span}`,
        { ...figures, windowStart: Number(window_start), windowEnd: Number(window_end) },
      ]),
    ),
  };
}

/** The keys whose figures differ (or exist on one side only), for a readable failure. */
export function differences<T>(expected: Map<string, T>, actual: Map<string, T>): string[] {
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  const out: string[] = [];
  for (const key of [...keys].sort()) {
    const a = JSON.stringify(expected.get(key) ?? null);
    const b = JSON.stringify(actual.get(key) ?? null);
    if (a !== b) out.push(`${key}: expected ${a}, stored ${b}`);
  }
  return out;
}
