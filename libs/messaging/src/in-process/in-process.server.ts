import { DEAD_LETTER_TOPIC, encodeEvent, TopicContract } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import { ContractRouter } from '../dead-letter/contract-router';
import { OutgoingMessage } from '../publishing/outgoing-message';
import { InProcessBus } from './in-process-bus';

/** The bus is one ordered stream: every topic is a single partition, numbered 0. */
export const IN_PROCESS_PARTITION = 0;

/** Context handed to handlers: the topic the event came from, and its (only) partition. */
export class InProcessContext extends BaseRpcContext<[string]> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return IN_PROCESS_PARTITION;
  }
}

/**
 * The `@EventPattern` side of the in-process transport. Every message is validated against its
 * contract exactly as on Kafka; an invalid one is re-published to the dead-letter topic.
 */
export class InProcessServer extends Server implements CustomTransportStrategy {
  private unsubscribe: (() => void) | null = null;
  private readonly router: ContractRouter;
  private readonly deadLetters = new Logger('DeadLetter');

  constructor(
    private readonly bus: InProcessBus,
    contracts: readonly TopicContract<object>[],
    consumerName: string,
  ) {
    super();
    this.router = new ContractRouter(contracts, consumerName);
  }

  listen(callback: () => void): void {
    this.unsubscribe = this.bus.subscribe((topic, message) => this.receive(topic, message));
    callback();
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  on(): void {
    throw new Error('events are not supported by the in-process transport');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async receive(topic: string, message: OutgoingMessage): Promise<void> {
    if (!this.getHandlerByPattern(topic)) return;
    const routed = this.router.route({ topic, partition: null, offset: null, ...message });
    if (routed.kind === 'dead-letter') {
      this.deadLetters.warn(`${topic}: ${routed.letter.reason}`);
      void this.bus.publish(DEAD_LETTER_TOPIC.name, encodeEvent(DEAD_LETTER_TOPIC, routed.letter));
      return;
    }
    await this.handleEvent(
      topic,
      { pattern: topic, data: routed.value },
      new InProcessContext([topic]),
    );
  }
}
