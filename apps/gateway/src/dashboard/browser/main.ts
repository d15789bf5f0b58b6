import type {
  BookUpdateEvent,
  ChannelFrame,
  MarketEvent,
  StatsUpdateEvent,
  TickerChannelData,
  TradeEvent,
} from '@app/contracts';
import { DashboardCharts } from './charts';
import { MarketFormat } from './market-format';
import { BOOK_LEVELS, byId, MinuteRow, showBook, showDex, showMinutes } from './panels';
import { RestClient } from './rest-client';

/** What the page exposes for its Chromium test: how much it has drawn, and from where. */
interface DashboardHooks {
  pricePoints: number;
  bookUpdates: number;
  tradesSeen: boolean;
  /** What the charts and the table held once the REST backfill was drawn, before any live frame. */
  backfilled: { pricePoints: number; volumeBars: number; minutes: number } | null;
}
declare global {
  interface Window {
    dashboard: DashboardHooks;
  }
}

const params = new URLSearchParams(location.search);
const apiKey = params.get('apiKey');
// The aggregator names a pool BASE/QUOTE with the quote by priority (USDC first): the Uniswap v3
// USDC/WETH pool is the pair WETH/USDC.
const dexPair = params.get('pair') ?? 'WETH/USDC';
const rest = new RestClient(apiKey);
const charts = new DashboardCharts(byId('price-chart'), byId('volume-chart'));
const minutes = new Map<number, MinuteRow>();
const dexStats = new Map<string, StatsUpdateEvent>();
const catalog = new Map<string, MarketEvent>();
let symbol = '';
let format = MarketFormat.of(undefined);
let socket: WebSocket | null = null;

const freshHooks = (): DashboardHooks => ({
  pricePoints: 0,
  bookUpdates: 0,
  tradesSeen: false,
  backfilled: null,
});
window.dashboard = freshHooks();

function addPrice(timeMs: number, price: string): void {
  if (!charts.addPrice(timeMs, price)) return;
  byId('last-price').textContent = format.price(price);
  window.dashboard.pricePoints += 1;
}

function addMinutes(rows: readonly MinuteRow[]): void {
  for (const row of rows) minutes.set(row.windowStart, row);
  const newestFirst = [...minutes.values()].sort((a, b) => b.windowStart - a.windowStart);
  charts.setVolumes([...newestFirst].reverse());
  showMinutes(newestFirst, format);
}

/**
 * Fills the charts and tables from REST before any live frame: the past hour's candles (volume bars,
 * the table, and the price line up to the recent trades), the recent trades, the current minute
 * and the book.
 */
async function backfill(pair: string): Promise<void> {
  const now = Date.now();
  const [candles, trades, minute, book] = await Promise.all([
    rest.candles(pair, now).catch(() => []),
    rest.trades(pair).catch((): TradeEvent[] => []),
    rest.stats(pair, '1m'),
    rest.book(pair, BOOK_LEVELS).catch(() => null),
  ]);
  if (book) showBook(book, format);
  addMinutes(candles.map((c) => ({ ...c, windowStart: c.openTime })));
  if (minute) addMinutes([minute]);
  // The cache lists trades as they arrived; the chart takes them by trade time.
  const ordered = [...trades].sort((a, b) => a.tradeTime - b.tradeTime);
  const oldestTrade = ordered[0]?.tradeTime ?? Infinity;
  for (const c of candles) if (c.openTime < oldestTrade) addPrice(c.openTime, c.close);
  for (const t of ordered) addPrice(t.tradeTime, t.price);
  window.dashboard.backfilled = { ...charts.counts(), minutes: minutes.size };
}

async function backfillDex(): Promise<void> {
  const windows = await Promise.all(
    (['1m', '1h', '24h'] as const).map((w) => rest.stats(dexPair, w)),
  );
  for (const s of windows) if (s) dexStats.set(s.window, s);
  showDex(dexStats, MarketFormat.of(catalog.get(dexPair)));
}

const handlers: Record<string, (frame: ChannelFrame, key: string) => void> = {
  ticker(frame) {
    const ticker = frame.data as TickerChannelData;
    // Until a trade arrives, the best bid stands in for the price.
    if (ticker.bidPrice && !window.dashboard.tradesSeen) {
      addPrice(frame.exchangeTime ?? frame.producedAt, ticker.bidPrice);
    }
  },
  trades(frame) {
    const list =
      frame.type === 'snapshot'
        ? [...(frame.data as TradeEvent[])].reverse()
        : [frame.data as TradeEvent];
    for (const t of list) {
      window.dashboard.tradesSeen = true;
      addPrice(t.tradeTime, t.price);
    }
  },
  book(frame) {
    showBook(frame.data as BookUpdateEvent, format);
    window.dashboard.bookUpdates += 1;
  },
  stats(frame, key) {
    const list = [frame.data as StatsUpdateEvent | StatsUpdateEvent[]].flat();
    if (key === dexPair) {
      for (const s of list) dexStats.set(s.window, s);
      showDex(dexStats, MarketFormat.of(catalog.get(dexPair)));
    } else addMinutes(list.filter((s) => s.window === '1m'));
  },
};

const channels = (s: string) => ['ticker', 'trades', 'book', 'stats'].map((kind) => `${kind}:${s}`);

function send(op: 'subscribe' | 'unsubscribe', channelNames: string[]): void {
  if (socket?.readyState !== WebSocket.OPEN) return;
  for (const channel of channelNames) socket.send(JSON.stringify({ op, channel }));
}

async function select(next: string): Promise<void> {
  send('unsubscribe', channels(symbol));
  symbol = next;
  format = MarketFormat.of(catalog.get(next));
  byId('symbol-title').textContent = next;
  minutes.clear();
  charts.clear();
  window.dashboard = freshHooks();
  for (const id of ['bids', 'asks', 'minutes']) byId(id).innerHTML = '';
  const key = apiKey ? `&apiKey=${encodeURIComponent(apiKey)}` : '';
  history.replaceState(null, '', `?symbol=${next}${key}`);
  await backfill(next);
  // Live frames only after the backfill: the charts take points in time order.
  if (symbol === next) send('subscribe', channels(next));
}

function connect(): void {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const keyQuery = apiKey ? `?apiKey=${encodeURIComponent(apiKey)}` : '';
  socket = new WebSocket(`${scheme}${location.host}/ws${keyQuery}`);
  socket.onopen = () => {
    byId('status').textContent = 'live';
    send('subscribe', [...channels(symbol), `stats:${dexPair}`]);
  };
  socket.onclose = () => {
    byId('status').textContent = 'disconnected; retrying…';
    setTimeout(connect, 2000);
  };
  socket.onmessage = (event: MessageEvent<string>) => {
    const frame = JSON.parse(event.data) as ChannelFrame | { type: 'ack' | 'pong' | 'error' };
    // Acks name a channel too, but carry no data.
    if (frame.type !== 'snapshot' && frame.type !== 'update') return;
    const split = frame.channel.indexOf(':');
    const [kind, key] = [frame.channel.slice(0, split), frame.channel.slice(split + 1)];
    if (key === symbol || key === dexPair) handlers[kind]?.(frame, key);
  };
}

async function start(): Promise<void> {
  let symbols = (params.get('symbols') ?? 'BTCUSDT,ETHUSDT,BNBUSDT').split(',');
  const markets = await rest.markets().catch((): MarketEvent[] => []);
  for (const market of markets) catalog.set(market.symbol, market);
  if (markets.length) symbols = markets.map((m) => m.symbol);
  const wanted = params.get('symbol') ?? symbols[0];
  if (!symbols.includes(wanted)) symbols.unshift(wanted);
  const picker = byId('symbol') as HTMLSelectElement;
  picker.innerHTML = symbols.map((s) => `<option>${s}</option>`).join('');
  picker.value = wanted;
  picker.onchange = () => void select(picker.value);
  byId('dex-pair').textContent = dexPair;
  await Promise.all([select(wanted), backfillDex()]);
  connect();
}

void start();
