import {
  ALL_TOPICS,
  BookTickerEvent,
  DEAD_LETTER_TOPIC,
  deadLetterKey,
  encodeEvent,
} from '@app/contracts';
import { ContractRouter, RawMessage } from './contract-router';

const FAILED_AT = 1700000000999;

const validValue =
  '{"source":"binance","symbol":"BTCUSDT","updateId":400900217,"bidPrice":"27123.45000000",' +
  '"bidQty":"0.00100000","askPrice":"27123.46000000","askQty":"1.50000000",' +
  '"exchangeTime":null,"receivedAt":1700000000002,"producedAt":1700000000003}';

function message(overrides: Partial<RawMessage> = {}): RawMessage {
  return {
    topic: 'md.bookticker.v1',
    partition: 3,
    offset: '1234567',
    key: 'BTCUSDT',
    value: validValue,
    ...overrides,
  };
}

describe(ContractRouter.name, () => {
  let clock: jest.Mock<number, []>;
  let router: ContractRouter;

  beforeEach(() => {
    clock = jest.fn(() => FAILED_AT);
    router = new ContractRouter(ALL_TOPICS, 'gateway', clock);
  });

  it('passes a valid message on as an instance of its contract class', () => {
    const routed = router.route(message());

    expect(routed).toEqual({
      kind: 'valid',
      topic: 'md.bookticker.v1',
      value: {
        source: 'binance',
        symbol: 'BTCUSDT',
        updateId: 400900217,
        bidPrice: '27123.45000000',
        bidQty: '0.00100000',
        askPrice: '27123.46000000',
        askQty: '1.50000000',
        exchangeTime: null,
        receivedAt: 1700000000002,
        producedAt: 1700000000003,
      },
    });
    expect(routed.kind === 'valid' && routed.value).toBeInstanceOf(BookTickerEvent);
    expect(clock).not.toHaveBeenCalled();
  });

  it('accepts a Buffer value', () => {
    expect(router.route(message({ value: Buffer.from(validValue) })).kind).toBe('valid');
  });

  it('turns an invalid message into a dead letter that keeps the raw message exactly', () => {
    const value = validValue.replace('"bidPrice":"27123.45000000"', '"bidPrice":"1e5"');

    expect(router.route(message({ value }))).toEqual({
      kind: 'dead-letter',
      letter: {
        topic: 'md.bookticker.v1',
        partition: 3,
        offset: '1234567',
        key: 'BTCUSDT',
        value,
        reason: 'bidPrice must be a non-negative decimal string',
        consumer: 'gateway',
        failedAt: FAILED_AT,
      },
    });
  });

  it('keys a dead letter by where the refused message was read, so a redelivered one has the same key', () => {
    const letters = [1, 2].map(() => router.route(message({ value: '{}' })));
    const keys = letters.map((routed) =>
      routed.kind === 'dead-letter' ? encodeEvent(DEAD_LETTER_TOPIC, routed.letter).key : null,
    );

    expect(keys).toEqual(['md.bookticker.v1/3@1234567', 'md.bookticker.v1/3@1234567']);
    expect(deadLetterKey({ topic: 'md.trade.v1', partition: 0, offset: '0' })).toBe(
      'md.trade.v1/0@0',
    );
    expect(deadLetterKey({ topic: 'md.trade.v1', partition: null, offset: null })).toBe(
      'md.trade.v1',
    );
  });

  it('keeps partition 0 and a null key as they were', () => {
    const routed = router.route(message({ partition: 0, key: null, value: '{}' }));

    expect(routed).toMatchObject({
      kind: 'dead-letter',
      letter: { partition: 0, key: null, value: '{}' },
    });
  });

  it('keeps the bytes of a Buffer value as UTF-8 text', () => {
    const value = '{"symbol":"BTCUSDT","note":"é"}';

    expect(router.route(message({ value: Buffer.from(value, 'utf8') }))).toMatchObject({
      kind: 'dead-letter',
      letter: { value },
    });
  });

  it('dead-letters text that is not JSON', () => {
    const routed = router.route(message({ value: 'not json' }));

    expect(routed).toMatchObject({ kind: 'dead-letter', letter: { value: 'not json' } });
    expect(routed.kind === 'dead-letter' && routed.letter.reason).toMatch(/^not JSON: /);
  });

  it('dead-letters a message without a value, recording the value as empty', () => {
    expect(router.route(message({ value: null }))).toMatchObject({
      kind: 'dead-letter',
      letter: { value: '', reason: 'empty message value' },
    });
  });

  it('dead-letters a message from a topic it has no contract for', () => {
    expect(router.route(message({ topic: 'md.trades.v1', partition: null, offset: null }))).toEqual(
      {
        kind: 'dead-letter',
        letter: {
          topic: 'md.trades.v1',
          partition: null,
          offset: null,
          key: 'BTCUSDT',
          value: validValue,
          reason: 'no contract for topic md.trades.v1',
          consumer: 'gateway',
          failedAt: FAILED_AT,
        },
      },
    );
  });

  it('reads the injected clock once per dead letter', () => {
    clock.mockReturnValueOnce(1).mockReturnValueOnce(2);

    const letters = [
      router.route(message({ value: '[]' })),
      router.route(message({ value: '[]' })),
    ];

    expect(
      letters.map((routed) => routed.kind === 'dead-letter' && routed.letter.failedAt),
    ).toEqual([1, 2]);
  });
});
