import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { STATS_WINDOWS, StatsUpdateEvent } from './stats-update.event';

/**
 * The spans a pair's statistics are served over: the windows of `stats.update.v1`, plus `all`,
 * every window the aggregator counted for the pair (all-time, summed from its UTC days, which
 * outlive the one-minute windows). `all` is served from the cache (`stats:<PAIR>:all`,
 * `stats:top:all`), not published: the topic's consumers know the three windows only.
 */
export const STATS_SPANS = [...STATS_WINDOWS, 'all'] as const;
export type StatsSpan = (typeof STATS_SPANS)[number];

/**
 * The spans pairs are ranked over (`GET /v1/top`, `stats:top:<SPAN>`): a calendar minute is not a
 * span one ranks on, since each pair's latest minute is a different minute.
 */
export const TOP_SPANS = ['1h', '24h', 'all'] as const satisfies readonly StatsSpan[];
export type TopSpan = (typeof TOP_SPANS)[number];

/** A pair's figures over one span, as the aggregator caches them and `GET /v1/stats` answers. */
export class PairStats extends OmitType(StatsUpdateEvent, ['window'] as const) {
  @ApiProperty({
    enum: STATS_SPANS,
    description:
      '1m: the calendar minute; 1h and 24h: rolling, ending where the latest minute ends; all: ' +
      'from the first counted minute of the pair to the end of its latest',
  })
  @IsIn(STATS_SPANS)
  window!: StatsSpan;
}
