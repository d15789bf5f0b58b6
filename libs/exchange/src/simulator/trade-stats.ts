import { SimulatedTrade } from './market-types';

const RECENT_TRADES = 1000;

/**
 * Rolling trade statistics since the simulator started (its "24 h" window; a run is shorter than
 * a day) and the latest trades, for `/api/v3/ticker/24hr`, `<s>@ticker` and `/api/v3/trades`.
 * Volumes are exact: lots and ticks × lots as BigInt.
 */
export class TradeStats {
  openTicks: number;
  lastTicks: number;
  lastLots = 0;
  highTicks: number;
  lowTicks: number;
  volumeLots = 0n;
  quoteVolumeTickLots = 0n;
  count = 0;
  firstId = -1;
  lastId = -1;
  readonly recent: SimulatedTrade[] = [];

  constructor(startTicks: number) {
    this.openTicks = startTicks;
    this.lastTicks = startTicks;
    this.highTicks = startTicks;
    this.lowTicks = startTicks;
  }

  record(trade: SimulatedTrade): void {
    if (this.count === 0) {
      this.firstId = trade.id;
      this.highTicks = trade.ticks;
      this.lowTicks = trade.ticks;
    }
    this.count++;
    this.lastId = trade.id;
    this.lastTicks = trade.ticks;
    this.lastLots = trade.lots;
    this.highTicks = Math.max(this.highTicks, trade.ticks);
    this.lowTicks = Math.min(this.lowTicks, trade.ticks);
    this.volumeLots += BigInt(trade.lots);
    this.quoteVolumeTickLots += BigInt(trade.lots) * BigInt(trade.ticks);
    this.recent.push(trade);
    if (this.recent.length > RECENT_TRADES) this.recent.shift();
  }
}
