import { defineTopic } from '../topic-contract';
import { DeadLetterEvent } from './dead-letter.event';

/**
 * The message key of a dead letter: `<topic>/<partition>@<offset>` of the refused message, so a
 * letter stored again after a redelivery (a batch consumer stores its letters before the batch's
 * transaction, at least once) carries the same key, and a reader dedupes on key and `consumer`.
 * Just the source topic when the transport has no offsets (in-process: nothing is redelivered).
 */
export function deadLetterKey(
  letter: Pick<DeadLetterEvent, 'topic' | 'partition' | 'offset'>,
): string {
  if (letter.partition === null || letter.offset === null) return letter.topic;
  return `${letter.topic}/${letter.partition}@${letter.offset}`;
}

export const DEAD_LETTER_TOPIC = defineTopic({
  name: 'ops.deadletter.v1',
  partitions: 1,
  valueClass: DeadLetterEvent,
  keyOf: deadLetterKey,
  description:
    'Messages that failed validation on consume, with the reason; key = <source topic>/<partition>@<offset> (redeliveries share it)',
});
