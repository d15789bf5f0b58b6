import { consumerOffsets } from './001_consumer_offsets';
import { aggregatorStats } from './002_aggregator_stats';
import { aggregatorDayWindows } from './003_aggregator_day_windows';
import { aggregatorRetention } from './004_aggregator_retention';
import { aggregatorDayFirstMinute } from './005_aggregator_day_first_minute';
import { aggregatorTradeMarks } from './006_aggregator_trade_marks';
import { Migration } from './migration';

/**
 * Every migration, oldest first. Kept as TypeScript, not .sql files, so `tsc` ships them in `dist`
 * with no copy step and the code that runs is the code that was reviewed; a spec checks that each
 * file here is listed with the version and name in its file name.
 */
export const MIGRATIONS: readonly Migration[] = [
  consumerOffsets,
  aggregatorStats,
  aggregatorDayWindows,
  aggregatorRetention,
  aggregatorDayFirstMinute,
  aggregatorTradeMarks,
];
