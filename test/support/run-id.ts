import { randomBytes } from 'node:crypto';

/**
 * How jest's global set-up hands this run's token to its workers (they inherit its environment).
 * Every name uniqueRunId makes carries the token, so the global teardown can find what this run
 * created, and only that: another run on the same machine has another token.
 */
export const RUN_TOKEN_VARIABLE = 'TEST_RUN_TOKEN';

/** A fresh token for one jest run: 10 lower-case hex digits, valid inside a schema name. */
export function newRunToken(): string {
  return randomBytes(5).toString('hex');
}

/** The token of the jest run this process belongs to. */
export function currentRunToken(): string {
  const token = process.env[RUN_TOKEN_VARIABLE];
  if (!token)
    throw new Error(
      `${RUN_TOKEN_VARIABLE} is not set: run through jest --selectProjects integration or e2e`,
    );
  return token;
}

/**
 * A short id unique to this call, `<prefix>_<run token>_<8 hex>`, for schema names, Redis key
 * prefixes and Kafka group ids, so two runs (or two files) never see each other's data, and the
 * global teardown drops what a test left behind.
 */
export function uniqueRunId(prefix: string): string {
  return `${prefix}_${currentRunToken()}_${randomBytes(4).toString('hex')}`;
}

/** Matches, as a Postgres regular expression, the schema names uniqueRunId made in the run `token`. */
export function runSchemaPattern(token: string): string {
  return `^[a-z0-9_]+_${token}_[0-9a-f]{8}$`;
}

/** Matches, as a Redis SCAN glob, the keys under a prefix uniqueRunId made in the run `token`. */
export function runKeyGlob(token: string): string {
  return `*_${token}_*`;
}
