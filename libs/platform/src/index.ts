export * from './config/load-env';
export * from './config/env-decorators';
export * from './config/base.env';
export * from './health/readiness-probe';
export * from './health/health.module';
export * from './metrics/metrics.module';
export * from './logging/logging.module';
export * from './bootstrap/http-app';
