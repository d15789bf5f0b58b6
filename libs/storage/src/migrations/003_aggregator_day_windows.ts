import { Migration } from './migration';

/**
 * Per pair and UTC day, the sums of its one-minute windows, so the `all` span sums a pair's days
 * instead of every minute it ever had (43,200 a month, per pair and batch). The aggregator
 * recomputes the days a batch touched from their minutes, in the batch's transaction; this step
 * fills the table from the minutes already stored, with the same arithmetic (`window-store.ts`):
 * exact sums, open and close of the first and last minute, divisions truncated to 18 decimals.
 */
export const aggregatorDayWindows: Migration = {
  version: 3,
  name: 'aggregator_day_windows',
  sql: `
    create table aggregator_day_windows (
      pair         text    not null,
      day_start    bigint  not null,
      market       text    not null,
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
      primary key (pair, day_start)
    );

    insert into aggregator_day_windows (pair, day_start, market, trade_count, base_volume,
      quote_volume, price_sum, vwap, open, high, low, close, avg_price, buy_volume, sell_volume)
    select pair, day_start, market, trade_count, base_volume, quote_volume, price_sum,
           trim_scale(div(quote_volume * 1000000000000000000::numeric, base_volume)
                      * 0.000000000000000001::numeric),
           open, high, low, close,
           trim_scale(div(price_sum * 1000000000000000000::numeric, trade_count)
                      * 0.000000000000000001::numeric),
           buy_volume, sell_volume
    from (
      select pair, minute_start - ((minute_start % 86400000) + 86400000) % 86400000 as day_start,
             min(market) as market, sum(trade_count) as trade_count,
             trim_scale(sum(base_volume)) as base_volume,
             trim_scale(sum(quote_volume)) as quote_volume,
             trim_scale(sum(price_sum)) as price_sum,
             (array_agg(open order by minute_start))[1] as open, max(high) as high,
             min(low) as low, (array_agg(close order by minute_start desc))[1] as close,
             trim_scale(sum(buy_volume)) as buy_volume, trim_scale(sum(sell_volume)) as sell_volume
      from aggregator_minute_windows
      group by 1, 2
    ) as days;
  `,
};
