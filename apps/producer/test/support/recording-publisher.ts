import { TopicContract } from '@app/contracts';
import { EventPublisher } from '@app/messaging';

/**
 * Keeps what a service publishes, per topic, in order, for unit tests of the producer's ingest
 * services: what reaches the publisher is what Kafka would be given.
 */
export class RecordingPublisher {
  readonly events = new Map<string, object[]>();

  /** Typed as what the services take. */
  get asPublisher(): EventPublisher {
    return this as unknown as EventPublisher;
  }

  publish<T extends object>(topic: TopicContract<T>, value: T): Promise<void> {
    const list = this.events.get(topic.name) ?? [];
    list.push(value);
    this.events.set(topic.name, list);
    return Promise.resolve();
  }

  onBackPressure(): () => void {
    return () => undefined;
  }

  of<T>(topic: string, symbol?: string): T[] {
    const all = (this.events.get(topic) ?? []) as (T & { symbol?: string })[];
    return symbol === undefined ? all : all.filter((event) => event.symbol === symbol);
  }
}
