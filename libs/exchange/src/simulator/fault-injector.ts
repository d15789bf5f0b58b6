/** Faults a run starts with (constructor) or a test switches on (`POST /debug/faults`). */
export interface FaultSettings {
  /** Drop the next N depth diffs (of `symbol`, or any): every client sees a gap. */
  dropDiffs?: number;
  /** Send the next N depth diffs twice. */
  duplicateDiffs?: number;
  /** Drop every Nth depth diff, for the whole run (0 = never). */
  dropDiffEvery?: number;
  /** Duplicate every Nth depth diff, for the whole run (0 = never). */
  duplicateDiffEvery?: number;
  /** Drop the next N trade events (of `symbol`, or any): every client sees a gap in `t`. */
  dropTrades?: number;
  /** Drop the next N aggTrade events (of `symbol`, or any): every client sees a gap in `a`. */
  dropAggTrades?: number;
  /** Limit drop/duplicate faults to one symbol. */
  symbol?: string;
  /** Answer the next N REST calls with 429 and this Retry-After (seconds). */
  rest429?: { count: number; retryAfterSec?: number };
  /** Delay every depth snapshot by this many ms. */
  snapshotDelayMs?: number;
}

/** One-off actions on open connections, run when posted. */
export interface FaultActions {
  /** `all`, or one connection id from `GET /debug/connections`. */
  disconnect?: 'all' | number;
  /** Send `serverShutdown` to every connection, then close them after `shutdownGraceMs`. */
  serverShutdown?: boolean;
  shutdownGraceMs?: number;
}

export type DiffFate = 'send' | 'drop' | 'duplicate';

/** Decides, diff by diff and call by call, what the configured faults do. */
export class FaultInjector {
  private settings: Required<Omit<FaultSettings, 'symbol' | 'rest429'>> & { symbol?: string };
  private rest429Left = 0;
  private rest429RetryAfterSec = 1;
  private diffCount = 0;
  readonly injected = {
    droppedDiffs: 0,
    duplicatedDiffs: 0,
    droppedTrades: 0,
    droppedAggTrades: 0,
    rest429s: 0,
  };

  constructor(initial: FaultSettings = {}) {
    this.settings = {
      dropDiffs: 0,
      duplicateDiffs: 0,
      dropDiffEvery: 0,
      duplicateDiffEvery: 0,
      dropTrades: 0,
      dropAggTrades: 0,
      snapshotDelayMs: 0,
    };
    this.configure(initial);
  }

  /** Merges new settings over the current ones. */
  configure(update: FaultSettings): void {
    const { rest429, ...rest } = update;
    this.settings = { ...this.settings, ...rest };
    if (rest429) {
      this.rest429Left = rest429.count;
      this.rest429RetryAfterSec = rest429.retryAfterSec ?? 1;
    }
  }

  get snapshotDelayMs(): number {
    return this.settings.snapshotDelayMs;
  }

  diffFate(symbol: string): DiffFate {
    if (this.settings.symbol && this.settings.symbol !== symbol) return 'send';
    this.diffCount++;
    const s = this.settings;
    if (s.dropDiffs > 0 || (s.dropDiffEvery > 0 && this.diffCount % s.dropDiffEvery === 0)) {
      if (s.dropDiffs > 0) s.dropDiffs--;
      this.injected.droppedDiffs++;
      return 'drop';
    }
    if (
      s.duplicateDiffs > 0 ||
      (s.duplicateDiffEvery > 0 && this.diffCount % s.duplicateDiffEvery === 0)
    ) {
      if (s.duplicateDiffs > 0) s.duplicateDiffs--;
      this.injected.duplicatedDiffs++;
      return 'duplicate';
    }
    return 'send';
  }

  /** True when this trade (or aggTrade) event must be dropped. */
  dropsTrade(kind: 'trade' | 'aggTrade', symbol: string): boolean {
    if (this.settings.symbol && this.settings.symbol !== symbol) return false;
    const [setting, count] =
      kind === 'trade'
        ? (['dropTrades', 'droppedTrades'] as const)
        : (['dropAggTrades', 'droppedAggTrades'] as const);
    if (this.settings[setting] <= 0) return false;
    this.settings[setting]--;
    this.injected[count]++;
    return true;
  }

  /** Seconds for Retry-After when this REST call must be refused with a 429, else null. */
  takeRest429(): number | null {
    if (this.rest429Left <= 0) return null;
    this.rest429Left--;
    this.injected.rest429s++;
    return this.rest429RetryAfterSec;
  }
}
