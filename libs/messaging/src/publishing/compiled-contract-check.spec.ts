import {
  BOOK_TICKER_TOPIC,
  DEPTH_TOPIC,
  encodeEvent,
  TICKER_TOPIC,
  TopicContract,
  TRADE_TOPIC,
} from '@app/contracts';
import { compileContractCheck, encodeEventFast } from './compiled-contract-check';

const t = 1_700_000_000_000;
const VALID: [TopicContract<object>, Record<string, unknown>][] = [
  [
    BOOK_TICKER_TOPIC as TopicContract<object>,
    {
      source: 'binance',
      symbol: 'BTCUSDT',
      updateId: 400900217,
      bidPrice: '27123.45000000',
      bidQty: '0.00100000',
      askPrice: '27123.46000000',
      askQty: '1.50000000',
      exchangeTime: null,
      receivedAt: t,
      producedAt: t + 1,
    },
  ],
  [
    DEPTH_TOPIC as TopicContract<object>,
    {
      source: 'simulator',
      symbol: 'ETHUSDT',
      firstUpdateId: 10,
      finalUpdateId: 12,
      bids: [['1800.10', '0.5']],
      asks: [],
      exchangeTime: t,
      receivedAt: t,
      producedAt: t,
    },
  ],
  [
    TRADE_TOPIC as TopicContract<object>,
    {
      source: 'replay',
      symbol: 'BNBUSDT',
      tradeId: 7,
      aggregate: true,
      price: '300.1',
      qty: '2',
      buyerIsMaker: false,
      tradeTime: t,
      exchangeTime: t,
      receivedAt: t,
      producedAt: t,
    },
  ],
  [
    TICKER_TOPIC as TopicContract<object>,
    {
      source: 'binance',
      symbol: 'BTCUSDT',
      priceChange: '-12.50000000',
      priceChangePercent: '-0.046',
      weightedAvgPrice: '27100.1',
      lastPrice: '27123.45',
      lastQty: '0.1',
      openPrice: '27135.95',
      highPrice: '27200',
      lowPrice: '27000',
      volume: '1234.5',
      quoteVolume: '33456789.1',
      openTime: t - 86_400_000,
      closeTime: t,
      tradeCount: 1000,
      exchangeTime: t,
      receivedAt: t,
      producedAt: t,
    },
  ],
];

/** Values that break most constraints somewhere: wrong types, formats, ranges, shapes. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'btcusdt',
  '1e5',
  '-1',
  '12.50',
  -1,
  0,
  1.5,
  2 ** 60,
  Number.NaN,
  true,
  [],
  [['1', '2', '3']],
  [['1', 2]],
  {},
];

function classValidatorAccepts(topic: TopicContract<object>, value: object): boolean {
  try {
    encodeEvent(topic, value);
    return true;
  } catch {
    return false;
  }
}

/** The ground truth is class-validator itself (through `encodeEvent`): the fast check must agree. */
describe(compileContractCheck.name, () => {
  it.each(VALID.map(([topic, value]) => [topic.name, topic, value] as const))(
    'agrees with class-validator on %s for every property set to odd values, removed or extra',
    (_name, topic, valid) => {
      const check = compileContractCheck(topic.valueClass);
      expect(check).not.toBeNull();
      const variants: Record<string, unknown>[] = [valid, { ...valid, extra: 1 }];
      for (const property of Object.keys(valid)) {
        const { [property]: _removed, ...without } = valid;
        variants.push(without);
        for (const odd of ODD_VALUES) variants.push({ ...valid, [property]: odd });
      }
      const disagreements = variants.filter(
        (variant) => check?.(variant) !== classValidatorAccepts(topic, variant),
      );

      expect(disagreements).toEqual([]);
      expect(check?.(valid)).toBe(true);
      expect(variants.filter((variant) => check?.(variant)).length).toBeGreaterThan(1);
    },
  );
});

describe(encodeEventFast.name, () => {
  it('encodes a valid event exactly as encodeEvent does', () => {
    for (const [topic, value] of VALID) {
      expect(encodeEventFast(topic, value)).toEqual(encodeEvent(topic, value));
    }
  });

  it("throws class-validator's own message for an invalid event", () => {
    const [topic, value] = VALID[0];

    expect(() => encodeEventFast(topic, { ...value, bidPrice: 27123.45 })).toThrow(
      'invalid md.bookticker.v1 event: bidPrice must be a string; bidPrice must be a non-negative decimal string',
    );
  });
});
