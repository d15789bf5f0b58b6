import { KafkaEnv } from '@app/messaging';
import { parsePoolList, POOL_LIST_EXAMPLE } from '@app/exchange';
import { IsOptional, ValidateBy, ValidateIf } from 'class-validator';
import {
  EnvBool,
  EnvConstructor,
  EnvDirectory,
  EnvEnum,
  EnvInt,
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
    /**
     * Symbols to ingest (in priority order); checked against exchangeInfo (status TRADING). `*`
     * follows every trading symbol and `*USDT` every one quoted in USDT (mixable with names:
     * `BTCUSDT,*BTC`), picking up listings and delistings every SYMBOLS_REFRESH_MS.
     */
    @EnvSymbolList({ wildcards: true })
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

    /**
     * How often SYMBOLS_URL (or, with a wildcard in SYMBOLS, exchangeInfo) is re-read and the
     * difference applied; 0 = only at start.
     */
    @EnvInt(0, 86_400_000)
    SYMBOLS_REFRESH_MS: number = 60_000;

    /**
     * How often the markets catalog (md.market.v1: listing from exchangeInfo + latest 24 h price
     * and volumes) re-reads exchangeInfo (weight 20) and publishes the entries that changed.
     */
    @EnvInt(100, 86_400_000)
    MARKETS_REFRESH_MS: number = 10_000;

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

    /**
     * A recorded day laid out like recordings/binance-spot/<date>/ (MARKET_SOURCE=replay); the
     * default is the one kept in the repository, relative to the working directory (npm scripts
     * run in the repository's root). Checked only when it is replayed.
     */
    @ValidateIf((env: { MARKET_SOURCE?: string }) => env.MARKET_SOURCE === 'replay')
    @EnvDirectory()
    REPLAY_DIR: string = 'recordings/binance-spot/2021-04-05';

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
        marketsRefreshMs: this.MARKETS_REFRESH_MS,
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

    /**
     * Directory of `*.swaps.jsonl(.gz)` recordings (DEX_SOURCE=replay); the default is the one kept
     * in the repository, relative to the working directory. Checked only when it is replayed.
     */
    @ValidateIf((env: { DEX_SOURCE?: string }) => env.DEX_SOURCE === 'replay')
    @EnvDirectory()
    DEX_REPLAY_DIR: string = 'recordings/uniswap-v3';

    /**
     * Recorded swaps delivered per second (DEX_SOURCE=replay). The default hands a day's logs over
     * at once; a low rate spreads them out, as a live chain would, e.g. across a broker fault.
     */
    @EnvInt(1, 1_000_000)
    DEX_REPLAY_RATE: number = 50_000;

    /**
     * Metadata of pools a swap replay may name beyond the built-in two, as a JSON array (see
     * POOL_LIST_EXAMPLE); a configured pool with a built-in address replaces it. Checked at
     * start-up, whatever the source, so a typo never waits for a replay to show.
     */
    @IsOptional()
    @ValidateBy({
      name: 'isPoolList',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && poolListProblem(value) === null,
        defaultMessage: (args) =>
          `$property must be a JSON array of pools like ${POOL_LIST_EXAMPLE}: ${poolListProblem(String(args?.value))}`,
      },
    })
    DEX_POOLS?: string;

    get swapOptions(): SwapIngestOptions {
      return this.DEX_SOURCE === 'replay'
        ? {
            kind: 'replay',
            dir: this.DEX_REPLAY_DIR,
            swapsPerSecond: this.DEX_REPLAY_RATE,
            pools: this.DEX_POOLS ? parsePoolList(this.DEX_POOLS) : [],
          }
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

function poolListProblem(json: string): string | null {
  try {
    parsePoolList(json);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export class ProducerEnv extends WithSwapSource(WithExchangeSource(KafkaEnv)) {
  /**
   * On by default here: the producer's throughput is bound by kafkajs's record encoding, which on
   * its own thread runs beside the intake (bench/producer: about 1.4 times the events per second).
   */
  @EnvBool()
  override KAFKA_SEND_THREAD: boolean = true;
}
