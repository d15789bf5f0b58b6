import { MarketDataSource } from '@app/contracts';
import {
  MarketSimulator,
  ReplayFeed,
  simulatedSymbol,
  SimulatorServer,
  tradeIdsStartingAt,
} from '@app/exchange';
import { MarketSourceConfig } from './market-data.options';

/** A running source of Binance-protocol market data, whichever kind was configured. */
export interface ResolvedMarketSource {
  label: MarketDataSource;
  wsUrl: string;
  restUrl: string;
  /** Symbols the source itself offers when it decides them (a recording), else null. */
  symbols: readonly string[] | null;
  /** The recordings hold aggregate trades; live and simulated data have single trades. */
  tradeStream: 'trade' | 'aggTrade';
  /** Called once every connection is open: a replay starts then, so nothing recorded is missed. */
  begin(): void;
  close(): Promise<void>;
}

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
        tradeStream: 'trade',
        begin: () => undefined,
        close: () => Promise.resolve(),
      };
    case 'sim': {
      const server = new SimulatorServer({
        simulator: new MarketSimulator(symbols.map(simulatedSymbol), config.seed, {
          firstTradeId: tradeIdsStartingAt(Date.now()),
        }),
        eventsPerSecond: config.eventsPerSecond,
      });
      const url = await server.listen();
      return serverSource('simulator', server, url, null, 'trade', () => undefined);
    }
    case 'replay': {
      const feed = new ReplayFeed({ dir: config.dir, speed: config.speed, startPaused: true });
      const server = new SimulatorServer({ feed });
      const url = await server.listen();
      return serverSource('replay', server, url, feed.symbols, 'aggTrade', () =>
        feed.setPaused(false),
      );
    }
  }
}

function serverSource(
  label: MarketDataSource,
  server: SimulatorServer,
  url: string,
  symbols: readonly string[] | null,
  tradeStream: 'trade' | 'aggTrade',
  begin: () => void,
): ResolvedMarketSource {
  return {
    label,
    wsUrl: url,
    restUrl: url,
    symbols,
    tradeStream,
    begin,
    close: () => server.close(),
  };
}
