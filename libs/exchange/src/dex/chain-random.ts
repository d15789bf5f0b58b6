/** mulberry32, seeded: the simulated chain is the same for the same seed. */
export class ChainRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

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
