import { Logger } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('fails the batch in flight when its thread dies, and sends the next one from a new thread', async () => {
    // A stand-in thread: the first one to receive a batch exits with code 3, later ones ack.
    const dir = mkdtempSync(join(tmpdir(), 'send-thread-'));
    const died = join(dir, 'died');
    const filename = join(dir, 'dying-thread.js');
    writeFileSync(
      filename,
      `const { parentPort } = require('node:worker_threads');
       const fs = require('node:fs');
       parentPort.on('message', (message) => {
         if (message.kind === 'close') process.exit(0);
         if (!fs.existsSync(${JSON.stringify(died)})) {
           fs.writeFileSync(${JSON.stringify(died)}, '');
           process.exit(3);
         }
         parentPort.postMessage({ kind: 'sent', id: message.id });
       });`,
    );
    const sender = new ThreadedBatchSender(
      { client: { brokers: ['127.0.0.1:9'] }, producer: {} },
      recordingLogger().logger,
      { filename },
    );
    const batch = [{ topic: 'md.trade.v1', message: { key: 'BTCUSDT', value: '{}' } }];
    try {
      await expect(sender.send(batch)).rejects.toThrow('Kafka send thread exited (code 3)');
      expect(existsSync(died)).toBe(true);

      await expect(sender.send(batch)).resolves.toBeUndefined();
    } finally {
      await sender.close();
    }
  }, 30_000);
});
