import { KafkaEnv } from '@app/messaging';
import { EnvConstructor, EnvInt, EnvSymbolList, EnvUrl } from '@app/platform';
import { ExchangeSource } from './book-ticker/book-ticker.options';

/** Where market data comes from; shared by the producer and the embedded mode. */
export function WithExchangeSource<TBase extends EnvConstructor>(Base: TBase) {
  class ExchangeSourceEnv extends Base {
    /** Symbols to ingest. */
    @EnvSymbolList()
    SYMBOLS: string[] = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];

    /**
     * Exchange WebSocket base URL (wss://stream.binance.com:9443, or a simulator's). Unset: the
     * built-in simulator is started and read over the same protocol.
     */
    @EnvUrl(['ws:', 'wss:', 'http:', 'https:'])
    EXCHANGE_WS_URL?: string;

    /** Seed of the built-in simulator: the same seed gives the same market. */
    @EnvInt(0, 2 ** 31 - 1)
    SIM_SEED: number = 42;

    /** bookTicker events per second per symbol from the built-in simulator. */
    @EnvInt(1, 100_000)
    SIM_EVENTS_PER_SECOND: number = 10;

    get exchangeSource(): ExchangeSource {
      return this.EXCHANGE_WS_URL
        ? { kind: 'exchange', wsUrl: this.EXCHANGE_WS_URL }
        : { kind: 'simulator', seed: this.SIM_SEED, eventsPerSecond: this.SIM_EVENTS_PER_SECOND };
    }
  }
  return ExchangeSourceEnv;
}

export class ProducerEnv extends WithExchangeSource(KafkaEnv) {}
