import { Logger } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { createServer } from 'node:net';
import { ThreadedBatchSender } from './threaded-batch-sender';

/** A loopback port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function recordingLogger() {
  const lines: string[] = [];
  const record = (message: string) => lines.push(message);
  const logger = { error: record, warn: record, log: record, debug: record } as unknown as Logger;
  return { logger, lines };
}

/** The happy path (every event once, in order, on its key's partition) is in event-publisher.int-spec. */
describe(ThreadedBatchSender.name, () => {
  it('rejects a batch with kafkajs’s own error when the broker cannot be reached, and reports it in its log', async () => {
    const port = await closedPort();
    const { logger, lines } = recordingLogger();
    const sender = new ThreadedBatchSender(
      {
        client: {
          clientId: 'it-send-thread',
          brokers: [`127.0.0.1:${port}`],
          connectionTimeout: 500,
          retry: { retries: 0 },
          logLevel: logLevel.WARN,
        },
        producer: { maxInFlightRequests: 1 },
      },
      logger,
    );
    try {
      const sent = sender.send([
        { topic: 'md.trade.v1', message: { key: 'BTCUSDT', value: '{}' } },
      ]);

      await expect(sent).rejects.toThrow(`connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(lines.some((line) => line.includes(`ECONNREFUSED 127.0.0.1:${port}`))).toBe(true);
    } finally {
      await sender.close();
    }
  }, 30_000);

  it('closes a thread that never sent anything', async () => {
    const sender = new ThreadedBatchSender(
      {
        client: {
          clientId: 'it-send-thread-idle',
          brokers: (process.env.TEST_KAFKA_BROKERS ?? '').split(','),
        },
        producer: {},
      },
      recordingLogger().logger,
    );

    await expect(sender.close()).resolves.toBeUndefined();
  }, 30_000);
});
