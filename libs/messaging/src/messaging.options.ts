import { ClientProxy } from '@nestjs/microservices';
import { InProcessBus } from './in-process/in-process-bus';
import { KafkaSettings } from './kafka/kafka-settings';

/** Kafka in every real deployment; the in-process bus in the embedded, one-process mode. */
export type MessagingOptions =
  { transport: 'kafka'; kafka: KafkaSettings } | { transport: 'in-process'; bus: InProcessBus };

export const MESSAGING_CLIENT = Symbol('MESSAGING_CLIENT');

/** The part of `ClientProxy` the system uses: events only, no request-response. */
export type EventClient = Pick<ClientProxy, 'emit' | 'connect' | 'close'>;
