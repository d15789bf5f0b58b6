import 'reflect-metadata';
import { InvalidEnvironmentError, parseEnv } from '@app/platform';
import { SimulatorEnv } from './simulator.env';

describe(SimulatorEnv.name, () => {
  it('has defaults for everything', () => {
    expect({ ...parseEnv(SimulatorEnv, {}) }).toEqual({
      SIM_PORT: 0,
      SIM_SEED: 42,
      SIM_SYMBOLS: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'],
      SIM_EVENTS_PER_SECOND: 50,
      SIM_PING_INTERVAL_MS: 20_000,
      SIM_WEIGHT_PER_MINUTE: 6000,
    });
  });

  it('parses set variables', () => {
    const env = parseEnv(SimulatorEnv, {
      SIM_PORT: '9443',
      SIM_SYMBOLS: 'solusdt, BTCUSDT',
      SIM_SEED: '7',
    });
    expect([env.SIM_PORT, env.SIM_SYMBOLS, env.SIM_SEED]).toEqual([
      9443,
      ['SOLUSDT', 'BTCUSDT'],
      7,
    ]);
  });

  it('names each bad variable', () => {
    expect(() =>
      parseEnv(SimulatorEnv, { SIM_EVENTS_PER_SECOND: '0', SIM_SYMBOLS: 'BTC-USDT' }),
    ).toThrow(
      new InvalidEnvironmentError([
        'SIM_SYMBOLS must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT (got "BTC-USDT")',
        'SIM_EVENTS_PER_SECOND must be an integer from 1 to 100000 (got "0")',
      ]),
    );
  });
});
