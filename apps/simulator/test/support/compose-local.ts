import { APP_ENV_CLASSES, envVariables } from '../../../../tools/deploy-check/app-env';
import { ComposeApp } from '../../../../tools/deploy-check/compose-check';

/** Where a compose host:port runs on this machine, e.g. `kafka:9092` → the test broker. */
export type HostMap = ReadonlyMap<string, string>;

/** This machine's stand-ins for compose's Postgres and Redis, and what keeps this run apart. */
export interface LocalServices {
  hosts: HostMap;
  databaseUrl: string;
  redisUrl: string;
  /** Set on every app that declares them: group ids, Redis keys and tables of this run only. */
  isolation: Record<'KAFKA_CLIENT_PREFIX' | 'CACHE_KEY_PREFIX' | 'DATABASE_SCHEMA', string>;
}

/**
 * The environment compose gives `app`, moved onto this machine: each `host:port` of a compose
 * service becomes its loopback address; DATABASE_URL and REDIS_URL become this machine's (compose's
 * credentials are its own containers'); the isolation variables are added where the app's env class
 * declares them; NODE_ENV is the image's. Nothing else is added or changed.
 */
export function localEnv(app: ComposeApp, services: LocalServices): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: 'production' };
  for (const [name, value] of app.env) {
    if (value === undefined) continue;
    if (name === 'DATABASE_URL') env[name] = services.databaseUrl;
    else if (name === 'REDIS_URL') env[name] = services.redisUrl;
    else env[name] = mapHosts(value, services.hosts);
  }
  const declared = new Set(envVariables(APP_ENV_CLASSES[app.app]).map((v) => v.name));
  for (const [name, value] of Object.entries(services.isolation)) {
    if (declared.has(name)) env[name] = value;
  }
  return env;
}

/** `ws://simulator:3004` → `ws://127.0.0.1:41234`; `kafka:9092` → the broker's address. */
export function mapHosts(value: string, hosts: HostMap): string {
  return value.replace(
    /\b([a-z][a-z0-9-]*):(\d+)\b/g,
    (whole: string, host: string, port: string) => {
      return hosts.get(`${host}:${port}`) ?? whole;
    },
  );
}
