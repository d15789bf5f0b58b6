import { SymbolSelection } from '@app/exchange';
import { PeriodicTask } from '@app/platform';
import { SymbolListChange, symbolListChange } from './symbol-settings';

export interface SymbolListRefreshOptions {
  intervalMs: number;
  /** The symbols being read now. */
  initial: readonly string[];
  /**
   * The wanted list now (names, `*`, `*QUOTE`; priority first): SYMBOLS, or the settings URL's
   * answer; null when it could not be read (the reader reported why).
   */
  wanted: () => Promise<readonly string[] | null>;
  /** What the wanted list selects from the exchange's listing now (exchangeInfo). */
  select: (wanted: readonly string[]) => Promise<SymbolSelection>;
  /** Subscribes and unsubscribes; called only with a change that is not empty. */
  apply: (change: SymbolListChange) => void;
  /** Wanted names the exchange does not trade; called when that set changes. */
  notTrading: (symbols: string[]) => void;
  /** The list or the listing could not be read: the current symbols stay. */
  failed: (message: string) => void;
}

/**
 * Every `intervalMs`, re-reads the wanted list and the exchange's listing and applies the
 * difference to what is read now: symbols listed since (or added to the list) start, symbols
 * delisted (status no longer TRADING) or taken off the list stop. A failed read keeps the current
 * list; a read still running when the next is due is not doubled.
 */
export class SymbolListRefresh {
  private current: string[];
  private notTrading = '';
  private readonly task: PeriodicTask;

  constructor(private readonly options: SymbolListRefreshOptions) {
    this.current = [...options.initial];
    this.task = new PeriodicTask(() => this.readAndApply(), options.intervalMs);
  }

  get symbols(): readonly string[] {
    return this.current;
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One re-read now; resolves once its change (if any) was applied. */
  refresh(): Promise<void> {
    return this.task.run();
  }

  private async readAndApply(): Promise<void> {
    const wanted = await this.options.wanted();
    if (!wanted) return;
    let selection: SymbolSelection;
    try {
      selection = await this.options.select(wanted);
    } catch (error) {
      this.options.failed(`exchangeInfo not read (${(error as Error).message}); symbols kept`);
      return;
    }
    this.reportNotTrading(selection.notTrading);
    const { added, removed } = symbolListChange(this.current, selection.symbols);
    if (added.length === 0 && removed.length === 0) return;
    const gone = new Set(removed);
    // Symbols kept stay where they are (their connections too); new ones go to the end.
    this.current = [...this.current.filter((symbol) => !gone.has(symbol)), ...added];
    this.options.apply({ added, removed });
  }

  private reportNotTrading(symbols: string[]): void {
    const key = symbols.join(',');
    if (key === this.notTrading) return;
    this.notTrading = key;
    if (symbols.length > 0) this.options.notTrading(symbols);
  }
}
