import { PoolMetadata } from './pool-metadata';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** As the dex.swap.v1 contract accepts token symbols. */
const TOKEN_SYMBOL = /^[A-Za-z0-9.$-]{1,20}$/;
const FIELDS = [
  'address',
  'token0Symbol',
  'token1Symbol',
  'token0Decimals',
  'token1Decimals',
  'fee',
  'chainId',
];

/** An example a message can show, so a user can copy its shape. */
export const POOL_LIST_EXAMPLE =
  '[{"address":"0x…","token0Symbol":"USDC","token1Symbol":"WETH","token0Decimals":6,"token1Decimals":18,"fee":500}]';

const isInt = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/**
 * Pool metadata from configuration (DEX_POOLS): a JSON array of pools, `chainId` optional (1).
 * Throws one message naming the first problem and where it is, e.g. `pool 2: token0Decimals must
 * be an integer from 0 to 36`, so a bad setting stops the start rather than a replay later.
 */
export function parsePoolList(json: string): PoolMetadata[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new Error('not a JSON array');
  const pools = value.map((entry, index) => parsePool(entry, `pool ${index + 1}`));
  const seen = new Set<string>();
  for (const [index, pool] of pools.entries()) {
    if (seen.has(pool.address))
      throw new Error(`pool ${index + 1}: ${pool.address} is listed twice`);
    seen.add(pool.address);
  }
  return pools;
}

function parsePool(entry: unknown, where: string): PoolMetadata {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new Error(`${where}: not a JSON object`);
  }
  const e = entry as Record<string, unknown>;
  const unknown = Object.keys(e).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) {
    throw new Error(`${where}: unknown field ${unknown.join(', ')} (fields: ${FIELDS.join(', ')})`);
  }
  const problem = (field: string, expected: string) =>
    new Error(`${where}: ${field} must be ${expected}`);
  if (typeof e.address !== 'string' || !ADDRESS.test(e.address)) {
    throw problem('address', 'a 0x address of 40 hex digits');
  }
  for (const field of ['token0Symbol', 'token1Symbol']) {
    const symbol = e[field];
    if (typeof symbol !== 'string' || !TOKEN_SYMBOL.test(symbol)) {
      throw problem(field, 'a token symbol of 1-20 letters, digits, ".", "$" or "-"');
    }
  }
  for (const field of ['token0Decimals', 'token1Decimals']) {
    if (!isInt(e[field], 0, 36)) throw problem(field, 'an integer from 0 to 36');
  }
  if (!isInt(e.fee, 1, 999_999)) {
    throw problem(
      'fee',
      'the fee tier in hundredths of a basis point, an integer from 1 to 999999 (500 = 0.05%)',
    );
  }
  if (e.chainId !== undefined && !isInt(e.chainId, 1, 2 ** 32)) {
    throw problem('chainId', 'an integer from 1 to 4294967296');
  }
  return {
    chainId: e.chainId ?? 1,
    address: e.address.toLowerCase(),
    token0Symbol: e.token0Symbol as string,
    token1Symbol: e.token1Symbol as string,
    token0Decimals: e.token0Decimals as number,
    token1Decimals: e.token1Decimals as number,
    fee: e.fee,
  };
}
