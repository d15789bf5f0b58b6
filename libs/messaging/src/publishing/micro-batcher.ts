/**
 * Collects items and hands them to `send` in batches: when `maxItems` are waiting, or `lingerMs`
 * after the first item of a batch arrived, whichever comes first. Each `add` resolves when its batch
 * was sent (or rejects with the batch's error), so callers can apply back-pressure if they wish.
 *
 * Kafka throughput is won by sending many records per request; latency is bounded by `lingerMs`.
 * At most one batch is in flight: a slow or retried batch must never be overtaken by a later one,
 * or a symbol's events would reach its partition out of order. Items that arrive meanwhile go out
 * as the next batch as soon as the current one settles.
 */
export interface MicroBatcherOptions<T> {
  lingerMs: number;
  maxItems: number;
  send: (items: T[]) => Promise<void>;
  /** Injected so tests control time. */
  setTimer?: (callback: () => void, ms: number) => NodeJS.Timeout;
  clearTimer?: (timer: NodeJS.Timeout) => void;
}

/** Items that go out in one `send`; every `add` into it shares its one promise. */
interface Batch<T> {
  items: T[];
  settled: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class MicroBatcher<T> {
  /** Batches waiting to be sent, oldest first; items are added to the last one until it is full. */
  private readonly waiting: Batch<T>[] = [];
  private waitingItems = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly setTimer: NonNullable<MicroBatcherOptions<T>['setTimer']>;
  private readonly clearTimer: NonNullable<MicroBatcherOptions<T>['clearTimer']>;

  constructor(private readonly options: MicroBatcherOptions<T>) {
    if (options.maxItems < 1) throw new RangeError('maxItems must be at least 1');
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer));
  }

  get size(): number {
    return this.waitingItems;
  }

  /**
   * Resolves when the item's batch was sent. The items of a batch settle together, so they share
   * one promise: a promise (and its executor closure) per item was a large share of the
   * producer's allocations per event.
   */
  add(item: T): Promise<void> {
    let batch = this.waiting[this.waiting.length - 1];
    if (batch === undefined || batch.items.length >= this.options.maxItems) {
      batch = openBatch<T>();
      this.waiting.push(batch);
    }
    batch.items.push(item);
    this.waitingItems++;
    if (batch.items.length >= this.options.maxItems) {
      this.startFlush();
    } else if (this.timer === null && this.inFlight === null) {
      this.timer = this.setTimer(() => this.startFlush(), this.options.lingerMs);
    }
    return batch.settled;
  }

  /** Sends everything waiting, batch after batch, and resolves when the last one has settled. */
  async flush(): Promise<void> {
    this.startFlush();
    while (this.inFlight !== null) await this.inFlight;
  }

  private startFlush(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.inFlight !== null) return;
    const batch = this.waiting.shift();
    if (batch === undefined) return;
    this.waitingItems -= batch.items.length;
    this.inFlight = this.sendBatch(batch).finally(() => {
      this.inFlight = null;
      // What queued up while this batch was in flight has waited long enough: send it now.
      this.startFlush();
    });
  }

  private async sendBatch(batch: Batch<T>): Promise<void> {
    try {
      await this.options.send(batch.items);
      batch.resolve();
    } catch (error) {
      batch.reject(error);
    }
  }
}

function openBatch<T>(): Batch<T> {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const settled = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { items: [], settled, resolve, reject };
}
