import { KafkaEnv } from '@app/messaging';
import { IsOptional } from 'class-validator';
import {
  EnvBool,
  EnvConstructor,
  EnvEnum,
  EnvInt,
  EnvPath,
  EnvSymbolList,
  EnvUrl,
} from '@app/platform';
import { MarketDataOptions, MarketSourceConfig } from './market-data/market-data.options';
import { SwapIngestOptions } from './swaps/swap-ingest.options';

export const MARKET_SOURCES = ['sim', 'binance', 'replay'] as const;
export const DEX_SOURCES = ['sim', 'replay', 'off'] as const;

/** Where market data comes from; shared by the producer and the embedded mode. */
export function WithExchangeSource<TBase extends EnvConstructor>(Base: TBase) {
  class ExchangeSourceEnv extends Base {
    /** Symbols to ingest (in priority order); checked against exchangeInfo (status TRADING). */
    @EnvSymbolList()
    SYMBOLS: string[] = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];

    /** Symbols started first (added to SYMBOLS if missing), e.g. the most traded pairs. */
    @IsOptional()
    @EnvSymbolList()
    PRIORITY_SYMBOLS?: string[];

    /**
     * Settings URL serving `{"symbols": [...], "priority": [...]}` (or an array of symbols), read
     * at start (when it cannot be read, SYMBOLS and PRIORITY_SYMBOLS are used) and then every
     * SYMBOLS_REFRESH_MS.
     */
    @EnvUrl(['http:', 'https:'])
    SYMBOLS_URL?: string;

    /** How often SYMBOLS_URL is re-read and the difference applied; 0 = only at start. */
    @EnvInt(0, 86_400_000)
    SYMBOLS_REFRESH_MS: number = 60_000;

    /** `sim`: built-in simulator; `binance`: EXCHANGE_WS_URL/EXCHANGE_REST_URL; `replay`: REPLAY_DIR. */
    @IsOptional()
    @EnvEnum(MARKET_SOURCES)
    MARKET_SOURCE?: (typeof MARKET_SOURCES)[number];

    /**
     * Exchange WebSocket base URL (wss://stream.binance.com:9443, or a simulator's). Setting it
     * without MARKET_SOURCE means `binance`.
     */
    @EnvUrl(['ws:', 'wss:', 'http:', 'https:'])
    EXCHANGE_WS_URL?: string;

    /** Exchange REST base URL; default: https://api.binance.com, or the WS URL for http(s)/ws URLs of a simulator. */
    @EnvUrl(['http:', 'https:'])
    EXCHANGE_REST_URL?: string;

    /** Seed of the built-in simulator: the same seed gives the same market. */
    @EnvInt(0, 2 ** 31 - 1)
    SIM_SEED: number = 42;

    /** Market steps per second per symbol in the built-in simulator. */
    @EnvInt(1, 100_000)
    SIM_EVENTS_PER_SECOND: number = 10;

    /** A recorded day laid out like ../shared/data/binance-spot/<date>/ (MARKET_SOURCE=replay). */
    @EnvPath()
    REPLAY_DIR: string = '../shared/data/binance-spot/2021-04-05';

    /** Replay speed: 1 = as recorded, 100 = a hundred times faster. */
    @EnvInt(1, 1_000_000)
    REPLAY_SPEED: number = 1;

    /** Streams per WebSocket connection (Binance allows 1024). */
    @EnvInt(1, 1024)
    WS_STREAMS_PER_CONNECTION: number = 1024;

    /** Replace a connection this long after it opened (Binance closes at 24 h); default 23 h 50 m. */
    @EnvInt(1_000, 86_400_000)
    WS_MAX_CONNECTION_AGE_MS: number = 85_800_000;

    /** Our own REST weight budget per minute (Binance spot allows 6,000 per IP). */
    @EnvInt(1, 6_000)
    REST_MAX_WEIGHT_PER_MINUTE: number = 4_800;

    get marketSource(): MarketSourceConfig {
      const kind = this.MARKET_SOURCE ?? (this.EXCHANGE_WS_URL ? 'binance' : 'sim');
      switch (kind) {
        case 'sim':
          return { kind, seed: this.SIM_SEED, eventsPerSecond: this.SIM_EVENTS_PER_SECOND };
        case 'replay':
          return { kind, dir: this.REPLAY_DIR, speed: this.REPLAY_SPEED };
        case 'binance': {
          const wsUrl = this.EXCHANGE_WS_URL ?? 'wss://stream.binance.com:9443';
          const restUrl =
            this.EXCHANGE_REST_URL ??
            (wsUrl.includes('binance.com')
              ? 'https://api.binance.com'
              : wsUrl.replace(/^ws/, 'http'));
          return { kind, wsUrl, restUrl };
        }
      }
    }

    get marketDataOptions(): MarketDataOptions {
      return {
        symbols: this.SYMBOLS,
        prioritySymbols: this.PRIORITY_SYMBOLS ?? [],
        symbolsUrl: this.SYMBOLS_URL,
        symbolsRefreshMs: this.SYMBOLS_REFRESH_MS,
        source: this.marketSource,
        streamsPerConnection: this.WS_STREAMS_PER_CONNECTION,
        maxConnectionAgeMs: this.WS_MAX_CONNECTION_AGE_MS,
        maxWeightPerMinute: this.REST_MAX_WEIGHT_PER_MINUTE,
      };
    }
  }
  return ExchangeSourceEnv;
}

/** Where swap events come from. */
export function WithSwapSource<TBase extends EnvConstructor>(Base: TBase) {
  class SwapSourceEnv extends Base {
    /** `sim`: a simulated chain; `replay`: the recorded Uniswap v3 logs in DEX_REPLAY_DIR; `off`. */
    @EnvEnum(DEX_SOURCES)
    DEX_SOURCE: (typeof DEX_SOURCES)[number] = 'sim';

    /** Swap events per second from the simulated chain (about 1,000 a minute by default). */
    @EnvInt(1, 1_000_000)
    DEX_SIM_EVENTS_PER_SECOND: number = 17;

    @EnvInt(0, 2 ** 31 - 1)
    DEX_SIM_SEED: number = 42;

    /** Simulated block time. */
    @EnvInt(100, 600_000)
    DEX_SIM_BLOCK_TIME_MS: number = 12_000;

    /** Directory of `*.swaps.jsonl` recordings (DEX_SOURCE=replay). */
    @EnvPath()
    DEX_REPLAY_DIR: string = '../shared/data/uniswap-v3';

    get swapOptions(): SwapIngestOptions {
      return this.DEX_SOURCE === 'replay'
        ? { kind: 'replay', dir: this.DEX_REPLAY_DIR }
        : this.DEX_SOURCE === 'sim'
          ? {
              kind: 'sim',
              seed: this.DEX_SIM_SEED,
              eventsPerSecond: this.DEX_SIM_EVENTS_PER_SECOND,
              blockTimeMs: this.DEX_SIM_BLOCK_TIME_MS,
            }
          : { kind: 'off' };
    }
  }
  return SwapSourceEnv;
}

export class ProducerEnv extends WithSwapSource(WithExchangeSource(KafkaEnv)) {
  /**
   * On by default here: the producer's throughput is bound by kafkajs's record encoding, which on
   * its own thread runs beside the intake (bench/producer: about 1.4 times the events per second).
   */
  @EnvBool()
  override KAFKA_SEND_THREAD: boolean = true;
}
