import { applyDecorators } from '@nestjs/common';
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

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
/** `*` (every symbol the exchange trades) or `*USDT` (every one quoted in USDT). */
export const SYMBOL_WILDCARD_PATTERN = /^\*([A-Z0-9]{2,12})?$/;

/**
 * A comma-separated list of exchange symbols (BTCUSDT,ETHUSDT); parsed into an array. With
 * `wildcards`, an entry may also be `*` or `*QUOTE` (resolved against the exchange's listing).
 */
export function EnvSymbolList({ wildcards = false } = {}): PropertyDecorator {
  const valid = (item: unknown) =>
    typeof item === 'string' &&
    (symbolPattern.test(item) || (wildcards && SYMBOL_WILDCARD_PATTERN.test(item)));
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.split(',').map((part) => part.trim().toUpperCase()) : value,
    ),
    ValidateBy({
      name: 'isSymbolList',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) && value.length > 0 && value.every(valid),
        defaultMessage: () =>
          wildcards
            ? '$property must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT, or * (every trading symbol), or *USDT (every one quoted in USDT)'
            : '$property must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT',
      },
    }),
  );
}

const pathPattern = /^[^\0]{1,4096}$/;

/** A filesystem path (relative paths resolve against the working directory). */
export function EnvPath(): PropertyDecorator {
  return Matches(pathPattern, { message: '$property must be a filesystem path' });
}

/**
 * One of two paths that only work together, such as a certificate and its key: both set or
 * neither. Alone it is optional; unset while `partner` is set, it is reported by its own name.
 */
export function EnvPathWith(partner: string): PropertyDecorator {
  return applyDecorators(
    EnvSetTogether(partner),
    Matches(pathPattern, {
      message: `$property must be a filesystem path, set together with ${partner}`,
    }),
  );
}

/**
 * Makes a variable optional unless one of its `partners` is set: variables that only work
 * together (a SASL mechanism, its user and its password) are all set or none. Unset while a
 * partner is set, it is reported by its own name, with the message of its other decorators.
 */
export function EnvSetTogether(...partners: string[]): PropertyDecorator {
  return ValidateIf(
    (env: Record<string, unknown>, value: unknown) =>
      value !== undefined || partners.some((partner) => env[partner] !== undefined),
  );
}

/**
 * A file the app reads at start-up (a CA bundle, a mounted Secret): it must exist and be readable
 * then, so a wrong mount stops the start with the variable's name, the file and the reason.
 * Relative paths resolve against the working directory. Optional, unless one of the variables it
 * is set `together` with is set; the content is never part of a message.
 */
export function EnvReadableFile(...together: string[]): PropertyDecorator {
  const partners = together.length > 0 ? `, set together with ${together.join(' and ')}` : '';
  return applyDecorators(
    EnvSetTogether(...together),
    ValidateBy({
      name: 'isReadableFile',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && fileProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `$property cannot be read: ${fileProblem(args.value)}`
            : `$property must be the path of a readable file${partners}`,
      },
    }),
  );
}

/** Why `file` cannot be read (Node's code and text, without the path), or null if it can. */
function fileProblem(file: string): string | null {
  const resolved = path.resolve(file);
  try {
    if (!statSync(resolved).isFile()) return `not a regular file (${resolved})`;
    accessSync(resolved, constants.R_OK);
    return null;
  } catch (error) {
    // "ENOENT: no such file or directory, stat '/etc/kafka/ca.crt'": the part before the comma.
    return (error as Error).message.split(', ')[0];
  }
}

/**
 * A directory that must exist when the app starts (relative paths resolve against the working
 * directory, which the message shows): a typo stops the start with its name, not a stack trace
 * from deep inside the first reader.
 */
export function EnvDirectory(): PropertyDecorator {
  return applyDecorators(
    EnvPath(),
    ValidateBy({
      name: 'isExistingDirectory',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isDirectory(value),
        defaultMessage: () =>
          `$property must be an existing directory (relative paths resolve against ${process.cwd()})`,
      },
    }),
  );
}

function isDirectory(value: string): boolean {
  try {
    return statSync(path.resolve(value)).isDirectory();
  } catch {
    return false; // missing, not a directory on the way, or not ours to look at
  }
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
