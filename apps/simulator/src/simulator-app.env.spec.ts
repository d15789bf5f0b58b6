import 'reflect-metadata';
import { InvalidEnvironmentError, parseEnv } from '@app/platform';
import { SimulatorAppEnv } from './simulator-app.env';

describe(SimulatorAppEnv.name, () => {
  it('has defaults for everything', () => {
    expect({ ...parseEnv(SimulatorAppEnv, {}) }).toEqual({
      PORT: 3004,
      SIM_SEED: 42,
      SYMBOLS: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'],
      SIM_EVENTS_PER_SECOND: 10,
      SIM_PING_INTERVAL_MS: 20_000,
      SIM_WEIGHT_PER_MINUTE: 6000,
    });
  });

  it('parses set variables', () => {
    const env = parseEnv(SimulatorAppEnv, {
      PORT: '9443',
      SYMBOLS: 'solusdt, BTCUSDT',
      SIM_SEED: '7',
    });
    expect([env.PORT, env.SYMBOLS, env.SIM_SEED]).toEqual([9443, ['SOLUSDT', 'BTCUSDT'], 7]);
  });

  it('names each bad variable', () => {
    expect(() =>
      parseEnv(SimulatorAppEnv, { SIM_EVENTS_PER_SECOND: '0', SYMBOLS: 'BTC-USDT' }),
    ).toThrow(
      new InvalidEnvironmentError([
        'SYMBOLS must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT, or * (every trading symbol), or *USDT (every one quoted in USDT) (got "BTC-USDT")',
        'SIM_EVENTS_PER_SECOND must be an integer from 1 to 100000 (got "0")',
      ]),
    );
  });
});
