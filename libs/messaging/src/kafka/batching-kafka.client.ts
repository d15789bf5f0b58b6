import { exponentialDelay } from '@app/backoff';
import { Logger } from '@nestjs/common';
import { ClientKafka, KafkaOptions } from '@nestjs/microservices';
import { Message } from 'kafkajs';
import type { EventClient } from '../messaging.options';
import { MicroBatcher } from '../publishing/micro-batcher';
import { OutgoingMessage } from '../publishing/outgoing-message';
import { BackPressure, BackPressureListener } from './back-pressure';
import { BufferOverflowError, KafkaBacklog, KafkaBuffering } from './kafka-buffering';
import { TopicMessage } from './packed-batch';
import { BatchSender } from './threaded-batch-sender';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * How long a closing client keeps trying to deliver what it holds: within the apps' 10 s shutdown
 * deadline, long enough for a broker that just came back to settle its partition leaders.
 */
const FLUSH_ON_CLOSE_MS = 4_000;

/**
 * Nest's Kafka client in producer-only mode, with micro-batching: events emitted within `lingerMs`
 * (or up to `maxMessages`) go out in one `sendBatch` request, which is what makes Kafka fast.
 *
 * While Kafka is unavailable the batch in flight is retried (capped backoff) until it is delivered,
 * and new events wait behind it, in order, up to `buffering.maxMessages`; beyond that an event is
 * refused with `BufferOverflowError` so the caller counts and logs the drop. Nothing is lost
 * silently and the app never has to restart to recover.
 *
 * With a `sender` (`ThreadedBatchSender`), batches go out from a kafkajs producer on its own
 * thread; without one, from Nest's producer on this thread.
 */
export class BatchingKafkaClient extends ClientKafka implements EventClient {
  private readonly batcher: MicroBatcher<TopicMessage>;
  private readonly pressure: BackPressure;
  private readonly maxMessages: number;
  private readonly log = new Logger(BatchingKafkaClient.name);
  private unavailableSince: number | null = null;
  private lastError: string | null = null;
  private closing = false;
  /** Until when a batch that fails while closing is tried again (`FLUSH_ON_CLOSE_MS`). */
  private flushDeadline = Infinity;

  constructor(
    options: KafkaOptions['options'],
    batching: { lingerMs: number; maxMessages: number; maxHoldMs?: number },
    private readonly buffering: KafkaBuffering = { maxMessages: 100_000, notReadyAbove: 50_000 },
    private readonly sender: BatchSender | null = null,
    /** A send failure as the log and readiness say it (`describeKafkaFailure`: where, how, why). */
    private readonly describeFailure = (reason: string): string => `Kafka: ${reason}`,
  ) {
    super({ ...options, producerOnlyMode: true });
    this.maxMessages = batching.maxMessages;
    this.pressure = new BackPressure(batching.maxHoldMs ?? 1_000);
    this.batcher = new MicroBatcher<TopicMessage>({
      lingerMs: batching.lingerMs,
      maxItems: batching.maxMessages,
      send: (items) => this.sendBatch(items),
    });
  }

  /** How far behind Kafka the producer is: readiness fails while unavailable or over the bound. */
  get backlog(): KafkaBacklog {
    return {
      buffered: this.batcher.size,
      available: this.unavailableSince === null,
      unavailableSince: this.unavailableSince,
      lastError: this.lastError,
      notReadyAbove: this.buffering.notReadyAbove,
    };
  }

  /**
   * Queues an encoded message for the next batch; resolves once Kafka acknowledged it. The direct
   * path (`EventPublisher` uses it) skips the per-message Observable of `emit`, which cost more CPU
   * than validation in `bench/producer`.
   */
  publishEncoded(topic: string, data: OutgoingMessage): Promise<void> {
    if (this.batcher.size >= this.buffering.maxMessages) {
      return Promise.reject(new BufferOverflowError(topic, this.buffering.maxMessages));
    }
    // The encoded message is already a kafkajs message (key and value): no copy per event.
    const sent = this.batcher.add({ topic, message: data });
    if (this.batcher.size >= this.maxMessages) this.pressure.update(this.unavailableSince === null);
    return sent;
  }

  /** Sources that can pause (exchange connections) listen here: see `BackPressure`. */
  onBackPressure(listener: BackPressureListener): () => void {
    return this.pressure.subscribe(listener);
  }

  protected override async dispatchEvent<T>(packet: {
    pattern: string;
    data: OutgoingMessage;
  }): Promise<T> {
    await this.publishEncoded(packet.pattern, packet.data);
    return undefined as T;
  }

  override async close(): Promise<void> {
    this.closing = true;
    this.flushDeadline = Date.now() + FLUSH_ON_CLOSE_MS;
    this.pressure.update(false);
    await this.batcher.flush();
    await this.sender?.close();
    await super.close();
  }

  /**
   * A failed connect leaves Nest's client holding the rejected promise forever: forget it so the
   * next attempt connects anew. (A producer that did connect is kept: kafkajs reconnects it.)
   */
  private async connectAfresh(): Promise<Awaited<ReturnType<ClientKafka['connect']>>> {
    try {
      return await this.connect();
    } catch (error) {
      this.initialized = null;
      throw error;
    }
  }

  /** Sends the batch from Nest's producer, on this thread. */
  private inline(items: readonly TopicMessage[]): () => Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of items) {
      const messages = byTopic.get(topic);
      if (messages) messages.push(message);
      else byTopic.set(topic, [message]);
    }
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    return async () => {
      const producer = await this.connectAfresh();
      await producer.sendBatch({ topicMessages });
    };
  }

  private async sendBatch(items: TopicMessage[]): Promise<void> {
    this.pressure.rearm();
    this.pressure.update(this.unavailableSince === null && this.batcher.size >= this.maxMessages);
    const sender = this.sender;
    const send = sender ? () => sender.send(items) : this.inline(items);
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        if (this.unavailableSince !== null) {
          const ms = Date.now() - this.unavailableSince;
          this.log.log(`Kafka available again after ${ms} ms; ${this.batcher.size} buffered`);
        }
        this.unavailableSince = null;
        return;
      } catch (error) {
        this.lastError = this.describeFailure((error as Error).message);
        if (this.unavailableSince === null) {
          this.unavailableSince = Date.now();
          this.pressure.update(false);
          this.log.warn(`unavailable: ${this.lastError}; buffering, retrying`);
        }
        // On shutdown the batch is tried again for FLUSH_ON_CLOSE_MS at most (a broker that just
        // came back may still be moving partition leaders; kafkajs itself does not retry, see
        // messaging.module.ts), then fails: its events are counted as failures.
        const backoff = exponentialDelay(attempt, 200, 5_000);
        if (this.closing && Date.now() + backoff > this.flushDeadline) throw error;
        await sleep(backoff);
      }
    }
  }
}
