import { DEPTH_TOPIC } from '@app/contracts';
import { Consumer, ConsumerGroupJoinEvent } from 'kafkajs';

/**
 * How the service learns its partitions. Nest's ServerKafka hands us messages one by one and
 * hides the group's rebalances, so we listen on its kafkajs consumer for GROUP_JOIN, which carries
 * this member's whole new assignment: books of partitions no longer in it are released at once
 * (rather than lazily after a silence, which would keep publishing a stale book, and double up with
 * the replica that now owns the symbol, for as long as the timeout). Gaining a partition needs no
 * event: the first diff of each of its symbols creates the book and starts the snapshot.
 */
export function watchDepthAssignments(
  consumer: Pick<Consumer, 'on' | 'events'>,
  onAssignment: (partitions: number[]) => void,
): () => void {
  return consumer.on(consumer.events.GROUP_JOIN, (event: ConsumerGroupJoinEvent) => {
    onAssignment([...(event.payload.memberAssignment[DEPTH_TOPIC.name] ?? [])]);
  });
}
