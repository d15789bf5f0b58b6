import { InvalidEnvironmentError, parseEnv } from '@app/platform';
import { APP_ENV_CLASSES, envVariables, RUNTIME_VARIABLES } from './app-env';

/**
 * What a deployment hands one app: variable → value; `undefined` when the value comes from a
 * source this check cannot see (a fieldRef, a Secret created out of band).
 */
export type DeployedEnv = Map<string, string | undefined>;

/**
 * The environment a deployment gives `app`, judged by the app's own env class: every required
 * variable set, every variable whose default only works on a laptop (localhost) set, nothing the
 * app does not read, and every value accepted by the app's own start-up validation.
 */
export function checkAppEnv(
  app: string,
  env: DeployedEnv,
  where: string,
  /** Where the container's volumes are mounted (Kubernetes); files are judged against them. */
  mountPaths?: readonly string[],
): string[] {
  const envClass = APP_ENV_CLASSES[app];
  if (envClass === undefined) return [`${where}: runs ${app}, which is not a deployable app`];
  const variables = envVariables(envClass);
  const declared = new Set(variables.map((variable) => variable.name));
  const problems: string[] = [];
  const missing = new Set<string>();
  for (const variable of variables) {
    const value = env.get(variable.name);
    const set = env.has(variable.name) && value !== '';
    if (variable.required && !set) {
      problems.push(`${where}: ${variable.name} is required by ${envClass.name} but not set`);
      missing.add(variable.name);
    } else if (!set && pointsAtLocalhost(variable.default)) {
      problems.push(
        `${where}: ${variable.name} is not set, and its default ${JSON.stringify(variable.default)} ` +
          'means this container itself',
      );
    }
  }
  for (const name of env.keys()) {
    if (!declared.has(name) && !RUNTIME_VARIABLES.has(name)) {
      problems.push(`${where}: sets ${name}, which ${envClass.name} does not read`);
    }
  }
  const known = Object.fromEntries(
    [...env].filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  try {
    parseEnv(envClass, known);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    // A missing variable is reported once, above; the app's own message says the same.
    const fresh = error.problems
      .filter((problem) => !missing.has(problem.split(' ')[0]))
      .flatMap((problem) => judgedAgainstMounts(problem, env, mountPaths));
    problems.push(...fresh.map((problem) => `${where}: ${problem}`));
  }
  return problems;
}

/**
 * A file an app reads at start-up (`EnvReadableFile`: "<VARIABLE> cannot be read: …") is not on
 * this machine but in the pod: what a manifest can get wrong is a path no volume is mounted at.
 */
function judgedAgainstMounts(
  problem: string,
  env: DeployedEnv,
  mountPaths: readonly string[] | undefined,
): string[] {
  const unreadable = /^(\w+) cannot be read: /.exec(problem);
  if (mountPaths === undefined || unreadable === null) return [problem];
  const file = env.get(unreadable[1]) ?? '';
  const mounted = mountPaths.some((mount) => file.startsWith(`${mount.replace(/\/$/, '')}/`));
  return mounted ? [] : [`${unreadable[1]} is ${file}, where no volume is mounted`];
}

function pointsAtLocalhost(value: unknown): boolean {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.some(
    (item) => typeof item === 'string' && /(^|\/\/|@)(localhost|127\.0\.0\.1)([:/]|$)/.test(item),
  );
}

/** The PORT an app listens on under `env` (its env class's default when unset). */
export function listenPort(app: string, env: DeployedEnv): number | undefined {
  const raw = env.get('PORT');
  if (raw !== undefined && raw !== '') return /^\d+$/.test(raw) ? Number(raw) : undefined;
  const envClass = APP_ENV_CLASSES[app];
  const fallback = envClass && envVariables(envClass).find((v) => v.name === 'PORT')?.default;
  return typeof fallback === 'number' ? fallback : undefined;
}

/** A server an app connects to, from a variable it declares (set, or its default). */
export interface Dependency {
  /** The variable that names it: KAFKA_BROKERS, DATABASE_URL, REDIS_URL, EXCHANGE_REST_URL... */
  variable: string;
  host: string;
  port: number;
}

/** Variables whose servers must run beside the app (compose services, in-cluster services). */
export const INFRASTRUCTURE_VARIABLES = new Set(['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL']);

const DEFAULT_PORTS: Record<string, number> = {
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'rediss:': 6379,
  'ws:': 80,
  'wss:': 443,
  'http:': 80,
  'https:': 443,
};

/**
 * Every server `app` will connect to under `env`: the brokers of KAFKA_BROKERS and the host of each
 * URL-valued variable it declares (the value given, else its default), e.g. the exchange REST API.
 */
export function dependenciesOf(app: string, env: DeployedEnv): Dependency[] {
  const envClass = APP_ENV_CLASSES[app];
  if (envClass === undefined) return [];
  const dependencies: Dependency[] = [];
  for (const variable of envVariables(envClass)) {
    const given = env.get(variable.name);
    const value = given !== undefined && given !== '' ? given : variable.default;
    if (variable.name === 'KAFKA_BROKERS') {
      const brokers = typeof value === 'string' ? value.split(',') : (value as string[]);
      for (const broker of brokers) {
        const [host, port] = broker.trim().split(':');
        dependencies.push({ variable: variable.name, host, port: Number(port) });
      }
      continue;
    }
    const url = typeof value === 'string' ? parseUrl(value) : undefined;
    const port = url && (url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port));
    if (url && port) dependencies.push({ variable: variable.name, host: url.hostname, port });
  }
  return dependencies;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
