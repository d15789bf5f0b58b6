import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

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

export const ASSET_PATTERN = /^[A-Z0-9]{1,20}$/;

/** An asset such as BTC or USDT: upper-case letters and digits. */
export function Asset(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: 'USDT', pattern: ASSET_PATTERN.source }),
    IsString(),
    Matches(ASSET_PATTERN, { message: '$property must be an upper-case asset such as USDT' }),
  );
}

/** A non-negative decimal as the exchange sends it ("0.00100000"); never parsed to a float. */
export const DECIMAL_PATTERN = /^\d{1,30}(\.\d{1,30})?$/;

export function DecimalString(
  description: string,
  options: { nullable?: boolean } = {},
): PropertyDecorator {
  const decorators = [
    ApiProperty({
      description: `${description} (exact decimal string)`,
      type: String, // stated: a nullable field's reflected type is Object
      example: '27123.45000000',
      pattern: DECIMAL_PATTERN.source,
      ...(options.nullable ? { nullable: true } : {}),
    }),
    IsString(),
    Matches(DECIMAL_PATTERN, { message: '$property must be a non-negative decimal string' }),
  ];
  if (options.nullable) decorators.unshift(ValidateIf((_object, value) => value !== null));
  return applyDecorators(...decorators);
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

/** `[price, quantity]` pairs as the exchange sends them in depth events and snapshots. */
export type PriceLevelTuple = [price: string, quantity: string];

const MAX_LEVELS = 5000;

export function PriceLevels(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `${description}: [price, quantity] pairs as exact decimal strings`,
      type: 'array',
      items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
      example: [['27123.45000000', '0.51200000']],
    }),
    ValidateBy({
      name: 'isPriceLevels',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length <= MAX_LEVELS &&
          value.every(
            (level) =>
              Array.isArray(level) &&
              level.length === 2 &&
              level.every((part) => typeof part === 'string' && DECIMAL_PATTERN.test(part)),
          ),
        defaultMessage: () =>
          `$property must be at most ${MAX_LEVELS} [price, quantity] pairs of decimal strings`,
      },
    }),
  );
}

/** A signed integer in a token's smallest unit ("-1500000"), exact at any size. */
export const SIGNED_INTEGER_PATTERN = /^-?\d{1,78}$/;

export function SignedIntegerString(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: `${description} (signed integer string)`, example: '-1500000' }),
    IsString(),
    Matches(SIGNED_INTEGER_PATTERN, { message: '$property must be a signed integer string' }),
  );
}

/** A non-negative integer too large for a JS number (uint160 sqrtPriceX96, uint128 liquidity). */
export function UnsignedIntegerString(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: `${description} (unsigned integer string)`,
      example: '1461446703485210103287273052203988822378723970341',
    }),
    IsString(),
    Matches(/^\d{1,78}$/, { message: '$property must be an unsigned integer string' }),
  );
}

/** `0x`-prefixed lower-case hex of an exact length (20 bytes for addresses, 32 for hashes). */
export function HexBytes(description: string, bytes: number): PropertyDecorator {
  const pattern = new RegExp(`^0x[0-9a-f]{${bytes * 2}}$`);
  return applyDecorators(
    ApiProperty({
      description: `${description} (0x + ${bytes * 2} lower-case hex digits)`,
      pattern: pattern.source,
    }),
    IsString(),
    Matches(pattern, {
      message: `$property must be 0x followed by ${bytes * 2} lower-case hex digits`,
    }),
  );
}

/** A bounded non-negative integer (counts, indices, decimals). */
export function Count(description: string, max = Number.MAX_SAFE_INTEGER): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, type: Number, minimum: 0, maximum: max }),
    IsInt({ message: `$property must be an integer from 0 to ${max}` }),
    Min(0, { message: `$property must be an integer from 0 to ${max}` }),
    Max(max, { message: `$property must be an integer from 0 to ${max}` }),
  );
}

export function Flag(description: string): PropertyDecorator {
  return applyDecorators(ApiProperty({ description, type: Boolean }), IsBoolean());
}
