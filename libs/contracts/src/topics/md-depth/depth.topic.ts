import { defineTopic } from '../topic-contract';
import { DepthDiffEvent } from './depth-diff.event';

export const DEPTH_TOPIC = defineTopic({
  name: 'md.depth.v1',
  partitions: 12,
  valueClass: DepthDiffEvent,
  keyOf: (event) => event.symbol,
  description: 'Order book diffs per symbol from <symbol>@depth@100ms; key = symbol',
});
