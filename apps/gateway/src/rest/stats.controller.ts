import { StatsUpdateEvent } from '@app/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Candle } from '../market-data/candles';
import { MarketQueryService } from './market-query.service';
import { RestApi } from './rest-endpoint.decorator';
import {
  CandleDto,
  CandlesQuery,
  ErrorDto,
  StatsQuery,
  TopPairDto,
  TopPairsQuery,
} from './rest.dto';

@ApiTags('stats')
@RestApi()
@Controller('v1')
export class StatsController {
  constructor(private readonly markets: MarketQueryService) {}

  @Get('stats')
  @ApiOperation({ summary: 'Statistics of one pair (symbol or DEX pair) over 1m, 1h or 24h' })
  @ApiOkResponse({ type: StatsUpdateEvent })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown pair, or no trade in the window' })
  stats(@Query() query: StatsQuery): Promise<StatsUpdateEvent> {
    return this.markets.stats(query.pair, query.window);
  }

  @Get('top')
  @ApiOperation({ summary: 'Pairs by quote volume over a window, largest first' })
  @ApiOkResponse({ type: [TopPairDto] })
  top(@Query() query: TopPairsQuery): Promise<TopPairDto[]> {
    return this.markets.topPairs(query.window, query.limit);
  }

  @Get('candles')
  @ApiOperation({
    summary: 'Candles of one pair in [from, to), built from the 1-minute statistics',
    description:
      'Served from the minutes this gateway replica has seen (up to 24 h); intervals without trades are left out. At most 1440 intervals per request.',
  })
  @ApiOkResponse({ type: [CandleDto] })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown pair' })
  candles(@Query() query: CandlesQuery): Promise<Candle[]> {
    return this.markets.candles(query.pair, query.interval, query.from, query.to);
  }
}
