import { SQL_DATABASE, type SqlDatabase } from '@app/storage';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MinuteFigures } from './candles';

interface MinuteRow {
  minute_start: string;
  open: string;
  high: string;
  low: string;
  close: string;
  base_volume: string;
  quote_volume: string;
  buy_volume: string;
  sell_volume: string;
  trade_count: number;
  avg_price: string;
  price_sum: string;
}

/**
 * The aggregator's committed minutes (`aggregator_minute_windows`, migration 002) for candles.
 * Optional: without a database (a gateway run without DATABASE_URL wiring) candles come from the
 * minutes this replica consumed.
 */
@Injectable()
export class MinuteWindowReader {
  constructor(@Optional() @Inject(SQL_DATABASE) private readonly db?: SqlDatabase) {}

  get available(): boolean {
    return this.db !== undefined;
  }

  async minutes(pair: string, from: number, to: number): Promise<MinuteFigures[]> {
    if (!this.db) return [];
    // numeric comes back as text: exact, as stored.
    const { rows } = await this.db.query<MinuteRow>(
      `select minute_start::text, open::text, high::text, low::text, close::text,
              base_volume::text, quote_volume::text, buy_volume::text, sell_volume::text, trade_count,
              trim_scale(avg_price)::text as avg_price, price_sum::text
         from aggregator_minute_windows
        where pair = $1 and minute_start >= $2 and minute_start < $3
        order by minute_start`,
      [pair, from, to],
    );
    return rows.map((row) => ({
      windowStart: Number(row.minute_start),
      open: row.open,
      high: row.high,
      low: row.low,
      close: row.close,
      baseVolume: row.base_volume,
      quoteVolume: row.quote_volume,
      buyVolume: row.buy_volume,
      sellVolume: row.sell_volume,
      tradeCount: Number(row.trade_count),
      // trim_scale, as the aggregator prints it in its stats: the same text either way.
      avgPrice: row.avg_price,
      priceSum: row.price_sum,
    }));
  }

  async knows(pair: string): Promise<boolean> {
    if (!this.db) return false;
    const { rows } = await this.db.query(
      'select 1 from aggregator_minute_windows where pair = $1 limit 1',
      [pair],
    );
    return rows.length > 0;
  }
}
