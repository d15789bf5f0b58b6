import { BinanceRestClient } from '@app/exchange';
import { LoggerService } from '@nestjs/common';

/**
 * The wanted symbols that the exchange lists with status TRADING, in the wanted (priority) order.
 * If exchangeInfo cannot be read, the wanted list is used as is: better to try than to stall.
 */
export async function tradingSymbols(
  rest: BinanceRestClient,
  wanted: string[],
  logger: LoggerService,
): Promise<string[]> {
  try {
    const info = await rest.exchangeInfo();
    const trading = new Set(
      info.symbols.filter((s) => s.status === 'TRADING').map((s) => s.symbol),
    );
    const kept = wanted.filter((symbol) => trading.has(symbol));
    const skipped = wanted.filter((symbol) => !trading.has(symbol));
    if (skipped.length > 0)
      logger.warn(`not trading on the exchange, skipped: ${skipped.join(',')}`);
    return kept;
  } catch (error) {
    logger.warn(`exchangeInfo failed (${(error as Error).message}); using SYMBOLS as configured`);
    return wanted;
  }
}
