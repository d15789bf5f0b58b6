import { getMetadataStorage, ValidationTypes } from 'class-validator';
// The apps' own env classes, by relative path: the deployment is checked against what the code
// declares, not against a copy of it.
import { AggregatorEnv } from '../../apps/aggregator/src';
import { GatewayEnv } from '../../apps/gateway/src';
import { OrderbookEnv } from '../../apps/orderbook/src';
import { ProducerEnv } from '../../apps/producer/src';
import { SimulatorAppEnv } from '../../apps/simulator/src';

type EnvClass = new () => object;

/** The deployable apps and the class each one validates its environment with at start-up. */
export const APP_ENV_CLASSES: Readonly<Record<string, EnvClass>> = {
  producer: ProducerEnv,
  orderbook: OrderbookEnv,
  aggregator: AggregatorEnv,
  gateway: GatewayEnv,
  simulator: SimulatorAppEnv,
};

export type AppName = keyof typeof APP_ENV_CLASSES;

/** Paths every app serves (libs/platform: HealthModule and MetricsModule). */
export const SERVED_PATHS = ['/health/live', '/health/ready', '/metrics'] as const;

/**
 * Apps with no `/metrics`: the simulator stands in for the exchange (its own SimulatorServer
 * answers the health paths, not Nest's modules), and there is nothing of ours in it to watch.
 */
export const APPS_WITHOUT_METRICS: ReadonlySet<string> = new Set(['simulator']);

/** `runHttpApp`'s default shutdown deadline after SIGTERM (libs/platform/src/bootstrap). */
export const SHUTDOWN_DEADLINE_SECONDS = 10;

/** Variables read by Node itself rather than by an app; a deployment may set them. */
export const RUNTIME_VARIABLES = new Set(['NODE_OPTIONS', 'NODE_ENV', 'TZ']);

/** `dist/apps/<app>/src/main.js` → `<app>`, for the commands of containers and services. */
export function appOfCommand(args: readonly string[]): string | undefined {
  for (const arg of args) {
    const match = /^(?:\.\/|\/app\/)?dist\/apps\/([a-z-]+)\/src\/main\.js$/.exec(arg);
    if (match) return match[1];
  }
  return undefined;
}

export interface EnvVariable {
  name: string;
  required: boolean;
  default?: unknown;
}

/**
 * The variables an env class declares (every property with a validation decorator, inherited
 * ones included: exactly what `parseEnv` reads). Required: no default value in a fresh instance
 * and no condition (`@IsOptional`, or `@ValidateIf` for one needed only with another, such as
 * `TLS_KEY_FILE`; `EnvRequiredUrl` has none: it validates `undefined` as missing).
 */
export function envVariables(envClass: EnvClass): EnvVariable[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  const instance = new envClass() as Record<string, unknown>;
  const names = [...new Set(metadata.map((entry) => entry.propertyName))].sort();
  return names.map((name) => {
    const optional = metadata.some(
      (entry) =>
        entry.propertyName === name && entry.type === ValidationTypes.CONDITIONAL_VALIDATION,
    );
    const value = instance[name];
    return { name, required: value === undefined && !optional, default: value };
  });
}
