import { SeededRandom } from '../simulator/seeded-random';

/** The simulator's seeded PRNG, plus random hex for hashes and addresses: same seed, same chain. */
export class ChainRandom extends SeededRandom {
  /** `bytes` random bytes as a 0x-prefixed lower-case hex string. */
  hex(bytes: number): string {
    let out = '0x';
    for (let i = 0; i < bytes; i += 4) {
      const word = Math.floor(this.next() * 4294967296);
      out += word
        .toString(16)
        .padStart(8, '0')
        .slice(0, Math.min(8, (bytes - i) * 2));
    }
    return out;
  }
}
