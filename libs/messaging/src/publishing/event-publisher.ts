import { TopicContract } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { EventClient, MESSAGING_CLIENT } from '../messaging.options';
import { BackPressureListener } from '../kafka/back-pressure';
import { encodeEventFast } from './compiled-contract-check';

/**
 * The one way apps publish: validates the value against its topic's contract (a violation throws,
 * as it is a bug in the caller), derives the key, and emits through whichever transport is wired.
 * Resolves when the transport has accepted the message (for Kafka: when its batch was acknowledged).
 */
@Injectable()
export class EventPublisher {
  constructor(@Inject(MESSAGING_CLIENT) private readonly client: EventClient) {}

  publish<T extends object>(topic: TopicContract<T>, value: T): Promise<void> {
    return this.client.publishEncoded(topic.name, encodeEventFast(topic, value));
  }

  /**
   * For sources that can pause reading (exchange connections): called with true while the
   * transport has a full batch waiting behind the one in flight, false when it may go on. The
   * in-process transport never asks to pause. Returns the unsubscribe function.
   */
  onBackPressure(listener: BackPressureListener): () => void {
    return this.client.onBackPressure(listener);
  }
}
