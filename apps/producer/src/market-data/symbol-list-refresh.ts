import {
  fetchSymbolSettings,
  orderByPriority,
  SymbolListChange,
  symbolListChange,
} from './symbol-settings';

export interface SymbolListRefreshOptions {
  /** The settings URL (`{"symbols": [...], "priority": [...]}` or an array of symbols). */
  url: string;
  intervalMs: number;
  /** The symbols being read now. */
  initial: readonly string[];
  /** Of the symbols about to be added, those the exchange trades (exchangeInfo). */
  tradable: (symbols: string[]) => Promise<string[]>;
  /** Subscribes and unsubscribes; called only with a change that is not empty. */
  apply: (change: SymbolListChange) => void;
  /** The URL could not be read or served nonsense: the current list stays. */
  failed: (message: string) => void;
}

/**
 * Re-reads the symbol list from its settings URL every `intervalMs` and applies the difference
 * to what is read now. A failed or malformed read keeps the current list (and is reported); a read
 * still running when the next is due is not doubled.
 */
export class SymbolListRefresh {
  private current: string[];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: SymbolListRefreshOptions) {
    this.current = [...options.initial];
  }

  get symbols(): readonly string[] {
    return this.current;
  }

  start(): void {
    this.timer = setInterval(() => void this.refresh(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One re-read now; resolves once its change (if any) was applied. */
  refresh(): Promise<void> {
    this.running ??= this.readAndApply().finally(() => (this.running = null));
    return this.running;
  }

  private async readAndApply(): Promise<void> {
    const settings = await fetchSymbolSettings(this.options.url, this.options.failed);
    if (!settings) return;
    const change = symbolListChange(this.current, orderByPriority(settings));
    const added = change.added.length > 0 ? await this.options.tradable(change.added) : [];
    if (added.length === 0 && change.removed.length === 0) return;
    const removed = new Set(change.removed);
    this.current = [...this.current.filter((symbol) => !removed.has(symbol)), ...added];
    this.options.apply({ added, removed: change.removed });
  }
}
