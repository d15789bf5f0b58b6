import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

/*
 * Each decorator carries both the validation and the OpenAPI description of a field, so the two
 * cannot drift apart. They are used on Kafka contracts, REST DTOs and WebSocket frames alike.
 */

export const SYMBOL_PATTERN = /^[A-Z0-9]{2,20}$/;

/** An exchange symbol such as BTCUSDT: upper-case letters and digits. */
export function MarketSymbol(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: 'Exchange symbol, upper case',
      example: 'BTCUSDT',
      pattern: SYMBOL_PATTERN.source,
    }),
    IsString(),
    Matches(SYMBOL_PATTERN, { message: '$property must be an upper-case symbol such as BTCUSDT' }),
  );
}

/** A non-negative decimal as the exchange sends it ("0.00100000"); never parsed to a float. */
export const DECIMAL_PATTERN = /^\d{1,30}(\.\d{1,30})?$/;

export function DecimalString(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `${description} (exact decimal string)`,
      example: '27123.45000000',
      pattern: DECIMAL_PATTERN.source,
    }),
    IsString(),
    Matches(DECIMAL_PATTERN, { message: '$property must be a non-negative decimal string' }),
  );
}

/** Milliseconds since the Unix epoch. */
export function EpochMillis(
  description: string,
  options: { nullable?: boolean } = {},
): PropertyDecorator {
  const decorators = [
    ApiProperty({
      description: `${description} (ms since epoch)`,
      example: 1700000000000,
      type: Number,
      nullable: options.nullable ?? false,
    }),
    IsInt({ message: '$property must be an integer of milliseconds since the epoch' }),
    Min(0),
    Max(8_640_000_000_000_000),
  ];
  if (options.nullable) decorators.unshift(ValidateIf((_object, value) => value !== null));
  return applyDecorators(...decorators);
}

/** A non-negative integer id from the exchange (update id, trade id). */
export function ExchangeId(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: 400900217, type: Number }),
    IsInt({ message: '$property must be a non-negative integer' }),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

export const MARKET_DATA_SOURCES = ['binance', 'simulator', 'replay'] as const;
export type MarketDataSource = (typeof MARKET_DATA_SOURCES)[number];

export function Source(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'Where the event came from', enum: MARKET_DATA_SOURCES }),
    IsIn(MARKET_DATA_SOURCES, {
      message: `$property must be one of ${MARKET_DATA_SOURCES.join(', ')}`,
    }),
  );
}
