import { BufferOverflowError } from '../kafka/kafka-buffering';
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
  private waiting = 0;

  /**
   * @param maxWaiting messages published and not yet delivered to every listener. Beyond it a
   *   publish is refused with `BufferOverflowError`, as the Kafka client refuses past its buffer:
   *   the publisher counts and logs the drop, and a listener that falls behind (a slow consumer)
   *   cannot grow the process's memory without bound.
   */
  constructor(private readonly maxWaiting = 100_000) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Messages accepted and not yet delivered to every listener. */
  get backlog(): number {
    return this.waiting;
  }

  publish(topic: string, message: OutgoingMessage): Promise<void> {
    if (this.waiting >= this.maxWaiting) {
      return Promise.reject(new BufferOverflowError(topic, this.maxWaiting, 'in-process bus'));
    }
    this.waiting += 1;
    // A listener's failure is its own (servers log handler errors); it must not stop the bus.
    this.chain = this.chain
      .then(() => this.deliver(topic, message))
      .catch(() => undefined)
      .finally(() => {
        this.waiting -= 1;
      });
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
