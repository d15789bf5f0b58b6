import { Migration } from './migration';

/**
 * The retention horizon of the aggregator's exactly-once ledger: event time (ms) below which
 * ledger rows may have been pruned. The aggregator refuses events older than it (an id it no longer
 * remembers could otherwise count twice), and moves it forward only while holding this row's lock,
 * which every batch takes in share mode: a batch sees either the old horizon with the old rows or
 * the new horizon without them.
 */
export const aggregatorRetention: Migration = {
  version: 4,
  name: 'aggregator_retention',
  sql: `
    create table aggregator_retention (
      singleton      boolean primary key default true check (singleton),
      ledger_horizon bigint  not null
    );
    insert into aggregator_retention (ledger_horizon) values (0);
  `,
};
