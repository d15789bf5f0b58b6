import { AppProcess, freePort } from '../../../../test/support/app-process';
import { REDIS_URL } from '../../../../test/support/services';
import { until } from '../../../../test/support/until';

/** A symbol of the simulator's, not replayed, so its trades never mix into the replayed ones. */
export const BOOK_SYMBOL = 'SOLUSDT';
/** Levels compared: far inside the orderbook's 5000-level snapshot, so all of them are exact. */
const DEPTH = 100;

export interface Book {
  lastUpdateId: number;
  bids: string[][];
  asks: string[][];
}

/**
 * Books under the fault: the built simulator app (a Binance-protocol exchange whose true book is
 * at `/debug/book`), a producer streaming BOOK_SYMBOL from it into Kafka, and the built orderbook
 * keeping that book from the simulator's snapshots and the diffs it reads back from Kafka.
 */
export class SimulatedBooks {
  private constructor(
    readonly simulator: AppProcess,
    readonly simulatorUrl: string,
    readonly producer: AppProcess,
    readonly orderbook: AppProcess,
    readonly urls: { marketProducer: string; orderbook: string },
  ) {}

  /** `kafka`: the Kafka variables the apps share; `prefix`: this run's Redis key prefix. */
  static async start(kafka: Record<string, string>, prefix: string): Promise<SimulatedBooks> {
    const port = await freePort();
    const simulator = AppProcess.start('simulator', { PORT: String(port), SYMBOLS: BOOK_SYMBOL });
    await simulator.waitForOutput(new RegExp(`^http://127\\.0\\.0\\.1:${port}$`, 'm'), 90_000);
    const simulatorUrl = `http://127.0.0.1:${port}`;
    const ports = { producer: await freePort(), orderbook: await freePort() };
    const producer = AppProcess.start('producer', {
      ...kafka,
      PORT: String(ports.producer),
      EXCHANGE_WS_URL: `ws://127.0.0.1:${port}`,
      SYMBOLS: BOOK_SYMBOL,
      DEX_SOURCE: 'off',
    });
    const orderbook = AppProcess.start('orderbook', {
      ...kafka,
      PORT: String(ports.orderbook),
      REDIS_URL,
      CACHE_KEY_PREFIX: prefix,
      EXCHANGE_REST_URL: simulatorUrl,
    });
    const urls = {
      marketProducer: `http://127.0.0.1:${ports.producer}`,
      orderbook: `http://127.0.0.1:${ports.orderbook}`,
    };
    const books = new SimulatedBooks(simulator, simulatorUrl, producer, orderbook, urls);
    await until(
      'the orderbook holding a synced book',
      () => books.held().then(Boolean),
      90_000,
      250,
    );
    return books;
  }

  get apps(): AppProcess[] {
    return [this.producer, this.orderbook];
  }

  /**
   * With the market held still, the simulator's true book and the orderbook's once it has applied
   * every diff up to it (polled for up to `timeoutMs`); the market moves on afterwards.
   */
  async heldAndTrue(timeoutMs = 60_000): Promise<{ held: Book | null; truth: Book }> {
    await this.post('/debug/pause');
    try {
      const truth = await this.json<Book>(
        `${this.simulatorUrl}/debug/book?symbol=${BOOK_SYMBOL}&limit=${DEPTH}`,
      );
      let held: Book | null = null;
      await until(
        `the orderbook's ${BOOK_SYMBOL} book at the true update id ${truth.lastUpdateId}`,
        async () => (held = await this.held())?.lastUpdateId === truth.lastUpdateId,
        timeoutMs,
        250,
      ).catch(() => undefined); // the caller compares, and shows how far the held book was
      return { held, truth: bookOf(truth) };
    } finally {
      await this.post('/debug/resume');
    }
  }

  /** The orderbook's live book (null while it is not synced or not answering). */
  async held(): Promise<Book | null> {
    const response = await fetch(`${this.urls.orderbook}/v1/books/${BOOK_SYMBOL}?depth=${DEPTH}`, {
      signal: AbortSignal.timeout(3000),
    }).catch(() => undefined);
    if (response?.status !== 200) return null;
    return bookOf((await response.json()) as Book);
  }

  private async post(path: string): Promise<void> {
    const response = await fetch(`${this.simulatorUrl}${path}`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  }

  private async json<T>(url: string): Promise<T> {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    return (await response.json()) as T;
  }
}

/** The fields compared (the answers carry the symbol too). */
const bookOf = ({ lastUpdateId, bids, asks }: Book): Book => ({ lastUpdateId, bids, asks });
