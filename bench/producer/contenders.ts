import {
  BOOK_TICKER_TOPIC,
  DEPTH_TOPIC,
  encodeEvent,
  TICKER_TOPIC,
  TopicContract,
  TRADE_TOPIC,
} from '@app/contracts';
import {
  isRawBookTicker,
  isRawDepthUpdate,
  isRawTicker24h,
  isRawTrade,
  streamKind,
} from '@app/exchange';
import { MessagingModule } from '@app/messaging';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel, Message } from 'kafkajs';
import {
  eventsIn,
  eventsPublished,
  MarketDataIngestModule,
  normalizeBookTicker,
  normalizeDepth,
  normalizeTicker,
  normalizeTrade,
  publishFailures,
} from '../../apps/producer/src';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseFrame } from './frames';

/** Starts `blaster-process.ts` on the frames file; resolves its URL and a stop function. */
async function startBlaster(
  framesFile: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      join(__dirname, '..', '..', 'tools', 'register-ts.js'),
      join(__dirname, 'blaster-process.ts'),
      framesFile,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /URL (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`frame blaster exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

export const BATCH_MAX_MESSAGES = 1000;
export const LINGER_MS = 5;

export interface PreparedMessage {
  topic: string;
  message: Message;
}

/** The producer's own output for the recorded frames: what the bare producer sends, untouched. */
export function prepareMessages(frames: string[]): PreparedMessage[] {
  const now = Date.now();
  return frames.map((frame) => {
    const { stream, data } = parseFrame(frame);
    const encode = <T extends object>(topic: TopicContract<T>, event: T): PreparedMessage => ({
      topic: topic.name,
      message: encodeEvent(topic, event),
    });
    const kind = streamKind(stream);
    if (kind === 'depth' && isRawDepthUpdate(data))
      return encode(DEPTH_TOPIC, normalizeDepth(data, 'simulator', now, now));
    if (kind === 'bookTicker' && isRawBookTicker(data))
      return encode(BOOK_TICKER_TOPIC, normalizeBookTicker(data, 'simulator', now, now));
    if (kind === 'trade' && isRawTrade(data))
      return encode(TRADE_TOPIC, normalizeTrade(data, 'simulator', now, now));
    if (kind === 'ticker' && isRawTicker24h(data))
      return encode(TICKER_TOPIC, normalizeTicker(data, 'simulator', now, now));
    throw new Error(`unexpected frame on ${stream}`);
  });
}

/** A bare kafkajs producer: the prepared messages in batches of the producer's size, one at a time. */
export async function bareProducer(
  brokers: string[],
  messages: PreparedMessage[],
): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-bare', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ maxInFlightRequests: 1 });
  await producer.connect();
  const started = performance.now();
  for (let i = 0; i < messages.length; i += BATCH_MAX_MESSAGES) {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of messages.slice(i, i + BATCH_MAX_MESSAGES)) {
      const list = byTopic.get(topic);
      if (list) list.push(message);
      else byTopic.set(topic, [message]);
    }
    await producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
    });
  }
  const ended = performance.now();
  await producer.disconnect();
  return (messages.length / (ended - started)) * 1000;
}

const countOf = async (metric: typeof eventsPublished) =>
  (await metric.get()).values.reduce((total, { value }) => total + value, 0);

async function publishedSoFar(): Promise<number> {
  return (await countOf(eventsPublished)) + (await countOf(publishFailures));
}

/**
 * The producer's real path: StreamConnectionPool (WebSocket) → normalize → EventPublisher
 * (contract validation) → BatchingKafkaClient, sending from its Kafka send thread (the producer's
 * default) or from the main thread, timed from the first frame received to the last event
 * acknowledged by the broker.
 */
export async function ourProducer(
  brokers: string[],
  framesFile: string,
  frameCount: number,
  symbols: string[],
  restUrl: string,
  run: number,
  sendThread: boolean,
): Promise<number> {
  Logger.overrideLogger(false);
  const blaster = await startBlaster(framesFile);
  const wsUrl = blaster.url;
  const before = await publishedSoFar();
  const app = await NestFactory.createApplicationContext(
    {
      module: class BenchProducerModule {},
      imports: [
        MessagingModule.forRoot({
          transport: 'kafka',
          isGlobal: true,
          kafka: {
            brokers,
            clientId: `bench-ours-${run}-${sendThread ? 'thread' : 'main'}`,
            lingerMs: LINGER_MS,
            batchMaxMessages: BATCH_MAX_MESSAGES,
            fetchMaxWaitMs: 100,
            sessionTimeoutMs: 6000,
            sendThread,
          },
        }),
        MarketDataIngestModule.forRoot({ symbols, source: { kind: 'binance', wsUrl, restUrl } }),
      ],
    },
    { logger: false },
  );
  const receivedBefore = await countOf(eventsIn);
  await app.init();
  const deadline = Date.now() + 300_000;
  // The clock starts at the first frame received, as the bare producer's starts once connected.
  let started = 0;
  let receivedAllAt = 0;
  while ((await publishedSoFar()) - before < frameCount) {
    const received = (await countOf(eventsIn)) - receivedBefore;
    if (!started && received > 0) started = performance.now();
    if (!receivedAllAt && received >= frameCount) receivedAllAt = performance.now();
    if (Date.now() > deadline) throw new Error('our producer did not publish every frame');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const ended = performance.now();
  if (process.env.BENCH_DEBUG) {
    console.log(
      `received all by ${Math.round(receivedAllAt - started)} ms, published by ${Math.round(ended - started)} ms`,
    );
  }
  const failed = await countOf(publishFailures);
  await app.close();
  await blaster.stop();
  if (failed > 0) throw new Error(`${failed} publishes failed`);
  return (frameCount / (ended - started)) * 1000;
}
