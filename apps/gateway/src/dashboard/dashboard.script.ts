/**
 * The dashboard's browser script (plain ES2020, no build step). Prices stay decimal strings for
 * display and for the spread (exact, via BigInt); only chart coordinates become numbers.
 */
export const DASHBOARD_SCRIPT = String.raw`
const params = new URLSearchParams(location.search);
const apiKey = params.get('apiKey');
// The aggregator names a pool BASE/QUOTE with the quote by priority (USDC first): the Uniswap v3
// USDC/WETH pool is the pair WETH/USDC.
const dexPair = params.get('pair') || 'WETH/USDC';
const keyQuery = apiKey ? '?apiKey=' + encodeURIComponent(apiKey) : '';
const $ = (id) => document.getElementById(id);
const minutes = new Map();
const dexStats = new Map();
let symbol = null, socket = null, lastPriceTime = 0, historyLoaded = false;

const chartOptions = { autoSize: true, layout: { attributionLogo: false }, timeScale: { timeVisible: true, secondsVisible: true } };
const priceChart = LightweightCharts.createChart($('price-chart'), chartOptions);
const priceSeries = priceChart.addSeries(LightweightCharts.LineSeries, { color: '#0969da', lineWidth: 2 });
const volumeChart = LightweightCharts.createChart($('volume-chart'), chartOptions);
const volumeSeries = volumeChart.addSeries(LightweightCharts.HistogramSeries, { color: '#8c959f' });
window.dashboard = { pricePoints: 0, bookUpdates: 0 };

function exactDifference(a, b) {
  const scale = Math.max((a.split('.')[1] || '').length, (b.split('.')[1] || '').length);
  const scaled = (v) => BigInt(v.split('.')[0] + (v.split('.')[1] || '').padEnd(scale, '0'));
  let d = scaled(a) - scaled(b);
  const sign = d < 0n ? '-' : ''; if (d < 0n) d = -d;
  const digits = d.toString().padStart(scale + 1, '0');
  return sign + (scale ? digits.slice(0, -scale) + '.' + digits.slice(-scale) : digits);
}
const utcMinute = (ms) => new Date(ms).toISOString().slice(11, 16);
const cell = (text, cls) => '<td' + (cls ? ' class="' + cls + '"' : '') + '>' + text + '</td>';

function addPrice(timeMs, price) {
  // lightweight-charts wants one point per second, in order: the latest price of a second wins.
  const time = Math.floor(timeMs / 1000);
  if (time < lastPriceTime) return;
  lastPriceTime = time;
  priceSeries.update({ time, value: Number(price) });
  $('last-price').textContent = price;
  window.dashboard.pricePoints += 1;
}

function showBook(book) {
  const rows = (levels, side) => levels.slice(0, 20).map(([p, q]) =>
    '<tr>' + (side === 'bid' ? cell(q) + cell(p, 'bid') : cell(p, 'ask') + cell(q)) + '</tr>').join('');
  $('bids').innerHTML = rows(book.bids, 'bid');
  $('asks').innerHTML = rows(book.asks, 'ask');
  $('spread').textContent = book.bids.length && book.asks.length ? exactDifference(book.asks[0][0], book.bids[0][0]) : '–';
  window.dashboard.bookUpdates += 1;
}

function addMinute(m) {
  minutes.set(m.windowStart, m);
  const newest = [...minutes.keys()].sort((a, b) => b - a);
  // Minutes can arrive out of order (history, replays): redraw the bars rather than append.
  volumeSeries.setData([...newest].reverse().map((start) => ({ time: Math.floor(start / 1000), value: Number(minutes.get(start).baseVolume) })));
  $('minutes').innerHTML = newest.slice(0, 30).map((start) => {
    const r = minutes.get(start);
    return '<tr>' + cell(utcMinute(start)) + cell(r.open) + cell(r.high) + cell(r.low) + cell(r.close) +
      cell(r.baseVolume) + cell(r.tradeCount) + cell(r.avgPrice || '–') + '</tr>';
  }).join('');
  const latest = minutes.get(newest[0]);
  $('minute-trades').textContent = latest.tradeCount;
  $('minute-avg').textContent = latest.avgPrice || '–';
  $('minute-volume').textContent = latest.baseVolume;
}

function showDex(list) {
  for (const s of Array.isArray(list) ? list : [list]) dexStats.set(s.window, s);
  $('dex').innerHTML = ['1m', '1h', '24h'].filter((w) => dexStats.has(w)).map((w) => {
    const s = dexStats.get(w);
    return '<tr>' + cell(w) + cell(s.tradeCount) + cell(s.baseVolume) + cell(s.quoteVolume) + cell(s.vwap) + '</tr>';
  }).join('');
}

const handlers = {
  ticker(frame) { const t = frame.data; if (t.bidPrice && !window.dashboard.tradesSeen) addPrice(frame.exchangeTime || frame.producedAt, t.bidPrice); },
  trades(frame) {
    const list = frame.type === 'snapshot' ? [...frame.data].reverse() : [frame.data];
    for (const t of list) { window.dashboard.tradesSeen = true; addPrice(t.tradeTime, t.price); }
  },
  book(frame) { showBook(frame.data); },
  stats(frame, key) {
    if (key === dexPair) return showDex(frame.data);
    for (const s of Array.isArray(frame.data) ? frame.data : [frame.data]) if (s.window === '1m') addMinute(s);
    // Once the gateway has statistics of the pair, it has its past minutes too.
    if (!historyLoaded) { historyLoaded = true; loadHistory(key).catch(() => undefined); }
  },
};

function channels(s) { return ['ticker:' + s, 'trades:' + s, 'book:' + s, 'stats:' + s]; }

async function loadHistory(s) {
  const to = Date.now(), from = to - 60 * 60000;
  const response = await fetch('/v1/candles?pair=' + s + '&interval=1m&from=' + from + '&to=' + to + (apiKey ? '&apiKey=' + encodeURIComponent(apiKey) : ''));
  if (!response.ok) return;
  // A 1m candle has the live minute's figures under the same names, avgPrice included (the same
  // figure as stats:<PAIR> 1m), so a live update of the minute only replaces like with like.
  for (const c of await response.json()) if (!minutes.has(c.openTime)) addMinute({ ...c, windowStart: c.openTime });
}

function select(next) {
  if (socket && socket.readyState === 1 && symbol) for (const c of channels(symbol)) socket.send(JSON.stringify({ op: 'unsubscribe', channel: c }));
  symbol = next;
  $('symbol-title').textContent = next;
  minutes.clear(); lastPriceTime = 0; window.dashboard = { pricePoints: 0, bookUpdates: 0 };
  priceSeries.setData([]); volumeSeries.setData([]);
  for (const id of ['bids', 'asks', 'minutes']) $(id).innerHTML = '';
  history.replaceState(null, '', '?symbol=' + next + (apiKey ? '&apiKey=' + encodeURIComponent(apiKey) : ''));
  if (socket && socket.readyState === 1) for (const c of channels(next)) socket.send(JSON.stringify({ op: 'subscribe', channel: c }));
  historyLoaded = false;
}

function connect() {
  socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws' + keyQuery);
  socket.onopen = () => {
    $('status').textContent = 'live';
    for (const c of [...channels(symbol), 'stats:' + dexPair]) socket.send(JSON.stringify({ op: 'subscribe', channel: c }));
  };
  socket.onclose = () => { $('status').textContent = 'disconnected; retrying…'; setTimeout(connect, 2000); };
  socket.onmessage = (event) => {
    const frame = JSON.parse(event.data);
    if (frame.type !== 'snapshot' && frame.type !== 'update') return;
    const split = frame.channel.indexOf(':');
    const kind = frame.channel.slice(0, split), key = frame.channel.slice(split + 1);
    if (key !== symbol && key !== dexPair) return;
    handlers[kind] && handlers[kind](frame, key);
  };
}

async function start() {
  const fallback = (params.get('symbols') || 'BTCUSDT,ETHUSDT,BNBUSDT').split(',');
  let symbols = fallback;
  try {
    const response = await fetch('/v1/markets' + keyQuery);
    const markets = response.ok ? await response.json() : [];
    if (markets.length) symbols = markets.map((m) => m.symbol);
  } catch { /* the fallback list will do */ }
  const wanted = params.get('symbol') || symbols[0];
  if (!symbols.includes(wanted)) symbols.unshift(wanted);
  $('symbol').innerHTML = symbols.map((s) => '<option>' + s + '</option>').join('');
  $('symbol').value = wanted;
  $('symbol').onchange = (event) => select(event.target.value);
  $('dex-pair').textContent = dexPair;
  select(wanted);
  connect();
}
start();
`;
