import { ASSET_PATTERN } from '@app/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/*
 * Query and path parameters: each decorator converts, validates and documents one parameter, and
 * its message starts with the parameter's name, so a 400 says exactly what to fix.
 */

const toInt = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
);

export function QueryInt(description: string, min: number, max: number): PropertyDecorator {
  const message = { message: `$property must be an integer from ${min} to ${max}` };
  return applyDecorators(
    ApiPropertyOptional({ description, type: Number, minimum: min, maximum: max }),
    IsOptional(),
    toInt,
    IsInt(message),
    Min(min, message),
    Max(max, message),
  );
}

export function RequiredEpochMillis(description: string): PropertyDecorator {
  const message = { message: '$property must be an integer of milliseconds since the epoch' };
  return applyDecorators(
    ApiProperty({
      description: `${description} (ms since epoch)`,
      type: Number,
      example: 1700000000000,
    }),
    toInt,
    IsInt(message),
    Min(0, message),
    Max(8_640_000_000_000_000, message),
  );
}

export function QueryEnum(values: readonly string[], description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, enum: values }),
    IsOptional(),
    IsIn(values, { message: `$property must be one of ${values.join(', ')}` }),
  );
}

export function QueryAsset(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example: 'USDT', pattern: ASSET_PATTERN.source }),
    IsOptional(),
    Matches(ASSET_PATTERN, { message: '$property must be an upper-case asset such as USDT' }),
  );
}

export const PAIR_PATTERN = /^[A-Za-z0-9.$/-]{2,41}$/;

export function PairParameter(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: 'An exchange symbol (BTCUSDT) or a DEX pair (WETH/USDC)',
      example: 'BTCUSDT',
      pattern: PAIR_PATTERN.source,
    }),
    Matches(PAIR_PATTERN, { message: '$property must be a symbol or a pair such as WETH/USDC' }),
  );
}
