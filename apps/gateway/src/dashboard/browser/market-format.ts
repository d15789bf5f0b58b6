import { decimalsOfStep, roundDecimal } from '@app/decimal';

/** What the catalog (`/v1/markets`) says of a symbol's grid. */
export interface MarketSteps {
  tickSize: string;
  stepSize: string;
}

/** A pair the catalog does not list (a DEX pool) has no exchange grid: eight decimals, Binance's own. */
const DEFAULT_DECIMALS = 8;
const NONE = '–';

/**
 * Shows a symbol's figures as the exchange would: prices (and quote amounts, which are in the same
 * asset) at the tick size's decimals, base sizes at the step size's. Exact decimal-string work,
 * never a float: an average with 18 decimals is rounded half away from zero (see roundDecimal).
 */
export class MarketFormat {
  private constructor(
    private readonly priceDecimals: number,
    private readonly sizeDecimals: number,
  ) {}

  static of(market: MarketSteps | undefined): MarketFormat {
    if (!market) return new MarketFormat(DEFAULT_DECIMALS, DEFAULT_DECIMALS);
    return new MarketFormat(decimalsOfStep(market.tickSize), decimalsOfStep(market.stepSize));
  }

  price(value: string | null | undefined): string {
    return value ? roundDecimal(value, this.priceDecimals) : NONE;
  }

  size(value: string | null | undefined): string {
    return value ? roundDecimal(value, this.sizeDecimals) : NONE;
  }
}
