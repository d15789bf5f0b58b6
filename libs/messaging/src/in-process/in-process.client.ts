import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import type { BackPressureListener } from '../kafka/back-pressure';
import type { EventClient } from '../messaging.options';
import { OutgoingMessage } from '../publishing/outgoing-message';
import { InProcessBus } from './in-process-bus';

/**
 * `ClientProxy` over the in-process bus: `emit(topic, message)` as with the Kafka client. Each
 * message is handed to the bus at once: nothing is batched, nothing waits for a remote broker, so
 * sources are never asked to pause.
 */
export class InProcessClient extends ClientProxy implements EventClient {
  readonly backlog = null;

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  publishEncoded(topic: string, message: OutgoingMessage): Promise<void> {
    return this.bus.publish(topic, message);
  }

  onBackPressure(_listener: BackPressureListener): () => void {
    return () => undefined;
  }

  async connect(): Promise<void> {}

  async close(): Promise<void> {
    await this.bus.drain();
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  protected publish(_packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    // Request-response is not part of this system's messaging; only events travel.
    callback({ err: new Error('request-response is not supported by the in-process transport') });
    return () => undefined;
  }

  protected async dispatchEvent<T>(packet: ReadPacket<OutgoingMessage>): Promise<T> {
    await this.publishEncoded(packet.pattern as string, packet.data);
    return undefined as T;
  }
}
