import Redis from 'ioredis';
import { Client } from 'pg';
import { runKeyGlob, runSchemaPattern } from './run-id';
import { DATABASE_URL, REDIS_URL } from './services';

/**
 * Drops the Postgres schemas the run `token` created (a test that crashed, or an app under test
 * that migrated a schema of its own, leaves them behind). A lock held on one (an app still running)
 * fails the drop after a while rather than hanging the run.
 */
export async function dropRunSchemas(token: string): Promise<string[]> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`set lock_timeout = '10s'`);
    const { rows } = await client.query<{ name: string }>(
      'select nspname as name from pg_namespace where nspname ~ $1 order by nspname',
      [runSchemaPattern(token)],
    );
    for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
    return rows.map(({ name }) => name);
  } finally {
    await client.end();
  }
}

/** Deletes the Redis keys under the prefixes the run `token` made. */
export async function deleteRunKeys(token: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', runKeyGlob(token), 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
