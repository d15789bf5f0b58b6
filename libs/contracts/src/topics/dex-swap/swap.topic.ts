import { defineTopic } from '../topic-contract';
import { SwapEvent } from './swap.event';

export const SWAP_TOPIC = defineTopic({
  name: 'dex.swap.v1',
  partitions: 6,
  valueClass: SwapEvent,
  keyOf: (event) => event.pool,
  description: 'DEX swap logs with their chain status; key = pool address',
});
