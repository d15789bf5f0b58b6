import { PeriodicTask } from '@app/platform';
import { Inject, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { apiKeyAccepted, originAllowed, presentedApiKey } from '../access/access-control';
import { ChannelHub } from '../fanout/channel-hub';
import { MarketCacheReader } from '../market-data/market-cache.reader';
import { ClientSession, POLICY_VIOLATION } from './client-session';
import { GATEWAY_OPTIONS, GatewayOptions } from './gateway.options';
import { CorkedWebSocket } from './corked-web-socket';
import { CorkedWrites } from './corked-writes';
import { SocketSink } from './socket-sink';
import { wsCloses, wsConnections, wsProtocolErrors, wsSubscriptions } from './ws-metrics';

/** Frames above this size are refused by `ws` itself (close code 1009). */
export const WS_MAX_PAYLOAD_BYTES = 16 * 1024;

interface Connection {
  session: ClientSession;
  sink: SocketSink;
  alive: boolean;
  subscriptions: number;
}

/**
 * `/ws`: each connection gets a `ClientSession` that speaks the JSON protocol (see
 * `@app/contracts` ws-protocol) and a `SocketSink` that applies the slow-client policy. Messages
 * are handled here rather than through `@SubscribeMessage` because the protocol's `op`/`id` shape
 * and its error frames are not Nest's `{event, data}`.
 */
@WebSocketGateway({ path: '/ws', maxPayload: WS_MAX_PAYLOAD_BYTES })
export class MarketDataGateway
  implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy
{
  private readonly logger = new Logger(MarketDataGateway.name);
  private readonly connections = new Map<WebSocket, Connection>();
  private heartbeat: PeriodicTask | null = null;
  /** One batch for all connections: a turn's writes leave in one system call per client. */
  private readonly writes = new CorkedWrites();

  constructor(
    private readonly hub: ChannelHub,
    private readonly cache: MarketCacheReader,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  onModuleInit(): void {
    // A client that did not answer the previous ping is gone (cable pulled, laptop asleep).
    this.heartbeat = new PeriodicTask(() => this.beat(), this.options.heartbeatMs ?? 30_000);
    this.heartbeat.start();
  }

  handleConnection(socket: WebSocket, request?: IncomingMessage): void {
    const headers = request?.headers ?? {};
    if (!originAllowed(this.options.allowedOrigins ?? [], headers.origin)) {
      wsCloses.inc({ reason: 'origin not allowed' });
      socket.close(POLICY_VIOLATION, 'origin not allowed');
      return;
    }
    if (!apiKeyAccepted(this.options.apiKeys ?? [], presentedApiKey(headers, request?.url))) {
      wsCloses.inc({ reason: 'unauthorized' });
      socket.close(POLICY_VIOLATION, 'unauthorized: missing or invalid API key');
      return;
    }
    const sink = new SocketSink(new CorkedWebSocket(socket, this.writes), {
      conflateAboveBytes: this.options.conflateAboveBytes ?? 512 * 1024,
      closeAfterBehindMs: this.options.closeSlowClientAfterMs ?? 5000,
      flushEveryMs: 25,
    });
    const session = new ClientSession(
      this.hub,
      sink,
      {
        maxSubscriptions: this.options.maxSubscriptions,
        maxMessagesPerWindow: this.options.maxMessagesPerWindow,
        maxRefusedFrames: this.options.maxRefusedFrames,
      },
      Date.now,
      (channel) => this.cache.snapshot(channel),
    );
    const connection: Connection = { session, sink, alive: true, subscriptions: 0 };
    this.connections.set(socket, connection);
    wsConnections.inc();
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        session.refuseBinary();
        wsProtocolErrors.inc();
      } else if (!session.handle(data.toString('utf8'))) {
        wsProtocolErrors.inc();
      }
      this.countSubscriptions(connection);
    });
  }

  handleDisconnect(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    connection.session.close();
    this.countSubscriptions(connection);
    this.connections.delete(socket);
    wsConnections.dec();
  }

  /** Going away (1001) tells clients to reconnect, to another replica behind the load balancer. */
  async onModuleDestroy(): Promise<void> {
    await this.heartbeat?.stop();
    this.logger.log(`closing ${this.connections.size} WebSocket clients`);
    for (const connection of this.connections.values()) {
      connection.sink.close(1001, 'server shutting down');
    }
  }

  private beat(): void {
    for (const [socket, connection] of this.connections) {
      if (!connection.alive) {
        wsCloses.inc({ reason: 'heartbeat timeout' });
        socket.terminate();
        continue;
      }
      connection.alive = false;
      socket.ping();
    }
  }

  private countSubscriptions(connection: Connection): void {
    const now = connection.session.subscriptions.size;
    wsSubscriptions.inc(now - connection.subscriptions);
    connection.subscriptions = now;
  }
}
