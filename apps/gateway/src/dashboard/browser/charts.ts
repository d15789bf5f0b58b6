import {
  createChart,
  HistogramSeries,
  type ISeriesApi,
  LineSeries,
  type UTCTimestamp,
} from 'lightweight-charts';

const chartOptions = {
  autoSize: true,
  layout: { attributionLogo: false },
  timeScale: { timeVisible: true, secondsVisible: true },
};

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/**
 * The price line and the per-minute volume bars. Only chart coordinates become numbers: the figures
 * a reader sees as text stay exact decimal strings.
 */
export class DashboardCharts {
  private readonly price: ISeriesApi<'Line'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private lastPriceTime = 0;

  constructor(priceElement: HTMLElement, volumeElement: HTMLElement) {
    this.price = createChart(priceElement, chartOptions).addSeries(LineSeries, {
      color: '#0969da',
      lineWidth: 2,
    });
    this.volume = createChart(volumeElement, chartOptions).addSeries(HistogramSeries, {
      color: '#8c959f',
    });
  }

  /**
   * Adds a price point; false (and nothing drawn) for one older than the last, since
   * lightweight-charts takes one point per second, in order: the latest price of a second wins.
   */
  addPrice(timeMs: number, price: string): boolean {
    const time = seconds(timeMs);
    if (time < this.lastPriceTime) return false;
    this.lastPriceTime = time;
    this.price.update({ time, value: Number(price) });
    return true;
  }

  /** Redraws every bar: minutes arrive out of order (backfill, replays). */
  setVolumes(minutes: readonly { windowStart: number; baseVolume: string }[]): void {
    this.volume.setData(
      minutes.map((m) => ({ time: seconds(m.windowStart), value: Number(m.baseVolume) })),
    );
  }

  clear(): void {
    this.lastPriceTime = 0;
    this.price.setData([]);
    this.volume.setData([]);
  }

  /** Points each chart holds, for the page's test hooks. */
  counts(): { pricePoints: number; volumeBars: number } {
    return { pricePoints: this.price.data().length, volumeBars: this.volume.data().length };
  }
}
