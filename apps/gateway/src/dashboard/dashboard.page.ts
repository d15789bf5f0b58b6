/**
 * The dashboard placeholder: a page fed by the public WebSocket API, showing the live best bid/ask
 * per symbol. The full dashboard (charts, book, minute table, swap stats) replaces it.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>marketstream</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
  table { border-collapse: collapse; min-width: 36rem; }
  th, td { padding: .4rem .8rem; border-bottom: 1px solid #d0d7de; text-align: right; font-variant-numeric: tabular-nums; }
  th:first-child, td:first-child { text-align: left; }
  .bid { color: #1a7f37; } .ask { color: #cf222e; } #status { color: #57606a; }
</style>
</head>
<body>
<h1>marketstream</h1>
<p id="status">connecting…</p>
<table>
  <thead><tr><th>symbol</th><th>bid qty</th><th>bid</th><th>ask</th><th>ask qty</th><th>seq</th></tr></thead>
  <tbody id="tickers"></tbody>
</table>
<p><a href="/docs">REST API (Swagger UI)</a> · WebSocket at <code>/ws</code></p>
<script>
  const symbols = (new URLSearchParams(location.search).get('symbols') || 'BTCUSDT,ETHUSDT,BNBUSDT').split(',');
  const rows = {};
  for (const symbol of symbols) {
    const row = document.createElement('tr');
    row.id = 'row-' + symbol;
    row.innerHTML = '<td>' + symbol + '</td><td></td><td class="bid"></td><td class="ask"></td><td></td><td></td>';
    document.getElementById('tickers').appendChild(row);
    rows[symbol] = row.children;
  }
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  socket.onopen = () => {
    document.getElementById('status').textContent = 'live';
    symbols.forEach((symbol, i) => socket.send(JSON.stringify({ op: 'subscribe', channel: 'ticker:' + symbol, id: i })));
  };
  socket.onclose = () => { document.getElementById('status').textContent = 'disconnected'; };
  socket.onmessage = (event) => {
    const frame = JSON.parse(event.data);
    if (frame.type !== 'update' && frame.type !== 'snapshot') return;
    const cells = rows[frame.data.symbol];
    if (!cells) return;
    cells[1].textContent = frame.data.bidQty; cells[2].textContent = frame.data.bidPrice;
    cells[3].textContent = frame.data.askPrice; cells[4].textContent = frame.data.askQty;
    cells[5].textContent = frame.seq;
  };
</script>
</body>
</html>
`;
