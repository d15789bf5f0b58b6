import { OutgoingMessage } from '../publishing/outgoing-message';

type Listener = (topic: string, message: OutgoingMessage) => Promise<void>;

/**
 * The embedded mode's broker: topics in one process. Messages are delivered asynchronously (never
 * inside the publisher's call stack) and in order per topic, like a single-partition Kafka topic.
 */
export class InProcessBus {
  private readonly listeners = new Set<Listener>();
  private chain: Promise<void> = Promise.resolve();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(topic: string, message: OutgoingMessage): Promise<void> {
    const delivery = this.chain.then(() => this.deliver(topic, message));
    this.chain = delivery.catch(() => undefined);
    return delivery;
  }

  /** Resolves when everything published so far has been delivered. */
  drain(): Promise<void> {
    return this.chain;
  }

  private async deliver(topic: string, message: OutgoingMessage): Promise<void> {
    for (const listener of this.listeners) await listener(topic, message);
  }
}
