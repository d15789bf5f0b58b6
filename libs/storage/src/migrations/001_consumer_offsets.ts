import { Migration } from './migration';

/**
 * Where a consumer group resumes, per partition. The aggregator writes it in the same transaction
 * as the aggregates it computed from those messages, so after a crash the stored offset and the
 * stored aggregates always agree: nothing is counted twice and nothing is skipped.
 */
export const consumerOffsets: Migration = {
  version: 1,
  name: 'consumer_offsets',
  sql: `
    create table consumer_offsets (
      group_id    text        not null,
      topic       text        not null,
      partition   int         not null,
      next_offset bigint      not null,
      updated_at  timestamptz not null default now(),
      primary key (group_id, topic, partition)
    );
  `,
};
