import { BOOK_UPDATE_TOPIC, BookUpdateEvent, decodeEvent } from '@app/contracts';
import { Consumer, Kafka, logLevel } from 'kafkajs';

/** Reads book.update.v1 from the start, keeping the events of the symbols a test cares about. */
export class BookUpdateReader {
  readonly events: BookUpdateEvent[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(
    brokers: string[],
    groupId: string,
    symbols: readonly string[],
  ): Promise<BookUpdateReader> {
    const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const reader = new BookUpdateReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: BOOK_UPDATE_TOPIC.name, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const decoded = decodeEvent(BOOK_UPDATE_TOPIC, message.value);
        if (!decoded.ok) throw new Error(`book.update.v1 failed its contract: ${decoded.reason}`);
        if (symbols.includes(decoded.value.symbol)) reader.events.push(decoded.value);
        return Promise.resolve();
      },
    });
    return reader;
  }

  latest(symbol: string): BookUpdateEvent | undefined {
    return this.events.filter((event) => event.symbol === symbol).at(-1);
  }

  /** Resolves with the first event matching, or rejects after `timeoutMs`. */
  async waitFor(
    predicate: (event: BookUpdateEvent) => boolean,
    timeoutMs = 30_000,
  ): Promise<BookUpdateEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no matching book.update.v1 within ${timeoutMs} ms; got ${this.events.length}: ` +
            JSON.stringify(this.events.slice(-3)),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
