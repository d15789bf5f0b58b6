import { EnvEnum, EnvPort } from './env-decorators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Variables every app reads. App-specific classes extend this one. */
export class BaseEnv {
  /** HTTP and WebSocket port of the app. */
  @EnvPort()
  PORT: number = 3000;

  @EnvEnum(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}

/** Constructor type for env mixins (`WithX(Base)`); the TypeScript mixin pattern requires any[]. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EnvConstructor = new (...args: any[]) => object;
