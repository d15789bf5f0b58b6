import { defineTopic } from '../topic-contract';
import { StatsUpdateEvent } from './stats-update.event';

export const STATS_UPDATE_TOPIC = defineTopic({
  name: 'stats.update.v1',
  partitions: 6,
  valueClass: StatsUpdateEvent,
  keyOf: (event) => event.pair,
  description: 'Committed per-pair statistics per window; key = pair',
});
