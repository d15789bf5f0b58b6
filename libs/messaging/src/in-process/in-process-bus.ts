import { OutgoingMessage } from '../publishing/outgoing-message';

type Listener = (topic: string, message: OutgoingMessage) => Promise<void>;

/**
 * The embedded mode's broker: topics in one process. Like Kafka, `publish` resolves once the
 * message is accepted, not once it was consumed: a handler that publishes and awaits it must not
 * wait for itself. Delivery is asynchronous and in publish order, like one Kafka partition.
 */
export class InProcessBus {
  private readonly listeners = new Set<Listener>();
  private chain: Promise<void> = Promise.resolve();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(topic: string, message: OutgoingMessage): Promise<void> {
    // A listener's failure is its own (servers log handler errors); it must not stop the bus.
    this.chain = this.chain.then(() => this.deliver(topic, message)).catch(() => undefined);
    return Promise.resolve();
  }

  /** Resolves when everything has been delivered, including what listeners published meanwhile. */
  async drain(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }

  private async deliver(topic: string, message: OutgoingMessage): Promise<void> {
    for (const listener of this.listeners) await listener(topic, message);
  }
}
