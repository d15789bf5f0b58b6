import { DeadLetterEvent, TopicContract } from '@app/contracts';
import { decodeEventFast } from '../publishing/compiled-contract-check';

/** Where a message goes when it cannot be accepted. */
export type DeadLetterSink = (letter: DeadLetterEvent) => Promise<void>;

export interface RawMessage {
  topic: string;
  partition: number | null;
  offset: string | null;
  key: string | null;
  value: string | Buffer | null;
}

export type RoutedMessage =
  | { kind: 'valid'; topic: string; value: object }
  | { kind: 'dead-letter'; letter: DeadLetterEvent };

/**
 * The consume side of the contracts, shared by the Kafka and in-process transports: a message is
 * decoded and validated against its topic's class; one that fails becomes a dead letter carrying the
 * whole raw message and the reason, so it is never lost and never stops the consumer. Valid
 * messages take the compiled check (`decodeEventFast`), refused ones class-validator's own path.
 */
export class ContractRouter {
  private readonly contracts = new Map<string, TopicContract<object>>();

  constructor(
    contracts: readonly TopicContract<object>[],
    private readonly consumer: string,
    private readonly now: () => number = Date.now,
  ) {
    for (const contract of contracts) this.contracts.set(contract.name, contract);
  }

  route(message: RawMessage): RoutedMessage {
    const contract = this.contracts.get(message.topic);
    if (!contract) return this.deadLetter(message, `no contract for topic ${message.topic}`);
    const decoded = decodeEventFast(contract, message.value);
    if (!decoded.ok) return this.deadLetter(message, decoded.reason);
    return { kind: 'valid', topic: message.topic, value: decoded.value };
  }

  private deadLetter(message: RawMessage, reason: string): RoutedMessage {
    const value = message.value === null ? '' : message.value.toString();
    return {
      kind: 'dead-letter',
      letter: {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        key: message.key,
        value,
        reason,
        consumer: this.consumer,
        failedAt: this.now(),
      },
    };
  }
}
