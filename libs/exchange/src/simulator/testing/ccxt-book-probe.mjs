// Runs ccxt's Binance order-book watcher against a simulator, in its own process: ccxt's CommonJS
// build requires ESM-only dependencies, which Node runs but Jest's module loader cannot.
// Usage: node ccxt-book-probe.mjs <simulator http url> <ccxt symbol, e.g. BTC/USDT>
// Prints ccxt's book (nonce, bids, asks) as JSON once the paused market has settled.
import ccxt from 'ccxt';

const [httpUrl, symbol] = process.argv.slice(2);
const wsUrl = httpUrl.replace(/^http/, 'ws');
const exchange = new ccxt.pro.binance({
  options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
});
const api = exchange.urls.api;
exchange.urls.api = {
  ...api,
  public: `${httpUrl}/api/v3`,
  private: `${httpUrl}/api/v3`,
  v1: `${httpUrl}/api/v1`,
  ws: { ...api.ws, spot: `${wsUrl}/ws` },
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
try {
  // ccxt wants an http agent before it opens a plain ws:// (non-TLS) URL, as the simulator's is.
  await exchange.loadHttpProxyAgent();
  // Follow the live market for a while: snapshot, buffered diffs, then many applied diffs.
  for (let i = 0; i < 20; i++) await exchange.watchOrderBook(symbol);
  await fetch(`${httpUrl}/debug/pause`, { method: 'POST' });
  const truth = await (
    await fetch(`${httpUrl}/debug/book?symbol=${symbol.replace('/', '')}`)
  ).json();
  const book = exchange.orderbooks[symbol];
  for (let i = 0; i < 100 && book.nonce !== truth.lastUpdateId; i++) await sleep(20);
  process.stdout.write(
    JSON.stringify({ nonce: book.nonce, bids: book.bids.slice(), asks: book.asks.slice() }),
  );
} finally {
  await exchange.close();
}
