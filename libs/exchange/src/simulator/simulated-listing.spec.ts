import { simulatedSymbolsFor } from './simulated-listing';

/** Against Binance's exchangeInfo recorded on 2021-08-14 (in recordings/, read from the repo root). */
describe(simulatedSymbolsFor.name, () => {
  it('runs named symbols as given, without reading the listing', async () => {
    await expect(simulatedSymbolsFor(['BTCUSDT', 'XYZUSDT'], '/nonexistent')).resolves.toEqual([
      { symbol: 'BTCUSDT', startTicks: 6_500_000, priceDecimals: 2, qtyDecimals: 5 },
      { symbol: 'XYZUSDT', startTicks: 100_000, priceDecimals: 2, qtyDecimals: 4 },
    ]);
  });

  it('`*` runs the 1,193 TRADING symbols of the recorded listing with their tick and step sizes', async () => {
    const symbols = await simulatedSymbolsFor(['*']);
    expect(symbols).toHaveLength(1193);
    // ETHBTC: tickSize 0.00000100, stepSize 0.00100000.
    expect(symbols[0]).toEqual({
      symbol: 'ETHBTC',
      startTicks: 100_000,
      priceDecimals: 6,
      qtyDecimals: 3,
    });
    expect(symbols.map((s) => s.symbol)).not.toContain('BCCBTC'); // status BREAK
  });

  it('`*USDT` with names: the names first, then the 290 USDT symbols not named', async () => {
    const symbols = (await simulatedSymbolsFor(['ETHUSDT', '*USDT', 'SAMPLEX'])).map(
      (s) => s.symbol,
    );
    expect(symbols.slice(0, 4)).toEqual(['ETHUSDT', 'SAMPLEX', 'BTCUSDT', 'BNBUSDT']);
    expect(symbols).toHaveLength(291);
  });

  it('says which file it needs when the listing cannot be read', async () => {
    await expect(simulatedSymbolsFor(['*'], '/nonexistent/exchangeInfo.json.gz')).rejects.toThrow(
      'a wildcard in SYMBOLS lists the recorded exchangeInfo /nonexistent/exchangeInfo.json.gz, which cannot be read: ENOENT',
    );
  });
});
