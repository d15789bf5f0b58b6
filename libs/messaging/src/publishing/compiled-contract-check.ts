import { encodeEvent, EncodedEvent, TopicContract } from '@app/contracts';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

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

/**
 * `encodeEvent` with a fast path for the hot publishing loop. class-validator stays the single source
 * of truth: the constraints are the very validator instances its decorators registered, read once
 * per contract class from its metadata storage and called directly, without class-transformer's
 * copy and class-validator's per-call error objects (measured: most of the producer's CPU per
 * message). Whatever the fast path does not model (nested, `each`, async, groups) compiles to null,
 * and a value it refuses goes through `encodeEvent`, so errors keep class-validator's wording.
 */
export function encodeEventFast<T extends object>(topic: TopicContract<T>, value: T): EncodedEvent {
  let check = checks.get(topic.valueClass);
  if (check === undefined) {
    check = compileContractCheck(topic.valueClass);
    checks.set(topic.valueClass, check);
  }
  if (check && check(value)) return { key: topic.keyOf(value), value: JSON.stringify(value) };
  return encodeEvent(topic, value);
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
