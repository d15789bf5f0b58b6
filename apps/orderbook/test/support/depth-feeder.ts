import { DEPTH_TOPIC, DepthDiffEvent, encodeEvent } from '@app/contracts';
import { Producer } from 'kafkajs';
import { FakeSnapshotServer } from './fake-snapshot-server';
import { ReferenceBook, referenceChecksum } from './reference-book';

/**
 * Plays the exchange for an end-to-end test: per symbol a reference book moved by random diffs near
 * the touch, each diff produced to md.depth.v1 and only then folded into the snapshot the fake REST
 * server answers with (so a snapshot never runs ahead of the stream). Remembers the checksum of the
 * top `depth` levels at every update id, to judge any published view.
 */
export class DepthFeeder {
  private readonly books = new Map<string, ReferenceBook>();
  private readonly checksums = new Map<string, Map<number, number>>();
  private timer: NodeJS.Timeout | undefined;
  private seed = 12345;
  private sending = Promise.resolve();

  constructor(
    private readonly producer: Producer,
    private readonly exchange: FakeSnapshotServer,
    readonly symbols: readonly string[],
    private readonly depth: number,
  ) {
    for (const symbol of symbols) {
      const book = ReferenceBook.from({
        lastUpdateId: 1000,
        bids: Array.from({ length: 40 }, (_, i) => [`${5000 - i}.00`, '1.000']),
        asks: Array.from({ length: 40 }, (_, i) => [`${5001 + i}.00`, '1.000']),
      });
      this.books.set(symbol, book);
      this.checksums.set(symbol, new Map([[1000, referenceChecksum(book.top(depth))]]));
      exchange.setSnapshot(symbol, book.snapshot());
    }
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sending = this.sending.then(() => this.tick()).catch(() => undefined);
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sending;
  }

  /** The reference checksum at `updateId`, if the feeder produced that id. */
  checksumAt(symbol: string, updateId: number): number | undefined {
    return this.checksums.get(symbol)?.get(updateId);
  }

  topAt(symbol: string): ReturnType<ReferenceBook['top']> {
    return this.books.get(symbol)!.top(this.depth);
  }

  private async tick(): Promise<void> {
    const events: DepthDiffEvent[] = this.symbols.map((symbol) => this.nextDiff(symbol));
    await this.producer.send({
      topic: DEPTH_TOPIC.name,
      messages: events.map((event) => encodeEvent(DEPTH_TOPIC, event)),
    });
    for (const event of events) {
      const book = this.books.get(event.symbol)!;
      book.apply(event.finalUpdateId, event.bids, event.asks);
      this.checksums
        .get(event.symbol)!
        .set(event.finalUpdateId, referenceChecksum(book.top(this.depth)));
      this.exchange.setSnapshot(event.symbol, book.snapshot());
    }
  }

  private nextDiff(symbol: string): DepthDiffEvent {
    const book = this.books.get(symbol)!;
    const U = book.lastUpdateId + 1;
    const u = U + (this.random() % 3);
    const qty = () =>
      this.random() % 4 === 0 ? '0' : `${1 + (this.random() % 9)}.${this.random() % 1000}`;
    const bids: [string, string][] = [[`${4990 + (this.random() % 10)}.00`, qty()]];
    const asks: [string, string][] = [[`${5001 + (this.random() % 10)}.00`, qty()]];
    const now = Date.now();
    return {
      source: 'simulator',
      symbol,
      firstUpdateId: U,
      finalUpdateId: u,
      bids,
      asks,
      exchangeTime: now,
      receivedAt: now,
      producedAt: now,
    };
  }

  private random(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed >>> 8;
  }
}
