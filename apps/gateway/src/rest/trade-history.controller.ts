import { Controller, Get, Param, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TradeHistoryReader } from '../market-data/trade-history.reader';
import { badParameter } from './bad-parameter';
import { RestApi } from './rest-endpoint.decorator';
import { SymbolParams } from './rest.dto';
import { decodeTradeCursor, encodeTradeCursor } from './trade-cursor';
import {
  DEFAULT_HISTORY_TRADES,
  MAX_HISTORY_RANGE_MS,
  TradeHistoryPageDto,
  TradeHistoryQuery,
} from './trade-history.dto';

@ApiTags('markets')
@RestApi()
@Controller('v1')
export class TradeHistoryController {
  constructor(private readonly history: TradeHistoryReader) {}

  @Get('trades/:symbol/history')
  @ApiOperation({
    summary: 'Trades of one symbol over a time range, oldest first, page by page',
    description:
      'Every trade the aggregator counted (exactly once) with a trade time in [from, to), from Postgres. Follow `next` for the rest of the range.',
  })
  @ApiOkResponse({ type: TradeHistoryPageDto })
  async trades(
    @Param() params: SymbolParams,
    @Query() query: TradeHistoryQuery,
  ): Promise<TradeHistoryPageDto> {
    if (query.to <= query.from) throw badParameter('to', 'to must be after from');
    if (query.to - query.from > MAX_HISTORY_RANGE_MS)
      throw badParameter('to', 'to must be at most a day (86400000 ms) after from');
    const after = query.cursor === undefined ? undefined : decodeTradeCursor(query.cursor);
    if (query.cursor !== undefined && after === undefined)
      throw badParameter('cursor', 'cursor must be a next value from this endpoint');
    if (!this.history.available)
      throw new ServiceUnavailableException('trade history needs the database');
    const page = await this.history.trades(
      params.symbol,
      query.from,
      query.to,
      query.limit ?? DEFAULT_HISTORY_TRADES,
      after,
    );
    return { trades: page.trades, next: page.next ? encodeTradeCursor(page.next) : null };
  }
}
