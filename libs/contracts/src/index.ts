export * from './validation/decorators';
export * from './topics';
export * from './codec/event-codec';
export * from './ws/ws-protocol';
export * from './cache/cache-keys';
