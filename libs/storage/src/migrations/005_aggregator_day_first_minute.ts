import { Migration } from './migration';

/**
 * The first one-minute window of each UTC day, so the `all` span starts at a pair's first counted
 * minute even after retention has deleted that minute (the days outlive their minutes). The
 * aggregator sets it whenever it recomputes a day; this step fills it from the minutes still
 * stored, or with the day's start for a day whose minutes are already gone.
 */
export const aggregatorDayFirstMinute: Migration = {
  version: 5,
  name: 'aggregator_day_first_minute',
  sql: `
    alter table aggregator_day_windows add column first_minute bigint;
    update aggregator_day_windows d
       set first_minute = coalesce(
             (select min(w.minute_start) from aggregator_minute_windows w
               where w.pair = d.pair and w.minute_start >= d.day_start
                 and w.minute_start < d.day_start + 86400000),
             d.day_start);
    alter table aggregator_day_windows alter column first_minute set not null;
  `,
};
