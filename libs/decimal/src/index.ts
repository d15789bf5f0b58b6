// Exact decimal arithmetic on the exchange's decimal strings (BigInt; never a float): the one
// module every app and lib computes derived figures with. Pure TypeScript, no dependencies.
export * from './scaled-decimal';
export * from './decimal-key';
export * from './exact-decimal';
export * from './decimal-arithmetic';
