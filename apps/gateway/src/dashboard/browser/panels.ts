import type { BookUpdateEvent, StatsUpdateEvent } from '@app/contracts';
import { subtractDecimals } from '@app/decimal';
import type { Candle } from '../../market-data/candles';
import type { MarketFormat } from './market-format';

/** One past minute as the table shows it: a live stats 1m figure or a REST candle. */
export type MinuteRow = Omit<Candle, 'openTime'> & { windowStart: number };

export const BOOK_LEVELS = 20;
const TABLE_MINUTES = 30;
const DEX_WINDOWS = ['1m', '1h', '24h'] as const;

export const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
};

// Every figure passes through MarketFormat (digits and a point only), so the markup holds no input.
const cell = (text: string | number, cls?: string) =>
  `<td${cls ? ` class="${cls}"` : ''}>${text}</td>`;
const row = (cells: string[]) => `<tr>${cells.join('')}</tr>`;
const utcMinute = (ms: number) => new Date(ms).toISOString().slice(11, 16);

export function showBook(book: BookUpdateEvent, format: MarketFormat): void {
  const levels = (side: [string, string][], kind: 'bid' | 'ask') =>
    side
      .slice(0, BOOK_LEVELS)
      .map(([price, qty]) =>
        kind === 'bid'
          ? row([cell(format.size(qty)), cell(format.price(price), 'bid')])
          : row([cell(format.price(price), 'ask'), cell(format.size(qty))]),
      )
      .join('');
  byId('bids').innerHTML = levels(book.bids, 'bid');
  byId('asks').innerHTML = levels(book.asks, 'ask');
  const [bid, ask] = [book.bids[0], book.asks[0]];
  byId('spread').textContent = bid && ask ? format.price(subtractDecimals(ask[0], bid[0])) : '–';
}

/** The minutes table (newest first) and the latest minute's figures. */
export function showMinutes(newestFirst: readonly MinuteRow[], format: MarketFormat): void {
  byId('minutes').innerHTML = newestFirst
    .slice(0, TABLE_MINUTES)
    .map((m) =>
      row([
        cell(utcMinute(m.windowStart)),
        ...[m.open, m.high, m.low, m.close].map((price) => cell(format.price(price))),
        cell(format.size(m.baseVolume)),
        cell(m.tradeCount),
        cell(format.price(m.avgPrice)),
      ]),
    )
    .join('');
  const latest = newestFirst[0];
  if (!latest) return;
  byId('minute-trades').textContent = String(latest.tradeCount);
  byId('minute-avg').textContent = format.price(latest.avgPrice);
  byId('minute-volume').textContent = format.size(latest.baseVolume);
}

export function showDex(stats: ReadonlyMap<string, StatsUpdateEvent>, format: MarketFormat): void {
  byId('dex').innerHTML = DEX_WINDOWS.flatMap((window) => {
    const s = stats.get(window);
    if (!s) return [];
    const figures = [format.size(s.baseVolume), format.price(s.quoteVolume), format.price(s.vwap)];
    return [row([cell(window), cell(s.tradeCount), ...figures.map((f) => cell(f))])];
  }).join('');
}
