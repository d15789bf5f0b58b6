import { Client } from 'pg';
import { createConnection } from 'node:net';

export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Integration and e2e tests need real Postgres and Redis. When one cannot be reached the run fails
 * at once with what to do, instead of tests skipping or timing out one by one.
 */
export async function assertServicesReachable(): Promise<void> {
  const problems: string[] = [];
  await checkPostgres().catch((error: Error) =>
    problems.push(
      `Postgres is not reachable at ${DATABASE_URL} (${error.message}). Start it with ` +
        `'pg_ctlcluster --skip-systemctl-redirect 15 main start', or set DATABASE_URL.`,
    ),
  );
  await checkRedis().catch((error: Error) =>
    problems.push(
      `Redis is not reachable at ${REDIS_URL} (${error.message}). Start it with ` +
        `'redis-server --daemonize yes --port 6379 --save ""', or set REDIS_URL.`,
    ),
  );
  if (problems.length > 0)
    throw new Error(`Required services are missing:\n  ${problems.join('\n  ')}`);
}

async function checkPostgres(): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

function checkRedis(): Promise<void> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within 3 s'));
    }, 3000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      clearTimeout(timer);
      socket.end();
      if (data.toString().startsWith('+PONG')) resolve();
      else reject(new Error(`unexpected answer ${JSON.stringify(data.toString().trim())}`));
    });
  });
}
