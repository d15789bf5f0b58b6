import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';

/*
 * One decorator per kind of variable: it converts the raw string and validates it, and its message
 * names the variable and what was expected, so a bad deployment fails with a readable line.
 */

const toInt = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
);

export function EnvInt(min: number, max: number): PropertyDecorator {
  const expected = { message: `$property must be an integer from ${min} to ${max}` };
  return applyDecorators(toInt, IsInt(expected), Min(min, expected), Max(max, expected));
}

export function EnvPort(): PropertyDecorator {
  return EnvInt(1, 65535);
}

export function EnvBool(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      return value;
    }),
    ValidateBy({
      name: 'isEnvBool',
      validator: {
        validate: (value: unknown) => typeof value === 'boolean',
        defaultMessage: () => '$property must be one of true, false, 1, 0',
      },
    }),
  );
}

export function EnvEnum(values: readonly string[]): PropertyDecorator {
  return IsIn(values, { message: `$property must be one of ${values.join(', ')}` });
}

const hostPort = /^[A-Za-z0-9.-]+:(\d{1,5})$/;

function isHostPort(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = hostPort.exec(value);
  return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= 65535;
}

/** `KAFKA_BROKERS`: a comma-separated list of host:port; parsed into an array. */
export function EnvHostPortList(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value,
    ),
    ValidateBy({
      name: 'isHostPortList',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) && value.length > 0 && value.every(isHostPort),
        defaultMessage: () => '$property must be a comma-separated list of host:port',
      },
    }),
  );
}

export function EnvUrl(protocols: readonly string[]): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsString(),
    ValidateBy({
      name: 'isUrlWithProtocol',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && hasProtocol(value, protocols),
        defaultMessage: () =>
          `$property must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      },
    }),
  );
}

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function EnvName(): PropertyDecorator {
  return Matches(/^[A-Za-z0-9._-]{1,100}$/, {
    message: '$property must be 1-100 characters of letters, digits, dot, dash or underscore',
  });
}

const symbolPattern = /^[A-Z0-9]{2,20}$/;

/** A comma-separated list of exchange symbols (BTCUSDT,ETHUSDT); parsed into an array. */
export function EnvSymbolList(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.split(',').map((part) => part.trim().toUpperCase()) : value,
    ),
    ValidateBy({
      name: 'isSymbolList',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length > 0 &&
          value.every((item) => typeof item === 'string' && symbolPattern.test(item)),
        defaultMessage: () =>
          '$property must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT',
      },
    }),
  );
}

/** A filesystem path (relative paths resolve against the working directory). */
export function EnvPath(): PropertyDecorator {
  return Matches(/^[^\0]{1,4096}$/, { message: '$property must be a filesystem path' });
}

/**
 * Like `EnvUrl`, but the variable must be set: for a dependency the app cannot run without
 * (`DATABASE_URL` for `npm run migrate`). One check, one message, whether it is unset or malformed.
 */
export function EnvRequiredUrl(protocols: readonly string[]): PropertyDecorator {
  const expected = protocols.map((protocol) => `${protocol}//`).join(' or ');
  return ValidateBy({
    name: 'isRequiredUrlWithProtocol',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && hasProtocol(value, protocols),
      defaultMessage: () => `$property is required: a URL starting with ${expected}`,
    },
  });
}
