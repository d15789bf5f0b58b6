import { BookUpdateEvent, MarketEvent, TradeEvent } from '@app/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { MarketQueryService } from './market-query.service';
import { RestApi } from './rest-endpoint.decorator';
import {
  BookQuery,
  ErrorDto,
  MarketsQuery,
  SymbolParams,
  TickerDto,
  TradesQuery,
} from './rest.dto';

@ApiTags('markets')
@RestApi()
@Controller('v1')
export class MarketsController {
  constructor(private readonly markets: MarketQueryService) {}

  @Get('markets')
  @ApiOperation({
    summary:
      'Symbols the producer follows, sorted by symbol: exchangeInfo listing (status, assets, tick and step sizes) and the latest 24 h price and volumes',
  })
  @ApiOkResponse({ type: [MarketEvent] })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'A bad quote or status parameter' })
  list(@Query() query: MarketsQuery): Promise<MarketEvent[]> {
    return this.markets.markets(query);
  }

  @Get('ticker/:symbol')
  @ApiOperation({ summary: 'Best bid/ask and 24 h statistics of one symbol' })
  @ApiOkResponse({ type: TickerDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown symbol' })
  ticker(@Param() params: SymbolParams): Promise<TickerDto> {
    return this.markets.ticker(params.symbol);
  }

  @Get('book/:symbol')
  @ApiOperation({ summary: 'Order book of one symbol, top `depth` levels per side' })
  @ApiOkResponse({ type: BookUpdateEvent })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown symbol' })
  book(@Param() params: SymbolParams, @Query() query: BookQuery): Promise<BookUpdateEvent> {
    return this.markets.book(params.symbol, query.depth);
  }

  @Get('trades/:symbol')
  @ApiOperation({ summary: 'Most recent trades of one symbol, newest first (at most 100)' })
  @ApiOkResponse({ type: [TradeEvent] })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown symbol' })
  trades(@Param() params: SymbolParams, @Query() query: TradesQuery): Promise<TradeEvent[]> {
    return this.markets.trades(params.symbol, query.limit);
  }
}
