import { encodeEvent, SWAP_TOPIC } from '@app/contracts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecordedLines, RECORDINGS } from '../../../../test/support/recordings';
import {
  swapReplayDir,
  SwapReplayDir,
  UNLISTED_POOL,
  UNLISTED_POOL_CONFIG,
} from '../../../../test/support/swap-recordings';
import { PoolDirectory } from './pool-metadata';
import { ChainSwap } from './swap-feed';
import { readRecordedSwaps, SwapSkip, UniswapLogReplay } from './uniswap-log-replay';

const DATA_DIR = join(RECORDINGS, 'uniswap-v3');
const ids = (swaps: ChainSwap[]) => swaps.map((s) => `${s.txHash}:${s.logIndex}`);

describe(readRecordedSwaps.name, () => {
  it('reads every recorded swap of both built-in pools in chain order, skipping nothing', async () => {
    const skipped: SwapSkip[] = [];
    const swaps = await readRecordedSwaps(DATA_DIR, new PoolDirectory(), (s) => skipped.push(s));

    expect(skipped).toEqual([]);
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
    const swaps = await readRecordedSwaps(DATA_DIR, new PoolDirectory(), () => undefined);

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
    const swaps = await readRecordedSwaps(DATA_DIR, new PoolDirectory(), () => undefined);
    for (const swap of swaps) {
      expect(encodeEvent(SWAP_TOPIC, { ...swap, producedAt: 1 }).key).toBe(swap.pool);
    }
  });

  describe('a pool that is not built in, a malformed file and a truncated one', () => {
    let replayDir: SwapReplayDir;

    beforeAll(() => {
      replayDir = swapReplayDir({ broken: true });
    });

    afterAll(() => replayDir.remove());

    it('without its metadata: serves the other pool exactly and reports each file left out', async () => {
      const skipped: SwapSkip[] = [];
      const { dir } = replayDir;
      const swaps = await readRecordedSwaps(dir, new PoolDirectory(), (s) => skipped.push(s));

      expect(ids(swaps).sort()).toEqual([...replayDir.usdcWethIds].sort());
      expect(skipped).toEqual([
        {
          reason: 'unknown-pool',
          file: join(dir, `${UNLISTED_POOL}-2024-01-05.swaps.jsonl.gz`),
          count: 41,
          detail: `pool ${UNLISTED_POOL} is neither built in nor in DEX_POOLS`,
        },
        {
          reason: 'malformed',
          file: join(dir, 'broken.swaps.jsonl'),
          count: 2,
          detail: expect.stringMatching(
            /^line 1: not JSON \(.+\); line 3: blockNumber must be a block number \(got undefined\)$/,
          ) as string,
        },
        {
          reason: 'unreadable',
          file: join(dir, 'truncated.swaps.jsonl.gz'),
          count: 1,
          detail: 'unexpected end of file; nothing was read',
        },
      ]);
    });

    it('with its metadata configured: serves it too, under the configured symbols', async () => {
      const pools = new PoolDirectory([{ chainId: 1, ...UNLISTED_POOL_CONFIG }]);
      const swaps = await readRecordedSwaps(replayDir.dir, pools, () => undefined);
      const unlisted = swaps.filter((s) => s.pool === UNLISTED_POOL);

      expect(swaps).toHaveLength(6_046 + 41);
      expect(ids(unlisted)).toEqual(replayDir.unlistedIds);
      expect(unlisted[0]).toMatchObject({
        token0Symbol: 'TKN',
        token1Symbol: 'WETH',
        token0Decimals: 18,
        amount0: '-1001095647176705672',
        amount1: '17221100626414264442',
      });
    });
  });

  it('serves the lines of a gzip file cut in the middle up to the break, and reports the file', async () => {
    const name = '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640-2024-01-05.swaps.jsonl';
    const whole = readFileSync(join(DATA_DIR, `${name}.gz`));
    const dir = mkdtempSync(join(tmpdir(), 'swap-cut-'));
    writeFileSync(join(dir, 'cut.swaps.jsonl.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    const skipped: SwapSkip[] = [];
    const swaps = await readRecordedSwaps(dir, new PoolDirectory(), (s) => skipped.push(s));
    rmSync(dir, { recursive: true, force: true });
    const firstLines = readRecordedLines<{ transactionHash: string; logIndex: number }>(
      DATA_DIR,
      name,
    ).slice(0, 3004);

    expect(ids(swaps).sort()).toEqual(
      firstLines.map((l) => `${l.transactionHash}:${l.logIndex}`).sort(),
    );
    expect(skipped).toEqual([
      {
        reason: 'unreadable',
        file: join(dir, 'cut.swaps.jsonl.gz'),
        count: 1,
        detail: 'unexpected end of file; what came before line 3005 was kept',
      },
    ]);
  });

  it('reports a directory it cannot list, and serves nothing rather than failing', async () => {
    const skipped: SwapSkip[] = [];
    const missing = join(RECORDINGS, 'no-such-folder');

    await expect(
      readRecordedSwaps(missing, new PoolDirectory(), (s) => skipped.push(s)),
    ).resolves.toEqual([]);
    expect(skipped).toEqual([
      {
        reason: 'unreadable',
        file: missing,
        count: 1,
        detail: `ENOENT: no such file or directory, scandir '${missing}'`,
      },
    ]);
  });
});

describe(UniswapLogReplay.name, () => {
  it('delivers every recorded swap once, in batches, then reports how many', async () => {
    const replay = new UniswapLogReplay({
      dir: DATA_DIR,
      pools: new PoolDirectory(),
      skipped: () => undefined,
      batchSize: 1000,
      intervalMs: 0,
    });
    const delivered: ChainSwap[] = [];
    replay.start((swaps) => delivered.push(...swaps));

    await expect(replay.done).resolves.toBe(6_087);
    expect(new Set(ids(delivered)).size).toBe(6_087);
    await replay.stop();
  });
});
