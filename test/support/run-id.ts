import { randomBytes } from 'node:crypto';

/**
 * A short id unique to this test file's run, for schema names, Redis key prefixes and Kafka group
 * ids, so two runs (or two files) never see each other's data.
 */
export function uniqueRunId(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
