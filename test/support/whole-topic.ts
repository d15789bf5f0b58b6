import { Kafka, logLevel } from 'kafkajs';
import { uniqueRunId } from './run-id';
import { sleep } from './app-process';

/**
 * Every message a topic holds now (low to high watermark of each partition), parsed as JSON, read
 * by a consumer group of its own: what the apps under test actually published.
 */
export async function readWholeTopic<T>(brokers: string[], topic: string): Promise<T[]> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const held = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  const values: T[] = [];
  const consumer = kafka.consumer({ groupId: uniqueRunId('whole-topic'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      values.push(JSON.parse(String(message.value)) as T);
      return Promise.resolve();
    },
  });
  for (let waited = 0; values.length < held && waited < 30_000; waited += 100) await sleep(100);
  await consumer.disconnect();
  if (values.length !== held) throw new Error(`${topic}: read ${values.length} of ${held}`);
  return values;
}
