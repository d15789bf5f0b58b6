import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import { WebSocket } from 'ws';
import { ChannelHub } from '../fanout/channel-hub';
import { ClientSession } from './client-session';
import { GATEWAY_OPTIONS, GatewayOptions } from './gateway.options';
import { wsConnections, wsProtocolErrors } from './ws-metrics';

/** Frames above this size are refused by `ws` itself (close code 1009). */
export const WS_MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * `/ws`: each connection gets a `ClientSession` that speaks the JSON protocol (see
 * `@app/contracts` ws-protocol). Messages are handled here rather than through `@SubscribeMessage`
 * because the protocol's `op`/`id` shape and its error frames are not Nest's `{event, data}`.
 */
@WebSocketGateway({ path: '/ws', maxPayload: WS_MAX_PAYLOAD_BYTES })
export class MarketDataGateway
  implements OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(MarketDataGateway.name);
  private readonly sessions = new Map<WebSocket, ClientSession>();

  constructor(
    private readonly hub: ChannelHub,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  handleConnection(socket: WebSocket): void {
    const session = new ClientSession(this.hub, socket, {
      maxSubscriptions: this.options.maxSubscriptions,
    });
    this.sessions.set(socket, session);
    wsConnections.inc();
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary || !session.handle(data.toString('utf8'))) wsProtocolErrors.inc();
    });
  }

  handleDisconnect(socket: WebSocket): void {
    const session = this.sessions.get(socket);
    if (!session) return;
    session.close();
    this.sessions.delete(socket);
    wsConnections.dec();
  }

  /** Going away (1001) tells clients to reconnect, to another replica behind the load balancer. */
  onModuleDestroy(): void {
    this.logger.log(`closing ${this.sessions.size} WebSocket clients`);
    for (const socket of this.sessions.keys()) socket.close(1001, 'server shutting down');
  }
}
