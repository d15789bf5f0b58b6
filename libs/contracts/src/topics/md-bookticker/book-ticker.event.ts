import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import {
  DecimalString,
  EpochMillis,
  ExchangeId,
  MarketDataSource,
  MarketSymbol,
  Source,
} from '../../validation/decorators';

/** Best bid and ask of one symbol, as `<symbol>@bookTicker` reports it, normalized. */
export class BookTickerEvent {
  @Source()
  source!: MarketDataSource;

  @MarketSymbol()
  symbol!: string;

  @ExchangeId('Order book update id (`u`) this best bid/ask belongs to')
  updateId!: number;

  @DecimalString('Best bid price')
  bidPrice!: string;

  @DecimalString('Quantity at the best bid')
  bidQty!: string;

  @DecimalString('Best ask price')
  askPrice!: string;

  @DecimalString('Quantity at the best ask')
  askQty!: string;

  /** Binance spot's bookTicker carries no event time; the simulator and replay may supply one. */
  @EpochMillis('Exchange event time, null when the exchange sends none', { nullable: true })
  exchangeTime!: number | null;

  @EpochMillis('When the producer received the event from the exchange')
  receivedAt!: number;

  @EpochMillis('When the producer published the event to Kafka')
  producedAt!: number;
}

/** Per-channel sequence numbers start at 1; exported for documentation of WS frames. */
export class SequenceNumber {
  @ApiProperty({ description: 'Per-channel sequence number, starting at 1', example: 1 })
  @IsInt()
  @Min(1)
  seq!: number;
}
