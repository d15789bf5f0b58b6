import { MarketDataSource, MarketEvent, Ticker24hEvent } from '@app/contracts';
import { ExchangeSymbol } from '@app/exchange';

type Listing = Pick<
  MarketEvent,
  'symbol' | 'status' | 'baseAsset' | 'quoteAsset' | 'tickSize' | 'stepSize'
>;
type Figures = Pick<MarketEvent, 'lastPrice' | 'volume' | 'quoteVolume' | 'exchangeTime'>;

const NO_FIGURES: Figures = {
  lastPrice: null,
  volume: null,
  quoteVolume: null,
  exchangeTime: null,
};

/**
 * The markets catalog of the followed symbols: each one's exchangeInfo listing joined with its
 * latest 24 h ticker figures and whether it is on the priority list. It remembers which symbols
 * changed since the last `takeChanges`, so only those are published (and every one the first
 * time), and which were forgotten, so their consumers are told to remove them.
 */
export class MarketCatalog {
  private readonly listings = new Map<string, Listing>();
  private readonly figures = new Map<string, Figures>();
  private readonly changed = new Set<string>();
  private readonly forgotten = new Map<string, Listing>();
  private priority = new Set<string>();

  constructor(private readonly source: MarketDataSource) {}

  /** Lists the followed symbols exchangeInfo names; one it no longer names keeps its listing. */
  applyExchangeInfo(symbols: readonly ExchangeSymbol[], followed: readonly string[]): void {
    const wanted = new Set(followed);
    for (const info of symbols) {
      if (!wanted.has(info.symbol)) continue;
      const listing = listingOf(info);
      if (listing && !sameValues(this.listings.get(info.symbol), listing)) {
        this.listings.set(info.symbol, listing);
        this.forgotten.delete(info.symbol);
        this.changed.add(info.symbol);
      }
    }
  }

  /** A ticker changes the entry only when its price or volumes did, not on its time alone. */
  applyTicker(ticker: Ticker24hEvent): void {
    const { symbol, lastPrice, volume, quoteVolume, exchangeTime } = ticker;
    const seen = this.figures.get(symbol) ?? NO_FIGURES;
    if (seen.exchangeTime !== null && exchangeTime < seen.exchangeTime) return;
    this.figures.set(symbol, { lastPrice, volume, quoteVolume, exchangeTime });
    const moved =
      seen.lastPrice !== lastPrice || seen.volume !== volume || seen.quoteVolume !== quoteVolume;
    if (moved && this.listings.has(symbol)) this.changed.add(symbol);
  }

  /** The priority list now: entries whose flag flips are published again. */
  setPriority(symbols: readonly string[]): void {
    const next = new Set(symbols);
    for (const symbol of this.listings.keys()) {
      if (this.priority.has(symbol) !== next.has(symbol)) this.changed.add(symbol);
    }
    this.priority = next;
  }

  /**
   * No longer followed: dropped from the catalog, and published once more with `followed: false`
   * (if it was ever listed) so consumers remove it.
   */
  forget(symbols: readonly string[]): void {
    for (const symbol of symbols) {
      const listing = this.listings.get(symbol);
      if (listing) this.forgotten.set(symbol, listing);
      this.listings.delete(symbol);
      this.figures.delete(symbol);
      this.changed.delete(symbol);
    }
  }

  /** The entries changed or forgotten since the last call, by symbol, stamped `producedAt`. */
  takeChanges(producedAt: number): MarketEvent[] {
    const entry = (listing: Listing, followed: boolean): MarketEvent => ({
      source: this.source,
      ...listing,
      ...(this.figures.get(listing.symbol) ?? NO_FIGURES),
      priority: followed && this.priority.has(listing.symbol),
      followed,
      producedAt,
    });
    const changed = [...this.changed].flatMap((symbol) => {
      const listing = this.listings.get(symbol);
      return listing ? [entry(listing, true)] : [];
    });
    const forgotten = [...this.forgotten.values()].map((listing) => entry(listing, false));
    this.changed.clear();
    this.forgotten.clear();
    return [...changed, ...forgotten].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  }
}

/** Null when exchangeInfo lacks the PRICE_FILTER or LOT_SIZE step: such a listing is not usable. */
function listingOf(info: ExchangeSymbol): Listing | null {
  const tickSize = info.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize;
  const stepSize = info.filters.find((f) => f.filterType === 'LOT_SIZE')?.stepSize;
  if (tickSize === undefined || stepSize === undefined) return null;
  const { symbol, status, baseAsset, quoteAsset } = info;
  return { symbol, status, baseAsset, quoteAsset, tickSize, stepSize };
}

function sameValues(a: Listing | undefined, b: Listing): boolean {
  return a !== undefined && (Object.keys(b) as (keyof Listing)[]).every((k) => a[k] === b[k]);
}
