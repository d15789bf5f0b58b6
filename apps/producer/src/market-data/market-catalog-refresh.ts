import { MarketEvent } from '@app/contracts';
import { ExchangeInfo } from '@app/exchange';
import { PeriodicTask } from '@app/platform';
import { MarketCatalog } from './market-catalog';

export interface MarketCatalogRefreshOptions {
  catalog: MarketCatalog;
  /** How often exchangeInfo is re-read and the changed entries published. */
  intervalMs: number;
  exchangeInfo: () => Promise<ExchangeInfo>;
  /** The symbols read now (they change with SYMBOLS_URL). */
  followed: () => readonly string[];
  publish: (event: MarketEvent) => void;
  /** exchangeInfo could not be read: the listings stay, ticker changes are still published. */
  failed: (message: string) => void;
  now: () => number;
}

/**
 * Keeps the markets catalog current: at start and every `intervalMs` it re-reads exchangeInfo and
 * publishes the entries that changed since the last time (new listings, a status or filter change,
 * a new price or volume from the 24 h tickers applied meanwhile). A read still running when the
 * next is due is not doubled.
 */
export class MarketCatalogRefresh {
  private readonly task: PeriodicTask;

  constructor(private readonly options: MarketCatalogRefreshOptions) {
    this.task = new PeriodicTask(() => this.readAndPublish(), options.intervalMs);
  }

  /** Publishes the whole catalog now, then its changes every interval. */
  start(): void {
    void this.refresh();
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One re-read now; resolves once the changes it found were handed to `publish`. */
  refresh(): Promise<void> {
    return this.task.run();
  }

  private async readAndPublish(): Promise<void> {
    const { catalog, followed, publish, failed, now } = this.options;
    try {
      const info = await this.options.exchangeInfo();
      catalog.applyExchangeInfo(info.symbols, followed());
    } catch (error) {
      failed(`exchangeInfo for the markets catalog failed: ${(error as Error).message}`);
    }
    for (const event of catalog.takeChanges(now())) publish(event);
  }
}
