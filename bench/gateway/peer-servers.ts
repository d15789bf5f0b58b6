/** The peers: socket.io broadcasting to a room, and bare `ws` writing pre-serialized bytes. */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocket, WebSocketServer } from 'ws';
import { CHANNEL, tickerFrame } from './bench-protocol';

export interface PeerBench {
  port: number;
  publish: (seq: number, producedAtUs: number) => void;
}

export async function startSocketIo(): Promise<PeerBench> {
  const http = createServer();
  // WebSocket only, no long-polling upgrade dance: socket.io at its fastest.
  const io = new SocketIoServer(http, { transports: ['websocket'], serveClient: false });
  io.on('connection', (socket) => {
    socket.on('subscribe', (channel: string, ack?: () => void) => {
      void socket.join(channel);
      ack?.();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    // socket.io encodes a broadcast packet once and writes it to every socket in the room.
    publish: (seq, producedAtUs) =>
      void io.to(CHANNEL).emit('update', tickerFrame(seq, producedAtUs)),
  };
}

export async function startBareWs(): Promise<PeerBench> {
  const subscribers = new Set<WebSocket>();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as {
        op: string;
        channel: string;
        id: number;
      };
      if (frame.op !== 'subscribe') return;
      subscribers.add(socket);
      socket.send(
        JSON.stringify({ type: 'ack', op: 'subscribe', channel: frame.channel, id: frame.id }),
      );
    });
    socket.on('close', () => subscribers.delete(socket));
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  return {
    port: (wss.address() as AddressInfo).port,
    publish: (seq, producedAtUs) => {
      const bytes = Buffer.from(JSON.stringify(tickerFrame(seq, producedAtUs)));
      for (const socket of subscribers) socket.send(bytes, { binary: false });
    },
  };
}
