import { KafkaEnv } from '@app/messaging';
import { BaseEnv } from './base.env';
import { EnvBool, EnvInt, EnvName, EnvSymbolList, EnvUrl } from './env-decorators';
import { InvalidEnvironmentError, loadEnvOrExit, parseEnv } from './load-env';

class TestEnv extends BaseEnv {
  @EnvBool()
  FEATURE_ENABLED: boolean = false;

  @EnvSymbolList()
  SYMBOLS: string[] = ['BTCUSDT'];

  @EnvInt(1, 100)
  WORKERS: number = 4;

  @EnvUrl(['ws:', 'wss:'])
  EXCHANGE_WS_URL?: string;
}

class RequiredNameEnv extends BaseEnv {
  @EnvName()
  SERVICE_NAME!: string;
}

/**
 * Asserts that parsing fails with exactly these problem lines, in this order. (`toThrow` with an
 * error object compares messages, and the message is built from `problems`, one line each.)
 */
function expectProblems<T extends object>(
  envClass: new () => T,
  source: NodeJS.ProcessEnv,
  problems: string[],
): void {
  expect(() => parseEnv(envClass, source)).toThrow(InvalidEnvironmentError);
  expect(() => parseEnv(envClass, source)).toThrow(new InvalidEnvironmentError(problems));
}

describe(parseEnv.name, () => {
  it('applies the class defaults when nothing is set', () => {
    const env = parseEnv(TestEnv, {});

    expect(env).toBeInstanceOf(TestEnv);
    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.FEATURE_ENABLED).toBe(false);
    expect(env.SYMBOLS).toEqual(['BTCUSDT']);
    expect(env.WORKERS).toBe(4);
    expect(env.EXCHANGE_WS_URL).toBeUndefined();
  });

  it('treats an empty variable as unset, so the default applies', () => {
    const env = parseEnv(TestEnv, { PORT: '', LOG_LEVEL: '' });

    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('converts an integer variable to a number', () => {
    expect(parseEnv(TestEnv, { PORT: '8080', WORKERS: '100' })).toMatchObject({
      PORT: 8080,
      WORKERS: 100,
    });
  });

  it('keeps only the variables the class declares, so unrelated secrets never enter the config', () => {
    const env = parseEnv(TestEnv, { WORKERS: '8', SECRET_TOKEN: 'hunter2' });

    expect(env.WORKERS).toBe(8);
    expect(Object.keys(env)).not.toContain('SECRET_TOKEN');
  });

  it('refuses a broker port that cannot exist', () => {
    expectProblems(KafkaEnv, { KAFKA_BROKERS: 'kafka:99999,h:0' }, [
      'KAFKA_BROKERS must be a comma-separated list of host:port (got "kafka:99999,h:0")',
    ]);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseEnv(TestEnv, {}))).toBe(true);
  });

  it('refuses PORT=70000 with one line naming PORT and the value received', () => {
    expectProblems(TestEnv, { PORT: '70000' }, [
      'PORT must be an integer from 1 to 65535 (got "70000")',
    ]);
  });

  it('puts every problem into the error message, one indented line each', () => {
    expect(() => parseEnv(TestEnv, { PORT: '0' })).toThrow(
      'Invalid environment:\n  PORT must be an integer from 1 to 65535 (got "0")',
    );
  });

  // Fails today: IsInt, Min and Max each add the same message, so a non-integer yields three lines.
  it('refuses a non-integer PORT with one line, not one per failed constraint', () => {
    expectProblems(TestEnv, { PORT: 'abc' }, [
      'PORT must be an integer from 1 to 65535 (got "abc")',
    ]);
  });

  it('says a required variable is not set', () => {
    expectProblems(RequiredNameEnv, {}, [
      'SERVICE_NAME must be 1-100 characters of letters, digits, dot, dash or underscore (it is not set)',
    ]);
  });

  it('lists the allowed values of an enum variable', () => {
    expectProblems(TestEnv, { LOG_LEVEL: 'verbose' }, [
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ]);
  });

  describe('booleans', () => {
    it.each([
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ])('reads %p as %p', (raw, expected) => {
      expect(parseEnv(TestEnv, { FEATURE_ENABLED: raw }).FEATURE_ENABLED).toBe(expected);
    });

    it('refuses any other spelling', () => {
      expectProblems(TestEnv, { FEATURE_ENABLED: 'yes' }, [
        'FEATURE_ENABLED must be one of true, false, 1, 0 (got "yes")',
      ]);
    });
  });

  describe('symbol lists', () => {
    it('splits, trims and upper-cases the symbols', () => {
      expect(parseEnv(TestEnv, { SYMBOLS: ' btcusdt, EthUsdt,BNBUSDT ' }).SYMBOLS).toEqual([
        'BTCUSDT',
        'ETHUSDT',
        'BNBUSDT',
      ]);
    });

    it('refuses a symbol with punctuation', () => {
      expectProblems(TestEnv, { SYMBOLS: 'BTCUSDT,ETH-USDT' }, [
        'SYMBOLS must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT (got "BTCUSDT,ETH-USDT")',
      ]);
    });
  });

  describe('URLs', () => {
    it('accepts a URL with an allowed protocol', () => {
      expect(
        parseEnv(TestEnv, { EXCHANGE_WS_URL: 'wss://stream.binance.com:9443' }).EXCHANGE_WS_URL,
      ).toBe('wss://stream.binance.com:9443');
    });

    it('refuses another protocol', () => {
      expectProblems(TestEnv, { EXCHANGE_WS_URL: 'ftp://example.com' }, [
        'EXCHANGE_WS_URL must be a URL starting with ws:// or wss:// (got "ftp://example.com")',
      ]);
    });
  });

  describe(KafkaEnv.name, () => {
    it('parses KAFKA_BROKERS into an array of host:port', () => {
      const env = parseEnv(KafkaEnv, { KAFKA_BROKERS: 'kafka-1:9092, kafka-2.internal:9093' });

      expect(env.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2.internal:9093']);
    });

    it('defaults KAFKA_BROKERS to localhost:9092', () => {
      expect(parseEnv(KafkaEnv, {}).KAFKA_BROKERS).toEqual(['localhost:9092']);
    });

    it('refuses KAFKA_BROKERS=not a list with a line naming KAFKA_BROKERS', () => {
      expectProblems(KafkaEnv, { KAFKA_BROKERS: 'not a list' }, [
        'KAFKA_BROKERS must be a comma-separated list of host:port (got "not a list")',
      ]);
    });

    it('reports several bad variables with one line each', () => {
      expectProblems(
        KafkaEnv,
        {
          PORT: '70000',
          LOG_LEVEL: 'loud',
          KAFKA_BROKERS: 'not a list',
          KAFKA_LINGER_MS: '5000',
          KAFKA_SESSION_TIMEOUT_MS: '10',
        },
        // class-validator reports the subclass's properties before the inherited ones.
        [
          'KAFKA_BROKERS must be a comma-separated list of host:port (got "not a list")',
          'KAFKA_LINGER_MS must be an integer from 0 to 1000 (got "5000")',
          'KAFKA_SESSION_TIMEOUT_MS must be an integer from 6000 to 300000 (got "10")',
          'PORT must be an integer from 1 to 65535 (got "70000")',
          'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        ],
      );
    });
  });
});

describe(loadEnvOrExit.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('returns the parsed environment when it is valid', () => {
    expect(loadEnvOrExit(TestEnv, { PORT: '4000' }).PORT).toBe(4000);
  });

  it('prints the problems to stderr and exits with status 78', () => {
    const write = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });

    expect(() => loadEnvOrExit(TestEnv, { PORT: '70000' })).toThrow('exit 78');
    expect(exit).toHaveBeenCalledWith(78);
    expect(write).toHaveBeenCalledWith(
      'Invalid environment:\n  PORT must be an integer from 1 to 65535 (got "70000")\n',
    );
  });
});
