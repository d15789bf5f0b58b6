import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { TopicContract } from '../topics/topic-contract';

/** Raised on the producing side: publishing an invalid event is a bug in the caller. */
export class ContractViolationError extends Error {
  constructor(
    readonly topic: string,
    readonly reason: string,
  ) {
    super(`invalid ${topic} event: ${reason}`);
  }
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface EncodedEvent {
  key: string;
  value: string;
}

/**
 * Validates a value against its topic's class before it leaves the process; throws on violation.
 * Unknown properties are refused too, so a typo cannot silently travel.
 */
export function encodeEvent<T extends object>(topic: TopicContract<T>, value: T): EncodedEvent {
  const { reason } = validateAgainst(topic, value);
  if (reason) throw new ContractViolationError(topic.name, reason);
  return { key: topic.keyOf(value), value: JSON.stringify(value) };
}

/** Parses and validates a consumed message; never throws, so a consumer can dead-letter and go on. */
export function decodeEvent<T extends object>(
  topic: TopicContract<T>,
  raw: string | Buffer | null,
): DecodeResult<T> {
  if (raw === null) return { ok: false, reason: 'empty message value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'value is not a JSON object' };
  }
  const { instance, reason } = validateAgainst(topic, parsed);
  return reason ? { ok: false, reason } : { ok: true, value: instance };
}

function validateAgainst<T extends object>(
  topic: TopicContract<T>,
  plain: object,
): { instance: T; reason: string | null } {
  const instance =
    plain instanceof topic.valueClass ? plain : plainToInstance(topic.valueClass, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  return { instance, reason: errors.length === 0 ? null : errors.flatMap(messagesOf).join('; ') };
}

function messagesOf(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {});
  const nested = (error.children ?? []).flatMap(messagesOf);
  return [...own, ...nested];
}
