import { AppProcess } from '../../../test/support/app-process';

/** A deployment with a bad variable must fail fast, saying which variable and what was expected. */
describe('start-up with a bad environment', () => {
  const bad = { PORT: '70000', KAFKA_BROKERS: 'not a list', LOG_LEVEL: 'loud' };

  it.each(['producer', 'orderbook', 'aggregator', 'gateway'])(
    '%s exits with status 78 and one line per problem',
    async (app) => {
      const child = AppProcess.start(app, {
        ...bad,
        REDIS_URL: 'redis://127.0.0.1:6379',
        DATABASE_URL: 'mysql://nope',
      });
      expect(await child.waitForExit()).toBe(78);
      const lines = child.logs.trim().split('\n');
      expect(lines[0]).toBe('Invalid environment:');
      expect(lines).toEqual(
        expect.arrayContaining([
          '  PORT must be an integer from 1 to 65535 (got "70000")',
          '  LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
          '  KAFKA_BROKERS must be a comma-separated list of host:port (got "not a list")',
        ]),
      );
      // The aggregator stores its windows in Postgres; the gateway reads statistics from it.
      const needsDatabase = app === 'aggregator' || app === 'gateway';
      if (needsDatabase) {
        expect(lines).toContain(
          '  DATABASE_URL is required: a URL starting with postgres:// or postgresql:// (got "mysql://nope")',
        );
      }
      expect(lines).toHaveLength(needsDatabase ? 5 : 4);
    },
    30_000,
  );

  it.each(['producer', 'orderbook', 'aggregator', 'gateway'])(
    '%s exits with status 78 naming the Kafka password file it cannot read',
    async (app) => {
      const child = AppProcess.start(app, {
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'marketstream',
        KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka-missing/password',
        REDIS_URL: 'redis://127.0.0.1:6379',
        DATABASE_URL: 'postgres://127.0.0.1/postgres',
      });
      expect(await child.waitForExit()).toBe(78);
      expect(child.logs.trim().split('\n')).toEqual([
        'Invalid environment:',
        '  KAFKA_SASL_PASSWORD_FILE cannot be read: ENOENT: no such file or directory (got "/run/secrets/kafka-missing/password")',
      ]);
    },
    30_000,
  );

  it('embedded exits with status 78 on a bad PORT (everything else has a default)', async () => {
    const child = AppProcess.start('embedded', { PORT: '0' });
    expect(await child.waitForExit()).toBe(78);
    expect(child.logs.trim().split('\n')).toEqual([
      'Invalid environment:',
      '  PORT must be an integer from 1 to 65535 (got "0")',
    ]);
  }, 30_000);
});
