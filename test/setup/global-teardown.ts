import { deleteRunKeys, dropRunSchemas } from '../support/run-leftovers';

/** Set to keep this run's schemas and Redis keys for a look after a failure. */
const KEEP_DATA_VARIABLE = 'TEST_KEEP_DATA';

/**
 * After integration and e2e tests: the run's broker stops, and the schemas and Redis keys the
 * run created (named with its token) are removed, whether its tests passed or not. Every step is
 * tried; any that failed fails the run, so a leftover never goes unnoticed.
 */
export default async function globalTeardown(): Promise<void> {
  const broker = globalThis.__TEST_BROKER__;
  globalThis.__TEST_BROKER__ = undefined;
  const token = globalThis.__TEST_RUN_TOKEN__;
  const steps: Promise<unknown>[] = [broker?.stop() ?? Promise.resolve()];
  if (token && process.env[KEEP_DATA_VARIABLE])
    console.log(`${KEEP_DATA_VARIABLE}: kept this run's schemas and Redis keys (*_${token}_*)`);
  else if (token) steps.push(dropRunSchemas(token), deleteRunKeys(token));
  const failures = (await Promise.allSettled(steps)).flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  if (failures.length > 0)
    throw new AggregateError(failures, `global teardown: ${failures.map(String).join('; ')}`);
}
