import { parsePoolList } from './pool-config';
import { PoolDirectory } from './pool-metadata';

const POOL = {
  address: '0x8AD599C3A0FF1DE082011EFDDC58F1908EB6E6D8',
  token0Symbol: 'USDC',
  token1Symbol: 'WETH',
  token0Decimals: 6,
  token1Decimals: 18,
  fee: 3000,
};
const list = (...pools: unknown[]) => JSON.stringify(pools);

describe(parsePoolList.name, () => {
  it('reads pools, lower-casing the address and defaulting the chain to 1', () => {
    expect(
      parsePoolList(list(POOL, { ...POOL, address: `0x${'1'.repeat(40)}`, chainId: 10 })),
    ).toEqual([
      { ...POOL, address: '0x8ad599c3a0ff1de082011efddc58f1908eb6e6d8', chainId: 1 },
      { ...POOL, address: `0x${'1'.repeat(40)}`, chainId: 10 },
    ]);
    expect(parsePoolList('[]')).toEqual([]);
  });

  it.each([
    ['text that is not JSON', '{"address":', /^not JSON \(/],
    ['an object instead of an array', '{}', 'not a JSON array'],
    ['an entry that is not an object', list(POOL, 7), 'pool 2: not a JSON object'],
    [
      'a misspelled field',
      list({ ...POOL, decimals0: 6 }),
      'pool 1: unknown field decimals0 (fields: address, token0Symbol, token1Symbol, token0Decimals, token1Decimals, fee, chainId)',
    ],
    [
      'a short address',
      list({ ...POOL, address: '0x8ad5' }),
      'pool 1: address must be a 0x address of 40 hex digits',
    ],
    [
      'a symbol with a space',
      list({ ...POOL, token1Symbol: 'W ETH' }),
      'pool 1: token1Symbol must be a token symbol of 1-20 letters, digits, ".", "$" or "-"',
    ],
    [
      'fractional decimals',
      list({ ...POOL, token0Decimals: 6.5 }),
      'pool 1: token0Decimals must be an integer from 0 to 36',
    ],
    [
      'decimals as a string',
      list({ ...POOL, token1Decimals: '18' }),
      'pool 1: token1Decimals must be an integer from 0 to 36',
    ],
    [
      'a fee as a percentage',
      list({ ...POOL, fee: 0.3 }),
      'pool 1: fee must be the fee tier in hundredths of a basis point, an integer from 1 to 999999 (500 = 0.05%)',
    ],
    [
      'chain id 0',
      list({ ...POOL, chainId: 0 }),
      'pool 1: chainId must be an integer from 1 to 4294967296',
    ],
    [
      'the same pool twice',
      list(POOL, { ...POOL, address: POOL.address.toLowerCase() }),
      'pool 2: 0x8ad599c3a0ff1de082011efddc58f1908eb6e6d8 is listed twice',
    ],
  ])('refuses %s, saying what is wrong', (_label, json, message) => {
    expect(() => parsePoolList(json)).toThrow(message);
  });
});

describe(PoolDirectory.name, () => {
  it('finds built-in and configured pools in any case; a configured one replaces a built-in one', () => {
    const usdcWeth = '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640';
    const pools = new PoolDirectory(
      parsePoolList(list(POOL, { ...POOL, address: usdcWeth, token0Symbol: 'USDC.e', fee: 500 })),
    );

    expect(pools.find(POOL.address)?.token0Symbol).toBe('USDC');
    expect(pools.find(usdcWeth.toUpperCase().replace('0X', '0x'))).toEqual({
      chainId: 1,
      address: usdcWeth,
      token0Symbol: 'USDC.e',
      token1Symbol: 'WETH',
      token0Decimals: 6,
      token1Decimals: 18,
      fee: 500,
    });
    expect(pools.find('0x82c427adfdf2d245ec51d8046b41c4ee87f0d29c')?.token0Symbol).toBe('oSQTH');
    expect(pools.find(`0x${'2'.repeat(40)}`)).toBeNull();
    expect(pools.describe()).toEqual([
      'USDC.e/WETH 0.05% 0x88e6…5640',
      'oSQTH/WETH 0.3% 0x82c4…d29c',
      'USDC/WETH 0.3% 0x8ad5…e6d8',
    ]);
  });
});
