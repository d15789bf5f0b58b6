import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

type EnvClass<T> = new () => T;

/** Thrown when the environment does not validate; `problems` has one line per variable. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/**
 * Validates `source` (normally `process.env`) into a typed, frozen config object.
 * Unknown variables are ignored; each known variable is converted by its `@Transform` and checked by
 * its class-validator decorators, whose messages name what was expected.
 */
export function parseEnv<T extends object>(envClass: EnvClass<T>, source: NodeJS.ProcessEnv): T {
  // Only the variables the class declares: the typed config must not carry unrelated secrets.
  const declared = declaredVariables(envClass);
  const defined = Object.fromEntries(
    Object.entries(source).filter(
      ([name, value]) => declared.has(name) && value !== undefined && value !== '',
    ),
  );
  const env = plainToInstance(envClass, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(errors.flatMap((error) => describe(error, source)));
  }
  return Object.freeze(env);
}

function declaredVariables(envClass: EnvClass<object>): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return new Set(metadata.map((entry) => entry.propertyName));
}

/** One line per variable: several failed rules of one variable usually say the same thing. */
function describe(error: ValidationError, source: NodeJS.ProcessEnv): string[] {
  const raw = source[error.property];
  const got = raw === undefined || raw === '' ? 'it is not set' : `got ${JSON.stringify(raw)}`;
  const messages = [...new Set(Object.values(error.constraints ?? {}))];
  return [`${messages.join('; ')} (${got})`];
}

/**
 * Start-up entry point: validate or stop the process. Prints one line per problem to stderr and
 * exits with status 78 (EX_CONFIG), so an orchestrator sees a configuration failure, not a crash.
 */
export function loadEnvOrExit<T extends object>(envClass: EnvClass<T>, source = process.env): T {
  try {
    return parseEnv(envClass, source);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}
