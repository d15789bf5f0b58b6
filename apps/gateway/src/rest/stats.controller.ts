import { PairStats } from '@app/contracts';
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
  @ApiOperation({
    summary: 'Statistics of one pair (symbol or DEX pair) over 1m, 1h, 24h or all time',
    description:
      'all sums every trade or swap the aggregator counted for the pair, also those older than ' +
      'the one-minute windows it keeps (AGGREGATOR_MINUTE_RETENTION_DAYS).',
  })
  @ApiOkResponse({ type: PairStats })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown pair, or no trade in the window' })
  stats(@Query() query: StatsQuery): Promise<PairStats> {
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
      'Served from the minute windows the aggregator committed to Postgres, completed by the minutes this replica consumed since; intervals without trades are left out. At most 1440 intervals per request. vwap is quoteVolume / baseVolume of the candle truncated toward zero to 18 decimals; buyVolume and sellVolume split baseVolume by taker side.',
  })
  @ApiOkResponse({ type: [CandleDto] })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown pair' })
  candles(@Query() query: CandlesQuery): Promise<Candle[]> {
    return this.markets.candles(query.pair, query.interval, query.from, query.to);
  }
}
