import { defineTopic } from '../topic-contract';
import { DeadLetterEvent } from './dead-letter.event';

export const DEAD_LETTER_TOPIC = defineTopic({
  name: 'ops.deadletter.v1',
  partitions: 1,
  valueClass: DeadLetterEvent,
  keyOf: (event) => event.topic,
  description: 'Messages that failed validation on consume, with the reason; key = source topic',
});
