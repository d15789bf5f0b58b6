import { SwapStatus } from '@app/contracts';
import { ChainRandom } from './chain-random';
import { poolFieldsOfSwap, SimulatedPool } from './pool-metadata';
import { ChainSwap } from './swap-feed';
import { PoolState, swapExactIn, tickOf, token1ToToken0 } from './swap-math';

export interface SimulatedChainOptions {
  pools: readonly SimulatedPool[];
  seed: number;
  /** Swap events per second, all statuses together (each swap makes about two). */
  eventsPerSecond: number;
  blockTimeMs?: number;
  startTimeMs?: number;
  startBlock?: number;
  /** Share of swaps that revert (`failed`). */
  failRate?: number;
  /** Chance per block that the last 1..maxReorgDepth blocks are replaced (their swaps `reorged`). */
  reorgRate?: number;
  maxReorgDepth?: number;
  /** Share of events delivered twice, and of events swapped with their neighbour. */
  duplicateRate?: number;
  reorderRate?: number;
}

interface MempoolSwap {
  pending: ChainSwap;
  zeroForOne: boolean;
  amountIn: bigint;
  fails: boolean;
  /** The pool price the pending estimate was computed from. */
  priceBefore: bigint;
}

interface MinedBlock {
  stateBefore: Map<string, PoolState>;
  confirmed: ChainSwap[];
}

/**
 * A deterministic chain of swaps on the given pools, advanced in virtual time: swaps enter the
 * mempool as `pending`, each block (every `blockTimeMs`) mines them all as `confirmed` or `failed`,
 * and now and then a reorg replaces the last blocks, reporting their swaps as `reorged` and
 * reverting the pools to the fork point. Amounts come from the Uniswap v3 price math, so the
 * confirmed swaps of a pool, in chain order, replay exactly from its start state.
 */
export class SimulatedChain {
  private readonly random: ChainRandom;
  private readonly head = new Map<string, PoolState>();
  private pendingState = new Map<string, PoolState>();
  private mempool: MempoolSwap[] = [];
  private history: MinedBlock[] = [];
  private readonly swapIntervalMs: number;
  private readonly blockTimeMs: number;
  private nextSwapAt: number;
  private nextBlockAt: number;
  private blockNumber: number;
  private logIndex = 0;
  private readonly addresses: string[];

  constructor(private readonly options: SimulatedChainOptions) {
    if (options.pools.length === 0) throw new Error('the simulated chain needs at least one pool');
    if (!(options.eventsPerSecond > 0)) {
      throw new RangeError(`eventsPerSecond must be positive (got ${options.eventsPerSecond})`);
    }
    this.random = new ChainRandom(options.seed);
    for (const pool of options.pools) this.head.set(pool.address, { ...pool.start });
    this.pendingState = new Map(this.head);
    this.swapIntervalMs = 2000 / options.eventsPerSecond;
    this.blockTimeMs = options.blockTimeMs ?? 12_000;
    const start = options.startTimeMs ?? 1_704_412_800_000; // 2024-01-05T00:00:00Z
    this.nextSwapAt = start + this.swapIntervalMs;
    this.nextBlockAt = start + this.blockTimeMs;
    this.blockNumber = options.startBlock ?? 18_937_382;
    this.addresses = Array.from({ length: 16 }, () => this.random.hex(20));
  }

  /** Every event up to `untilMs` (virtual time), as a chain feed would deliver them. */
  advance(untilMs: number): ChainSwap[] {
    const out: ChainSwap[] = [];
    for (;;) {
      if (this.nextSwapAt <= this.nextBlockAt && this.nextSwapAt <= untilMs) {
        out.push(this.submitSwap());
        this.nextSwapAt += this.swapIntervalMs;
      } else if (this.nextBlockAt <= untilMs) {
        this.mineBlock(out);
        this.nextBlockAt += this.blockTimeMs;
      } else {
        return this.deliverLikeAFeed(out);
      }
    }
  }

  private submitSwap(): ChainSwap {
    const pool = this.options.pools[this.random.int(0, this.options.pools.length - 1)];
    const state = this.pendingState.get(pool.address) as PoolState;
    const zeroForOne = this.random.next() < 0.5;
    // Trade sizes log-uniform from 0.001 to 50 of token1 (e.g. WETH), a long tail like real flow.
    const value1 =
      BigInt(Math.floor(10 ** (this.random.next() * 4.7 - 3) * 1e6)) *
      10n ** BigInt(pool.token1Decimals - 6);
    const amountIn = zeroForOne ? token1ToToken0(value1, state.sqrtPriceX96) : value1;
    const fails = this.random.next() < (this.options.failRate ?? 0.02);
    const result = swapExactIn(state, zeroForOne, amountIn > 0n ? amountIn : 1n);
    if (!fails)
      this.pendingState.set(pool.address, { ...state, sqrtPriceX96: result.sqrtPriceX96 });
    const pending: ChainSwap = {
      source: 'simulator',
      ...poolFieldsOfSwap(pool),
      txHash: this.random.hex(32),
      logIndex: this.logIndex++,
      blockNumber: this.blockNumber,
      blockTime: this.nextBlockAt,
      sender: this.addresses[this.random.int(0, this.addresses.length - 1)],
      recipient: this.addresses[this.random.int(0, this.addresses.length - 1)],
      amount0: result.amount0.toString(),
      amount1: result.amount1.toString(),
      sqrtPriceX96: result.sqrtPriceX96.toString(),
      liquidity: state.liquidity.toString(),
      tick: tickOf(result.sqrtPriceX96),
      status: 'pending',
    };
    this.mempool.push({
      pending,
      zeroForOne,
      amountIn: amountIn > 0n ? amountIn : 1n,
      fails,
      priceBefore: state.sqrtPriceX96,
    });
    return pending;
  }

  private mineBlock(out: ChainSwap[]): void {
    const block: MinedBlock = { stateBefore: new Map(this.head), confirmed: [] };
    for (const swap of this.mempool) {
      if (swap.fails) {
        out.push(withStatus(swap.pending, 'failed'));
        continue;
      }
      // Executed against the chain's head: equal to the pending estimate unless a reorg intervened
      // (then the head price differs from the one the estimate started from, and it is recomputed).
      const state = this.head.get(swap.pending.pool) as PoolState;
      let confirmed: ChainSwap;
      if (state.sqrtPriceX96 === swap.priceBefore) {
        confirmed = withStatus(swap.pending, 'confirmed');
        this.head.set(swap.pending.pool, {
          ...state,
          sqrtPriceX96: BigInt(swap.pending.sqrtPriceX96),
        });
      } else {
        const result = swapExactIn(state, swap.zeroForOne, swap.amountIn);
        this.head.set(swap.pending.pool, { ...state, sqrtPriceX96: result.sqrtPriceX96 });
        confirmed = {
          ...swap.pending,
          amount0: result.amount0.toString(),
          amount1: result.amount1.toString(),
          sqrtPriceX96: result.sqrtPriceX96.toString(),
          tick: tickOf(result.sqrtPriceX96),
          status: 'confirmed',
        };
      }
      block.confirmed.push(confirmed);
      out.push(confirmed);
    }
    this.mempool = [];
    this.history = [...this.history, block].slice(-(this.options.maxReorgDepth ?? 2));
    this.blockNumber++;
    this.logIndex = 0;
    if (this.random.next() < (this.options.reorgRate ?? 0.05)) this.reorg(out);
    this.pendingState = new Map(this.head);
  }

  /** The last blocks are replaced by empty ones: their swaps are gone, the pools revert. */
  private reorg(out: ChainSwap[]): void {
    const depth = this.random.int(1, this.history.length);
    const orphaned = this.history.slice(-depth);
    for (const block of orphaned) {
      for (const swap of block.confirmed) out.push(withStatus(swap, 'reorged'));
    }
    for (const [pool, state] of orphaned[0].stateBefore) this.head.set(pool, state);
    this.history = this.history.slice(0, -depth);
  }

  /** Real feeds repeat and reorder a little; consumers must cope (dedupe by tx hash + log index). */
  private deliverLikeAFeed(events: ChainSwap[]): ChainSwap[] {
    const duplicateRate = this.options.duplicateRate ?? 0.01;
    const reorderRate = this.options.reorderRate ?? 0.01;
    const out: ChainSwap[] = [];
    for (const event of events) {
      out.push(event);
      if (this.random.next() < duplicateRate) out.push({ ...event });
    }
    for (let i = 0; i + 1 < out.length; i++) {
      if (this.random.next() < reorderRate) [out[i], out[i + 1]] = [out[i + 1], out[i]];
    }
    return out;
  }
}

function withStatus(swap: ChainSwap, status: SwapStatus): ChainSwap {
  return { ...swap, status };
}
