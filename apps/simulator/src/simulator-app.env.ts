import { EnvInt, EnvPort, EnvSymbolList } from '@app/platform';

/**
 * The simulator app: a Binance-protocol exchange for the other apps to sync against, offline.
 * SYMBOLS, SIM_SEED and SIM_EVENTS_PER_SECOND mean what they mean to the producer's built-in
 * simulator, so one setting (compose passes SYMBOLS to both) describes the same market.
 */
export class SimulatorAppEnv {
  /** HTTP (REST, `/debug/...`, `/health/...`) and WebSocket port. */
  @EnvPort()
  PORT: number = 3004;

  /** Names, or `*` / `*USDT`: the TRADING symbols of Binance's exchangeInfo recorded in recordings/. */
  @EnvSymbolList({ wildcards: true })
  SYMBOLS: string[] = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];

  /** The same seed gives the same market. */
  @EnvInt(0, 2 ** 31 - 1)
  SIM_SEED: number = 42;

  /** Market steps (book updates) per second per symbol. */
  @EnvInt(1, 100_000)
  SIM_EVENTS_PER_SECOND: number = 10;

  /** Binance pings every 20 s. */
  @EnvInt(100, 600_000)
  SIM_PING_INTERVAL_MS: number = 20_000;

  /** REST weight per minute per client IP (Binance: 6000); over it, 429 and then 418. */
  @EnvInt(1, 1_000_000)
  SIM_WEIGHT_PER_MINUTE: number = 6000;
}
