import {
  decodeEvent,
  DecodeResult,
  encodeEvent,
  EncodedEvent,
  TopicContract,
} from '@app/contracts';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

// class-transformer's index does not export the storage its decorators write to; its module does.
type TransformerStorage = { defaultMetadataStorage: TransformerMetadata };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const storageModule = require('class-transformer/cjs/storage') as TransformerStorage;
const transformerMetadata = storageModule.defaultMetadataStorage;

/** True when a plain value passes every constraint its contract class declares. */
type ContractCheck = (value: object) => boolean;

interface PropertyCheck {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  constraints: {
    validate: (value: unknown, args: ValidationArguments) => unknown;
    validateIf?: (object: object, value: unknown) => boolean;
    /** Reused on every call (validators run synchronously): no object per value checked. */
    args: ValidationArguments;
  }[];
}

/** A contract class, as class-validator keys its metadata. */
type ContractClass = new () => object;

const checks = new Map<ContractClass, ContractCheck | null>();

function checkOf(valueClass: ContractClass): ContractCheck | null {
  let check = checks.get(valueClass);
  if (check === undefined) {
    check = compileContractCheck(valueClass);
    checks.set(valueClass, check);
  }
  return check;
}

/**
 * `encodeEvent` with a fast path for the hot publishing loop. class-validator stays the single source
 * of truth: the constraints are the very validator instances its decorators registered, read once
 * per contract class from its metadata storage and called directly, without class-transformer's
 * copy and class-validator's per-call error objects (measured: most of the producer's CPU per
 * message). Whatever the fast path does not model (nested, `each`, async, groups) compiles to null,
 * and a value it refuses goes through `encodeEvent`, so errors keep class-validator's wording.
 */
export function encodeEventFast<T extends object>(topic: TopicContract<T>, value: T): EncodedEvent {
  const check = checkOf(topic.valueClass);
  if (check && check(value)) return { key: topic.keyOf(value), value: JSON.stringify(value) };
  return encodeEvent(topic, value);
}

/**
 * `decodeEvent` with the same fast path for the hot consuming loop: a value the compiled check
 * accepts becomes an instance of its contract class by copying its properties onto a new one,
 * which is what class-transformer's `plainToInstance` does for a class without transformer
 * decorators (`compileContractCheck` compiles those to null). Anything else, including a message
 * that is not a JSON object, goes through `decodeEvent`, so dead-letter reasons keep its wording.
 */
export function decodeEventFast<T extends object>(
  topic: TopicContract<T>,
  raw: string | Buffer | null,
): DecodeResult<T> {
  const check = checkOf(topic.valueClass);
  const parsed = check && raw !== null ? parseObject(raw) : null;
  if (parsed && check?.(parsed)) {
    return { ok: true, value: Object.assign(new topic.valueClass(), parsed) };
  }
  return decodeEvent(topic, raw);
}

function parseObject(raw: string | Buffer): object | null {
  try {
    const parsed: unknown = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** True when class-transformer would do more than copy the plain properties onto an instance. */
function transformsPlainValues(valueClass: ContractClass, properties: Iterable<string>): boolean {
  if (transformerMetadata.getStrategy(valueClass) !== 'none') return true;
  if (transformerMetadata.getExposedMetadatas(valueClass).length > 0) return true;
  if (transformerMetadata.getExcludedMetadatas(valueClass).length > 0) return true;
  for (const property of properties) {
    if (transformerMetadata.findTypeMetadata(valueClass, property)) return true;
    const transforms = transformerMetadata.findTransformMetadatas(
      valueClass,
      property,
      TransformationType.PLAIN_TO_CLASS,
    );
    if (transforms.length > 0) return true;
  }
  return false;
}

/** Null when the class uses anything the fast path does not reproduce exactly. */
export function compileContractCheck(valueClass: ContractClass): ContractCheck | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(valueClass, '', false, false);
  if (metadatas.length === 0) return null;
  const byProperty = new Map<string, PropertyCheck>();
  for (const metadata of metadatas) {
    const entry = byProperty.get(metadata.propertyName) ?? {
      property: metadata.propertyName,
      conditions: [],
      constraints: [],
    };
    byProperty.set(metadata.propertyName, entry);
    if (metadata.groups?.length || metadata.always) return null;
    if (metadata.type === ValidationTypes.WHITELIST) continue;
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      entry.conditions.push(metadata.constraints[0] as PropertyCheck['conditions'][number]);
      continue;
    }
    if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION || metadata.each) return null;
    for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
      if (constraint.async) return null;
      const instance = constraint.instance as PropertyCheck['constraints'][number];
      entry.constraints.push({
        validate: instance.validate.bind(instance),
        validateIf: metadata.validateIf,
        args: {
          targetName: valueClass.name,
          property: metadata.propertyName,
          object: {},
          value: undefined,
          constraints: metadata.constraints,
        },
      });
    }
  }
  // encodeEvent and decodeEvent both validate what plainToInstance made of the plain value.
  if (transformsPlainValues(valueClass, byProperty.keys())) return null;
  const properties = [...byProperty.values()];
  const allowed = new Set(byProperty.keys());
  return (object) => {
    // forbidNonWhitelisted: a property no decorator declares is refused.
    for (const key in object) if (!allowed.has(key)) return false;
    for (const { property, conditions, constraints } of properties) {
      const value = (object as Record<string, unknown>)[property];
      if (!allConditionsHold(conditions, object, value)) continue;
      for (const { validate, validateIf, args } of constraints) {
        if (validateIf && !validateIf(object, value)) continue;
        args.object = object;
        args.value = value;
        const ok = validate(value, args);
        if (ok !== true) return false;
      }
    }
    return true;
  };
}

function allConditionsHold(
  conditions: PropertyCheck['conditions'],
  object: object,
  value: unknown,
): boolean {
  for (const condition of conditions) if (!condition(object, value)) return false;
  return true;
}
