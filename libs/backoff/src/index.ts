// Retry delays: exponential (capped) and full-jitter exponential. The one backoff every client,
// consumer and synchronizer waits with. Pure TypeScript, no dependencies.
export * from './backoff';
