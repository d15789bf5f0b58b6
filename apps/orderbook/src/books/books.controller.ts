import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OrderbookService } from './orderbook.service';

const SYMBOL = /^[A-Z0-9]{2,20}$/;
const MAX_DEPTH = 5000;

export interface FullDepthResponse {
  symbol: string;
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

/**
 * Full depth on request, for the gateway: the true book (no anomaly filter) of a symbol this
 * replica owns. A symbol owned by another replica is a 404 here.
 */
@ApiTags('books')
@Controller('v1/books')
export class BooksController {
  constructor(private readonly orderbook: OrderbookService) {}

  @Get(':symbol')
  @ApiOperation({ summary: 'Up to `depth` levels per side of a local order book, best first' })
  @ApiParam({ name: 'symbol', example: 'BTCUSDT' })
  @ApiQuery({
    name: 'depth',
    required: false,
    description: `1 to ${MAX_DEPTH}; default ${MAX_DEPTH}`,
  })
  @ApiResponse({ status: 200, description: '{ symbol, lastUpdateId, bids, asks }' })
  @ApiResponse({ status: 400, description: 'symbol or depth malformed' })
  @ApiResponse({ status: 404, description: 'symbol not held by this replica' })
  @ApiResponse({ status: 503, description: 'the book is resyncing' })
  getBook(@Param('symbol') symbol: string, @Query('depth') depthParam?: string): FullDepthResponse {
    if (!SYMBOL.test(symbol)) {
      throw new BadRequestException(
        'symbol must be 2-20 upper-case letters or digits, e.g. BTCUSDT',
      );
    }
    const depth = parseDepth(depthParam);
    const found = this.orderbook.fullDepth(symbol, depth);
    if (found.kind === 'unknown') throw new NotFoundException(`no order book for ${symbol} here`);
    if (found.kind === 'not-live') {
      throw new ServiceUnavailableException(`the ${symbol} order book is resyncing`);
    }
    return {
      symbol,
      lastUpdateId: found.lastUpdateId,
      bids: found.top.bids.map((level) => [level.price, level.quantity]),
      asks: found.top.asks.map((level) => [level.price, level.quantity]),
    };
  }
}

function parseDepth(value: string | undefined): number {
  if (value === undefined) return MAX_DEPTH;
  const depth = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(depth >= 1 && depth <= MAX_DEPTH)) {
    throw new BadRequestException(`depth must be an integer from 1 to ${MAX_DEPTH}`);
  }
  return depth;
}
