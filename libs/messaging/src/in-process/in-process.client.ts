import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { OutgoingMessage } from '../publishing/outgoing-message';
import { InProcessBus } from './in-process-bus';

/** `ClientProxy` over the in-process bus: `emit(topic, message)` as with the Kafka client. */
export class InProcessClient extends ClientProxy {
  constructor(private readonly bus: InProcessBus) {
    super();
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
    await this.bus.publish(packet.pattern as string, packet.data);
    return undefined as T;
  }
}
