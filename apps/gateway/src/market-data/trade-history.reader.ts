import { SQL_DATABASE, type SqlDatabase } from '@app/storage';
import { Inject, Injectable, Optional } from '@nestjs/common';

/** One stored trade as the aggregator counted it (exact decimals, trailing zeros trimmed). */
export interface StoredTrade {
  symbol: string;
  tradeId: number;
  /** `aggTrade` (an aggregate trade id) or `trade`. */
  kind: 'aggTrade' | 'trade';
  price: string;
  quantity: string;
  quoteQuantity: string;
  time: number;
  buyerIsMaker: boolean;
}

/** Where the next page starts: after this trade in (time, trade id, event id) order. */
export interface TradeCursor {
  time: number;
  ordinal: string;
  eventId: string;
}

interface TradeRow {
  event_id: string;
  event_time: string;
  ordinal: string;
  price: string;
  base_amount: string;
  quote_amount: string;
  taker_buys: boolean;
}

/**
 * Trades of a symbol over a time range, from the aggregator's exactly-once ledger
 * (`aggregator_events`, migration 002): every trade it counted, once, however often it was
 * delivered. Keyset pagination in (event time, trade id, event id) order, oldest first.
 */
@Injectable()
export class TradeHistoryReader {
  constructor(@Optional() @Inject(SQL_DATABASE) private readonly db?: SqlDatabase) {}

  get available(): boolean {
    return this.db !== undefined;
  }

  /** Up to `limit` trades in [from, to) after `after`, and whether more follow. */
  async trades(
    symbol: string,
    from: number,
    to: number,
    limit: number,
    after?: TradeCursor,
  ): Promise<{ trades: StoredTrade[]; next?: TradeCursor }> {
    if (!this.db) return { trades: [] };
    const minuteFrom = from - (from % 60_000);
    const { rows } = await this.db.query<TradeRow>(
      // minute_start narrows the scan to the counted-by-window index; event_time is the filter.
      `select event_id, event_time::text, ordinal::text, price::text, base_amount::text,
              quote_amount::text, taker_buys
         from aggregator_events
        where pair = $1 and market = 'spot' and state = 'counted'
          and minute_start >= $2 and minute_start < $4
          and event_time >= $3 and event_time < $4
          and ($5::bigint is null or (event_time, ordinal, event_id) > ($5::bigint, $6::numeric, $7::text))
        order by event_time, ordinal, event_id
        limit $8`,
      [
        symbol,
        minuteFrom,
        from,
        to,
        after?.time ?? null,
        after?.ordinal ?? null,
        after?.eventId ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      trades: page.map((row) => toTrade(symbol, row)),
      next:
        rows.length > limit && last
          ? { time: Number(last.event_time), ordinal: last.ordinal, eventId: last.event_id }
          : undefined,
    };
  }
}

/** `trade:<SYMBOL>:<t|a>:<tradeId>` (the aggregator's trade id) back into the exchange's fields. */
function toTrade(symbol: string, row: TradeRow): StoredTrade {
  const kind = row.event_id.split(':')[2] === 'a' ? 'aggTrade' : 'trade';
  return {
    symbol,
    tradeId: Number(row.ordinal),
    kind,
    price: row.price,
    quantity: row.base_amount,
    quoteQuantity: row.quote_amount,
    time: Number(row.event_time),
    buyerIsMaker: !row.taker_buys,
  };
}
