import { createCache, KeyValueCache } from '@app/storage';
import { AppProcess, freePort, waitForStatus } from '../../../../test/support/app-process';
import { uniqueRunId } from '../../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../../test/support/services';

/** A built gateway process on the run's test broker, with its own Redis key prefix. */
export class GatewayUnderTest {
  private constructor(
    readonly process: AppProcess,
    readonly url: string,
    readonly cachePrefix: string,
    /** Postgres schema the gateway migrated at start-up and reads candles from. */
    readonly schema: string,
  ) {}

  get wsUrl(): string {
    return `${this.url.replace('http', 'ws')}/ws`;
  }

  /** With `ca` (the PEM of the CA that signed TLS_CERT_FILE), the gateway is reached over HTTPS. */
  static async start(
    env: Record<string, string> = {},
    cachePrefix?: string,
    ca?: string,
  ): Promise<GatewayUnderTest> {
    const brokers = process.env.TEST_KAFKA_BROKERS;
    if (!brokers)
      throw new Error('TEST_KAFKA_BROKERS is not set: run through jest --selectProjects e2e');
    const port = await freePort();
    const prefix = cachePrefix ?? `${uniqueRunId('gw')}:`;
    const schema = uniqueRunId('gw');
    const app = AppProcess.start('gateway', {
      KAFKA_BROKERS: brokers,
      KAFKA_CLIENT_PREFIX: uniqueRunId('gwe2e'),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      REDIS_URL,
      CACHE_KEY_PREFIX: prefix,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
      PORT: String(port),
      ...env,
    });
    const url = `${ca === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
    await waitForStatus(`${url}/health/ready`, 200, 45_000, ca).catch((error: Error) => {
      throw new Error(`${error.message}\ngateway output:\n${app.logs}`);
    });
    return new GatewayUnderTest(app, url, prefix, schema);
  }

  /** The cache as the orderbook service and the aggregator write it, under this gateway's prefix. */
  openCache(): KeyValueCache {
    return createCache(
      { kind: 'redis', url: REDIS_URL, prefix: this.cachePrefix },
      () => undefined,
    );
  }

  async stop(): Promise<number | null> {
    return this.process.stop();
  }
}
