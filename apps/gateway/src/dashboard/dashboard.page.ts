/**
 * The live dashboard: one symbol's price and volume charts, last-minute figures, past minutes, the
 * order book and the DEX swap stats, backfilled from REST on load, then fed by the public WebSocket
 * API. Figures show at each symbol's tick and step size. The script is browser/main.ts, bundled.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>marketstream</title>
<link rel="icon" href="data:,">
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; background: #f6f8fa; }
  header { display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; }
  h1 { margin: 0; font-size: 1.4rem; } h2 { font-size: 1rem; margin: 0 0 .5rem; }
  .grid { display: grid; grid-template-columns: 2fr 1fr; gap: 1rem; margin-top: 1rem; }
  .card { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: .8rem; }
  .chart { height: 260px; } .chart.small { height: 140px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: .2rem .5rem; text-align: right; font-variant-numeric: tabular-nums; }
  th:first-child, td:first-child { text-align: left; }
  tr + tr td { border-top: 1px solid #eaeef2; }
  .bid { color: #1a7f37; } .ask { color: #cf222e; } .muted { color: #57606a; }
  .figures { display: flex; gap: 2rem; } .figures b { display: block; font-size: 1.3rem; }
  .book { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
</style>
</head>
<body>
<header>
  <h1>marketstream <span id="symbol-title"></span></h1>
  <label>symbol <select id="symbol"></select></label>
  <span id="status" class="muted">connecting…</span>
  <a href="/docs">REST API (Swagger UI)</a>
</header>
<div class="grid">
  <section class="card">
    <h2>Price <span id="last-price" class="muted"></span></h2>
    <div id="price-chart" class="chart"></div>
    <h2>Volume per minute</h2>
    <div id="volume-chart" class="chart small"></div>
  </section>
  <section class="card">
    <h2>Last minute</h2>
    <div class="figures">
      <div><span class="muted">trades</span><b id="minute-trades">–</b></div>
      <div><span class="muted">average price</span><b id="minute-avg">–</b></div>
      <div><span class="muted">volume</span><b id="minute-volume">–</b></div>
    </div>
    <h2 style="margin-top:1rem">Order book <span class="muted">spread <span id="spread">–</span></span></h2>
    <div class="book">
      <table><thead><tr><th>bid qty</th><th>bid</th></tr></thead><tbody id="bids"></tbody></table>
      <table><thead><tr><th>ask</th><th>ask qty</th></tr></thead><tbody id="asks"></tbody></table>
    </div>
  </section>
  <section class="card">
    <h2>Past minutes</h2>
    <table><thead><tr><th>minute (UTC)</th><th>open</th><th>high</th><th>low</th><th>close</th><th>volume</th><th>trades</th><th>avg price</th></tr></thead>
    <tbody id="minutes"></tbody></table>
  </section>
  <section class="card">
    <h2>DEX swaps <span id="dex-pair" class="muted"></span></h2>
    <table><thead><tr><th>window</th><th>swaps</th><th>base volume</th><th>quote volume</th><th>VWAP</th></tr></thead>
    <tbody id="dex"></tbody></table>
  </section>
</div>
<script src="/assets/dashboard.js"></script>
</body>
</html>
`;
