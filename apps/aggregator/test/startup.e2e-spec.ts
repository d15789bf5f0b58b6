import { Client } from 'pg';
import { AppProcess, freePort, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';

/**
 * The aggregator and orderbook processes against real Postgres, Redis and the test broker:
 * migrations run at start-up in the configured schema, and readiness reports every dependency.
 */
describe('aggregator and orderbook start-up on real services', () => {
  const schema = uniqueRunId('e2e').toLowerCase();
  const pg = new Client({ connectionString: DATABASE_URL });

  beforeAll(() => pg.connect());

  afterAll(async () => {
    await AppProcess.stopAll();
    await pg.query(`drop schema if exists ${schema} cascade`);
    await pg.end();
  });

  function env(port: number): Record<string, string> {
    return {
      PORT: String(port),
      KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS ?? '',
      KAFKA_CLIENT_PREFIX: schema,
      REDIS_URL,
      CACHE_KEY_PREFIX: `${schema}:`,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    };
  }

  it('aggregator migrates its schema and is ready on Kafka, Postgres and Redis', async () => {
    const port = await freePort();
    const aggregator = AppProcess.start('aggregator', env(port));
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200);

    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as {
      details: Record<string, { status: string }>;
    };
    expect(Object.entries(ready.details).map(([name, { status }]) => `${name}:${status}`)).toEqual([
      'kafka:up',
      'postgres:up',
      'redis:up',
    ]);
    const applied = await pg.query<{ version: number }>(
      `select version from ${schema}.schema_migrations order by version`,
    );
    expect(applied.rows).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
      { version: 5 },
      { version: 6 },
    ]);
    expect(await aggregator.stop()).toBe(0);
  }, 60_000);

  it('orderbook is ready on Kafka and Redis', async () => {
    const port = await freePort();
    const orderbook = AppProcess.start('orderbook', env(port));
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as {
      details: Record<string, { status: string }>;
    };
    expect(Object.keys(ready.details)).toEqual(['kafka', 'redis']);
    expect(await orderbook.stop()).toBe(0);
  }, 60_000);
});
