import { EnvEnum, EnvPort } from './env-decorators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Variables every app reads. App-specific classes extend this one. */
export class BaseEnv {
  /** HTTP and WebSocket port of the app. */
  @EnvPort()
  PORT: number = 3000;

  @EnvEnum(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** `auto`: human-readable lines on a terminal, JSON (one object a line) otherwise. */
  @EnvEnum(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'auto';
}

/** Constructor type for env mixins (`WithX(Base)`); the TypeScript mixin pattern requires any[]. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EnvConstructor = new (...args: any[]) => object;
