import { MarketDataSource } from '@app/contracts';
import {
  MarketSimulator,
  ReplayFeed,
  simulatedSymbolsFor,
  SimulatorServer,
  tradeIdsStartingAt,
  TradeStream,
} from '@app/exchange';
import { MarketSourceConfig } from './market-data.options';

/** A running source of Binance-protocol market data, whichever kind was configured. */
export interface ResolvedMarketSource {
  label: MarketDataSource;
  wsUrl: string;
  restUrl: string;
  /** Symbols the source itself offers when it decides them (a recording), else null. */
  symbols: readonly string[] | null;
  /**
   * The trade stream to subscribe per symbol: live and simulated markets send single trades; a
   * recording replays whichever stream it was recorded with, and null means it holds no trades.
   */
  tradeStreamOf(symbol: string): TradeStream | null;
  /** What the source cannot do, for the log (a recording without snapshots, say). */
  warnings: string[];
  /** Called once every connection is open: a replay starts then, so nothing recorded is missed. */
  begin(): void;
  close(): Promise<void>;
}

const singleTrades = (): TradeStream => 'trade';

/**
 * Starts the built-in simulator or replay server when one is configured; either way the producer
 * then talks to a Binance-protocol URL, so live, simulated and recorded data share one code path.
 */
export async function resolveMarketSource(
  config: MarketSourceConfig,
  symbols: string[],
): Promise<ResolvedMarketSource> {
  switch (config.kind) {
    case 'binance':
      return {
        label: 'binance',
        wsUrl: config.wsUrl,
        restUrl: config.restUrl,
        symbols: null,
        tradeStreamOf: singleTrades,
        warnings: [],
        begin: () => undefined,
        close: () => Promise.resolve(),
      };
    case 'sim': {
      const server = new SimulatorServer({
        simulator: new MarketSimulator(await simulatedSymbolsFor(symbols), config.seed, {
          firstTradeId: tradeIdsStartingAt(Date.now()),
        }),
        eventsPerSecond: config.eventsPerSecond,
      });
      const url = await server.listen();
      return { ...serverSource('simulator', server, url), tradeStreamOf: singleTrades };
    }
    case 'replay': {
      const feed = await ReplayFeed.open({
        dir: config.dir,
        speed: config.speed,
        startPaused: true,
      });
      const server = new SimulatorServer({ feed });
      const url = await server.listen();
      return {
        ...serverSource('replay', server, url),
        symbols: feed.symbols,
        tradeStreamOf: (symbol) => feed.tradeStreamOf(symbol),
        warnings: replayWarnings(config.dir, feed),
        begin: () => feed.setPaused(false),
      };
    }
  }
}

function replayWarnings(dir: string, feed: ReplayFeed): string[] {
  const unsynced = feed.symbolsWithoutSnapshot;
  if (unsynced.length === 0) return [];
  return [
    `${dir} holds no depth snapshot for ${unsynced.join(', ')}: their books cannot sync ` +
      `(their depth diffs, bookTickers and trades are still published)`,
  ];
}

function serverSource(
  label: MarketDataSource,
  server: SimulatorServer,
  url: string,
): Omit<ResolvedMarketSource, 'tradeStreamOf'> {
  return {
    label,
    wsUrl: url,
    restUrl: url,
    symbols: null,
    warnings: [],
    begin: () => undefined,
    close: () => server.close(),
  };
}
