/**
 * The Kafka send thread: a kafkajs producer that sends the batches the main thread packs, so that
 * kafkajs's record encoding (about half of the producer's CPU per event) runs beside the intake
 * instead of after it. One batch at a time arrives (the batcher keeps one in flight), so order per
 * key holds exactly as on the main thread.
 */
import { Kafka, LogEntry, Producer } from 'kafkajs';
import { parentPort, workerData } from 'node:worker_threads';
import { unpackBatch } from './packed-batch';
import { FromSendThread, SendThreadConfig, ToSendThread } from './send-thread.protocol';

const port = parentPort!;
const config = workerData as SendThreadConfig;
const post = (message: FromSendThread): void => port.postMessage(message);

const kafka = new Kafka({
  ...config.client,
  logCreator:
    () =>
    ({ level, namespace, log }: LogEntry) =>
      post({ kind: 'log', level, message: `${namespace}: ${log.message}` }),
});
const producer: Producer = kafka.producer(config.producer);
let connected: Promise<void> | null = null;

/** Connects on first use; a failed connect is forgotten so the next batch tries afresh. */
async function connectedProducer(): Promise<Producer> {
  connected ??= producer.connect().catch((error: unknown) => {
    connected = null;
    throw error;
  });
  await connected;
  return producer;
}

async function send(id: number, message: Extract<ToSendThread, { kind: 'send' }>): Promise<void> {
  try {
    await (await connectedProducer()).sendBatch({ topicMessages: unpackBatch(message.batch) });
    post({ kind: 'sent', id });
  } catch (error) {
    post({ kind: 'failed', id, message: (error as Error).message });
  }
}

// Connect at once, so the first batch does not wait for it (a failure here is retried by that batch).
connectedProducer().catch((error: unknown) =>
  post({ kind: 'log', level: 2, message: `connect failed: ${(error as Error).message}` }),
);

port.on('message', (message: ToSendThread) => {
  switch (message.kind) {
    case 'send':
      void send(message.id, message);
      return;
    case 'close':
      // Ends this thread only (process.exit in a worker stops the worker, not the process).
      void producer.disconnect().finally(() => process.exit(0));
      return;
  }
});
