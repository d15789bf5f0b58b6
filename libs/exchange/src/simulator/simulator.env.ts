import { EnvInt, EnvSymbolList } from '@app/platform';

/** `npm run sim`: the simulator alone. */
export class SimulatorEnv {
  /** 0 picks a free port. */
  @EnvInt(0, 65535)
  SIM_PORT = 0;

  @EnvInt(0, 4_294_967_295)
  SIM_SEED = 42;

  @EnvSymbolList()
  SIM_SYMBOLS: string[] = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];

  /** Market steps (book updates) per second per symbol. */
  @EnvInt(1, 100_000)
  SIM_EVENTS_PER_SECOND = 50;

  @EnvInt(100, 600_000)
  SIM_PING_INTERVAL_MS = 20_000;

  @EnvInt(1, 1_000_000)
  SIM_WEIGHT_PER_MINUTE = 6000;
}
