/**
 * One process of bench clients: holds its share of the connections to every server and, while the
 * parent measures one server, counts that server's update frames and their producer-to-client
 * latency. Frames of the WebSocket servers are read as bytes (no JSON.parse): the client side must
 * cost as little as possible, since it shares the machine's two cores with the server.
 */
import { Agent, get } from 'node:http';
import { io, Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { CHANNEL, ClientCommand, ClientReply, nowMicros, ServerKind } from './bench-protocol';

const UPDATE_PREFIX = Buffer.from('{"type":"update"');
const UPDATE_ID = Buffer.from('"updateId":');
const MAX_SAMPLES = 4_000_000;
const reply = (message: ClientReply) => process.send?.(message);

const latencies = new Float64Array(MAX_SAMPLES);
const state = { kind: null as ServerKind | null, received: 0, first: 0, last: 0, samples: 0 };
const sockets: { close(): void }[] = [];

function delivered(kind: ServerKind, producedAtUs: number): void {
  if (state.kind !== kind) return;
  const now = nowMicros();
  if (state.received === 0) state.first = now;
  state.last = now;
  state.received += 1;
  if (state.samples < MAX_SAMPLES) latencies[state.samples++] = now - producedAtUs;
}

/** `data.updateId` of an update frame, read from the bytes; -1 for acks and snapshots. */
function producedAtOf(bytes: Buffer): number {
  if (bytes.compare(UPDATE_PREFIX, 0, UPDATE_PREFIX.length, 0, UPDATE_PREFIX.length) !== 0)
    return -1;
  const at = bytes.indexOf(UPDATE_ID);
  if (at < 0) return -1;
  let value = 0;
  for (let i = at + UPDATE_ID.length; i < bytes.length; i++) {
    const digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return value;
}

function connectWs(kind: ServerKind, port: number, id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    sockets.push(socket);
    socket.once('error', reject);
    socket.once('open', () =>
      socket.send(JSON.stringify({ op: 'subscribe', channel: CHANNEL, id })),
    );
    socket.on('message', (data: Buffer) => {
      const producedAt = producedAtOf(data);
      if (producedAt >= 0) delivered(kind, producedAt);
      else if (data.includes('"ack"')) resolve();
    });
  });
}

function connectSocketIo(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = io(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push({ close: () => socket.close() });
    socket.once('connect_error', reject);
    socket.once('connect', () => socket.emit('subscribe', CHANNEL, () => resolve()));
    socket.on('update', (frame: { data: { updateId: number } }) =>
      delivered('socketio', frame.data.updateId),
    );
  });
}

async function connect(kind: ServerKind, port: number, count: number): Promise<void> {
  // In waves: a burst of thousands of SYNs overflows the listen backlog.
  for (let i = 0; i < count; i += 100) {
    const wave = Array.from({ length: Math.min(100, count - i) }, (_, j) =>
      kind === 'socketio' ? connectSocketIo(port) : connectWs(kind, port, i + j),
    );
    await Promise.all(wave);
  }
}

/** `SAMPLE_POINTS` evenly spaced order statistics: enough for p50/p99, small over IPC. */
function summary(): number[] {
  const sorted = latencies.subarray(0, state.samples).sort();
  const points = Math.min(2000, sorted.length);
  return Array.from({ length: points }, (_, k) => sorted[Math.floor((k * sorted.length) / points)]);
}

/** Keep-alive GET loops for a fixed time: requests answered 200, and the rest. */
async function httpLoad(
  url: string,
  concurrency: number,
  durationMs: number,
): Promise<ClientReply> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const end = performance.now() + durationMs;
  let requests = 0;
  let errors = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      get(url, { agent }, (response) => {
        if (response.statusCode === 200) requests += 1;
        else errors += 1;
        response.resume().once('end', resolve);
      }).once('error', () => ((errors += 1), resolve()));
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await once();
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { type: 'http', requests, errors, elapsedMs };
}

process.on('message', (command: ClientCommand) => {
  switch (command.cmd) {
    case 'connect':
      void connect(command.kind, command.port, command.count).then(
        () => reply({ type: 'connected', kind: command.kind, count: command.count }),
        (error: unknown) => {
          console.error(`connecting to ${command.kind}:`, error);
          process.exit(1);
        },
      );
      break;
    case 'measure':
      Object.assign(state, { kind: command.kind, received: 0, first: 0, last: 0, samples: 0 });
      reply({ type: 'measuring' });
      break;
    case 'peek':
      reply({ type: 'peeked', received: state.received });
      break;
    case 'collect': {
      const { received, first, last } = state;
      reply({ type: 'collected', received, first, last, latenciesUs: summary() });
      state.kind = null;
      break;
    }
    case 'http':
      void httpLoad(command.url, command.concurrency, command.durationMs).then(reply);
      break;
    case 'stop':
      for (const socket of sockets) socket.close();
      process.exit(0);
  }
});
