import {
  BOOK_TICKER_TOPIC,
  decodeEvent,
  defineTopic,
  DEPTH_TOPIC,
  encodeEvent,
  SWAP_TOPIC,
  TICKER_TOPIC,
  TopicContract,
  TRADE_TOPIC,
} from '@app/contracts';
import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { compileContractCheck, decodeEventFast, encodeEventFast } from './compiled-contract-check';

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
  [
    SWAP_TOPIC as TopicContract<object>,
    {
      source: 'chain',
      chainId: 1,
      pool: `0x${'cb'.repeat(20)}`,
      token0Symbol: 'WBTC',
      token1Symbol: 'WETH',
      token0Decimals: 8,
      token1Decimals: 18,
      txHash: `0x${'9f'.repeat(32)}`,
      logIndex: 3,
      blockNumber: 21000000,
      blockTime: t,
      sender: `0x${'3c'.repeat(20)}`,
      recipient: `0x${'4d'.repeat(20)}`,
      amount0: '150000000',
      amount1: '-27500000000000000000',
      sqrtPriceX96: '1987654321987654321987654',
      liquidity: '12345678901234567890',
      tick: 196000,
      status: 'confirmed',
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

/** Each valid value with every property set to odd values, removed, or an extra one added. */
function variantsOf(valid: Record<string, unknown>): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [valid, { ...valid, extra: 1 }];
  for (const property of Object.keys(valid)) {
    const { [property]: _removed, ...without } = valid;
    variants.push(without);
    for (const odd of ODD_VALUES) variants.push({ ...valid, [property]: odd });
  }
  return variants;
}

/** The ground truth is class-validator itself (through `encodeEvent`): the fast check must agree. */
describe(compileContractCheck.name, () => {
  it.each(VALID.map(([topic, value]) => [topic.name, topic, value] as const))(
    'agrees with class-validator on %s for every property set to odd values, removed or extra',
    (_name, topic, valid) => {
      const check = compileContractCheck(topic.valueClass);
      expect(check).not.toBeNull();
      const variants = variantsOf(valid);
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

/** A contract whose class-transformer decorator changes the value on the way in. */
class TrimmedEvent {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  name!: string;
}
const TRIMMED_TOPIC = defineTopic({
  name: 'it.trimmed.v1',
  partitions: 1,
  valueClass: TrimmedEvent,
  keyOf: (event) => event.name,
  description: 'test topic',
}) as TopicContract<object>;

describe(decodeEventFast.name, () => {
  it.each(VALID.map(([topic, value]) => [topic.name, topic, value] as const))(
    'decodes %s exactly as decodeEvent does, valid or not, reasons included',
    (_name, topic, valid) => {
      for (const variant of variantsOf(valid)) {
        const raw = JSON.stringify(variant);
        const fast = decodeEventFast(topic, raw);
        const slow = decodeEvent(topic, raw);

        expect(fast).toEqual(slow);
        if (fast.ok && slow.ok) {
          expect(fast.value).toBeInstanceOf(topic.valueClass);
          // Same property order too: what a consumer re-serializes reads the same.
          expect(JSON.stringify(fast.value)).toBe(JSON.stringify(slow.value));
        }
      }
      expect(decodeEventFast(topic, Buffer.from(JSON.stringify(valid)))).toEqual({
        ok: true,
        value: valid,
      });
    },
  );

  it("gives decodeEvent's reasons for a message that is not a JSON object", () => {
    const [topic] = VALID[0];

    expect(decodeEventFast(topic, null)).toEqual({ ok: false, reason: 'empty message value' });
    expect(decodeEventFast(topic, '[1]')).toEqual({
      ok: false,
      reason: 'value is not a JSON object',
    });
    expect(decodeEventFast(topic, '{"bid')).toEqual(decodeEvent(topic, '{"bid'));
    expect(decodeEventFast(topic, '{"bid').ok).toBe(false);
  });

  it('leaves a contract with class-transformer decorators to class-transformer', () => {
    expect(compileContractCheck(TrimmedEvent)).toBeNull();
    expect(decodeEventFast(TRIMMED_TOPIC, '{"name":"  BTC "}')).toEqual({
      ok: true,
      value: { name: 'BTC' },
    });
  });
});
