/** mulberry32: a tiny, fast PRNG with good enough statistics; the same seed gives the same run. */
export class SeededRandom {
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

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A geometric-like distance >= 0 with the given mean: most draws small, a long tail. */
  distance(mean: number): number {
    return Math.floor(-Math.log(1 - this.next()) * mean);
  }
}

/** A seed per symbol, so one symbol's run does not depend on which others are simulated. */
export function symbolSeed(seed: number, symbol: string): number {
  let hash = seed >>> 0;
  for (let i = 0; i < symbol.length; i++) hash = Math.imul(hash ^ symbol.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
