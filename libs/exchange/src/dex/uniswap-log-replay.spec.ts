import { encodeEvent, SWAP_TOPIC } from '@app/contracts';
import { join } from 'node:path';
import { readRecordedSwaps, swapFromRecordedLog, UniswapLogReplay } from './uniswap-log-replay';
import { ChainSwap } from './swap-feed';

const DATA_DIR = join(__dirname, '../../../../../shared/data/uniswap-v3');

describe(readRecordedSwaps.name, () => {
  it('reads every recorded swap of both pools in chain order', async () => {
    const swaps = await readRecordedSwaps(DATA_DIR);

    expect(swaps).toHaveLength(6_046 + 41);
    expect(swaps.filter((s) => s.token0Symbol === 'oSQTH')).toHaveLength(41);
    for (let i = 1; i < swaps.length; i++) {
      const [a, b] = [swaps[i - 1], swaps[i]];
      expect(
        a.blockNumber < b.blockNumber ||
          (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex),
      ).toBe(true);
    }
  });

  it('maps the first USDC/WETH log field by field, as a confirmed swap', async () => {
    const swaps = await readRecordedSwaps(DATA_DIR);

    expect(swaps[0]).toStrictEqual({
      source: 'replay',
      chainId: 1,
      pool: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640',
      token0Symbol: 'USDC',
      token1Symbol: 'WETH',
      token0Decimals: 6,
      token1Decimals: 18,
      txHash: '0x0bb5e0dc49ae0b5a1949beabadc64522dd5615415a168650a3b592a84ae5ee05',
      logIndex: 169,
      blockNumber: 18937382,
      blockTime: Date.UTC(2024, 0, 5, 0, 0, 23),
      sender: '0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad',
      recipient: '0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad',
      amount0: '-22686110',
      amount1: '10000000000000000',
      sqrtPriceX96: '1662995104975155420368771254341874',
      liquidity: '12453647101533358277',
      tick: 199045,
      status: 'confirmed',
    });
  });

  it('produces events the dex.swap.v1 contract accepts', async () => {
    const swaps = await readRecordedSwaps(DATA_DIR);
    for (const swap of swaps) {
      expect(encodeEvent(SWAP_TOPIC, { ...swap, producedAt: 1 }).key).toBe(swap.pool);
    }
  });

  it('names the pool when it has no metadata for it', () => {
    expect(() =>
      swapFromRecordedLog({
        pool: '0x0000000000000000000000000000000000000001',
      } as Parameters<typeof swapFromRecordedLog>[0]),
    ).toThrow('no metadata for pool 0x0000000000000000000000000000000000000001');
  });
});

describe(UniswapLogReplay.name, () => {
  it('delivers every recorded swap once, in batches, then reports how many', async () => {
    const replay = new UniswapLogReplay({ dir: DATA_DIR, batchSize: 1000, intervalMs: 0 });
    const delivered: ChainSwap[] = [];
    replay.start((swaps) => delivered.push(...swaps));

    await expect(replay.done).resolves.toBe(6_087);
    expect(new Set(delivered.map((s) => `${s.txHash}:${s.logIndex}`)).size).toBe(6_087);
    await replay.stop();
  });
});
