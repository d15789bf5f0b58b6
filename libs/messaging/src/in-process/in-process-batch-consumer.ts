import { Logger } from '@nestjs/common';
import { BatchConsumer, BatchConsumption, BatchSource } from '../batch-consumer/batch-source';
import { ValidMessage } from '../batch-consumer/batch-consumer.types';
import { StaleOffsetError } from '../batch-consumer/stale-offset.error';
import { ContractRouter } from '../dead-letter/contract-router';
import { OutgoingMessage } from '../publishing/outgoing-message';
import { InProcessBus } from './in-process-bus';
import { IN_PROCESS_PARTITION as PARTITION } from './in-process.server';

export interface InProcessBatchOptions {
  /** Names the dead letters' consumer, as the Kafka group id does. */
  groupId: string;
  /** How long a first message waits for others to join its batch (Kafka's fetch max wait). */
  lingerMs?: number;
  maxBatchMessages?: number;
  /** Pause before a failed batch (its transaction rolled back) is offered again. */
  retryDelayMs?: number;
}

/** One topic's messages received but not yet applied; `pending[i]` has offset `base + i`. */
interface TopicLog {
  pending: OutgoingMessage[];
  base: bigint;
}

/**
 * `KafkaBatchConsumer`'s counterpart on the in-process bus, for handlers that store their offsets
 * with their results. There is no broker log to seek in: a message lives only in this process, so
 * offsets are numbered here, per topic, continuing from the offset the handler stored (loaded at
 * start). The numbering therefore survives restarts and `advanceOffset` fences exactly as on Kafka:
 * a batch applies only if the stored offset is its `fromOffset`. Messages that accumulated while a
 * batch was applied form the next batch. A failed batch stays at the head and is offered again with
 * the same offsets; a stale one (the stored offset moved on without this consumer) is renumbered
 * from the stored offset and offered again, since its messages exist nowhere else (the handler's
 * event-id dedupe keeps that exactly-once). `stop` applies what accumulated before it returns; what
 * is published after it is not this process's to apply, as the bus itself keeps nothing.
 */
export class InProcessBatchConsumer implements BatchConsumer {
  private readonly logger = new Logger(InProcessBatchConsumer.name);
  private readonly router: ContractRouter;
  private readonly logs = new Map<string, TopicLog>();
  private readonly lingerMs: number;
  private readonly maxBatchMessages: number;
  private readonly retryDelayMs: number;
  private unsubscribe: (() => void) | null = null;
  private loaded = false;
  private closing = false;
  private lingerTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly bus: InProcessBus,
    private readonly consumption: BatchConsumption,
    options: InProcessBatchOptions,
  ) {
    this.router = new ContractRouter(consumption.topics, options.groupId);
    this.lingerMs = options.lingerMs ?? 100;
    this.maxBatchMessages = options.maxBatchMessages ?? 5000;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    for (const topic of consumption.topics) this.logs.set(topic.name, { pending: [], base: 0n });
  }

  async start(): Promise<void> {
    // Subscribed before the offsets load, so nothing published meanwhile is missed: it waits.
    this.unsubscribe = this.bus.subscribe((topic, message) => this.receive(topic, message));
    for (const [topic, log] of this.logs) {
      const stored = await this.consumption.loadOffsets(topic);
      const offset = stored.find((o) => o.partition === PARTITION)?.nextOffset;
      log.base = offset === undefined ? 0n : BigInt(offset);
    }
    this.loaded = true;
    this.wake(0);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.closing = true;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    await this.running;
    if (this.loaded) await this.drain();
  }

  private receive(topic: string, message: OutgoingMessage): Promise<void> {
    const log = this.logs.get(topic);
    if (log) {
      log.pending.push(message);
      this.wake(this.lingerMs);
    }
    return Promise.resolve();
  }

  private wake(afterMs: number): void {
    if (!this.loaded || this.closing || this.running || this.lingerTimer) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
        if (this.hasPending()) this.wake(0);
      });
    }, afterMs);
  }

  private hasPending(): boolean {
    return [...this.logs.values()].some((log) => log.pending.length > 0);
  }

  /** One batch per topic in turn until nothing is pending (or a batch failed). */
  private async drain(): Promise<void> {
    while (this.hasPending()) {
      for (const [topic, log] of this.logs) {
        if (log.pending.length > 0 && !(await this.deliver(topic, log))) return;
      }
    }
  }

  /** Offers the head of a topic's log as one batch; false if it failed and must wait. */
  private async deliver(topic: string, log: TopicLog): Promise<boolean> {
    const batch = log.pending.slice(0, this.maxBatchMessages);
    const from = log.base;
    const valid = await this.validMessages(topic, batch, from);
    try {
      await this.consumption.handleBatch({
        topic,
        partition: PARTITION,
        fromOffset: String(from),
        nextOffset: String(from + BigInt(batch.length)),
        messages: valid,
        lag: log.pending.length - batch.length,
      });
    } catch (error) {
      if (error instanceof StaleOffsetError) {
        this.logger.warn(`${error.message}; renumbering from the stored offset`);
        log.base = BigInt(error.storedOffset);
        return true;
      }
      this.logger.warn(`${topic}@${from}: ${(error as Error).message}; retrying the batch`);
      if (!this.closing) await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      return false;
    }
    log.pending.splice(0, batch.length);
    log.base = from + BigInt(batch.length);
    return true;
  }

  private async validMessages(
    topic: string,
    batch: readonly OutgoingMessage[],
    from: bigint,
  ): Promise<ValidMessage[]> {
    const valid: ValidMessage[] = [];
    for (const [index, message] of batch.entries()) {
      const offset = String(from + BigInt(index));
      const routed = this.router.route({ topic, partition: PARTITION, offset, ...message });
      if (routed.kind === 'valid') {
        valid.push({ topic, partition: PARTITION, offset, value: routed.value });
      } else {
        this.logger.warn(`${topic}@${offset}: ${routed.letter.reason}`);
        await this.consumption.deadLetter(routed.letter);
      }
    }
    return valid;
  }
}

/** Batches of the in-process bus, numbered per topic from the offsets `groupId` stored. */
export function inProcessBatchSource(
  bus: InProcessBus,
  options: InProcessBatchOptions,
): BatchSource {
  return {
    groupId: options.groupId,
    consumer: (consumption) => new InProcessBatchConsumer(bus, consumption, options),
  };
}
