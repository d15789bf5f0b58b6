/**
 * WebSocket fan-out of the gateway beside socket.io and a bare `ws` server, and REST requests per
 * second of the gateway's ticker beside a bare Nest route, in one run on loopback. Each server runs
 * in its own process; CLIENT_PROCESSES processes hold CLIENTS connections to every server. Rounds
 * alternate the servers; figures are medians of RUNS rounds. See README.md for what each figure is.
 *
 *   npm run bench:gateway      (CLIENTS=5000 RUNS=3 RATE=40 PHASE_MS=250 LATENCY_RATE=2 LATENCY_MS=2000)
 */
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import {
  ClientReply,
  median,
  MemoryFigures,
  SERVER_KINDS,
  ServerKind,
  ServerReply,
  request,
} from './bench-protocol';

const CLIENTS = Number(process.env.CLIENTS ?? 5000);
const RUNS = Number(process.env.RUNS ?? 3);
/**
 * Updates per second while measuring deliveries/s: more than any of the servers keeps up with, so
 * the rate is what the server, its clients and the kernel together deliver (PHASE_MS × RATE updates).
 */
const RATE = Number(process.env.RATE ?? 40);
/** Updates per second while measuring latency: a rate every server keeps up with. */
const LATENCY_RATE = Number(process.env.LATENCY_RATE ?? 2);
const PHASE_MS = Number(process.env.PHASE_MS ?? 250);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 2000);
const DRAIN_IDLE_MS = 1500;
const CLIENT_PROCESSES = Number(process.env.CLIENT_PROCESSES ?? 2);
const HTTP_CONCURRENCY = Number(process.env.HTTP_CONCURRENCY ?? 32);
const HTTP_MS = Number(process.env.HTTP_MS ?? 2000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const execArgv = ['--expose-gc', '-r', join(__dirname, '..', '..', 'tools', 'register-ts.js')];

const spawnChild = (file: string, args: string[] = []): ChildProcess =>
  fork(join(__dirname, file), args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

interface Phase {
  deliveriesPerSecond: number;
  /** Server CPU time per delivery: what the server costs, whatever the clients cost. */
  serverMicrosPerDelivery: number;
  p50Ms: number;
  p99Ms: number;
}

/** Counts one server's deliveries in every client process while it publishes at `rate`. */
async function phase(
  server: ChildProcess,
  clients: ChildProcess[],
  kind: ServerKind,
  rate: number,
  durationMs: number,
  id: number,
): Promise<Phase> {
  await Promise.all(clients.map((c) => request(c, { cmd: 'measure', kind }, () => true)));
  const cpuBefore = await cpuOf(server);
  const produced = await request<ServerReply>(
    server,
    { cmd: 'produce', id, rate, durationMs },
    (r) => r.type === 'produced' && r.id === id,
  );
  if (produced.type !== 'produced') throw new Error(`${kind}: not produced`);
  const expected = produced.sent * CLIENTS;
  await drained(clients, expected);
  const cpuUsed = (await cpuOf(server)) - cpuBefore;
  const results = await Promise.all(
    clients.map((c) =>
      request<ClientReply>(c, { cmd: 'collect', kind }, (r) => r.type === 'collected'),
    ),
  );
  type Collected = Extract<ClientReply, { type: 'collected' }>;
  const collected = results.filter((r): r is Collected => r.type === 'collected' && r.received > 0);
  if (collected.length === 0) throw new Error(`${kind}: no deliveries`);
  const received = collected.reduce((sum, r) => sum + r.received, 0);
  const spanUs =
    Math.max(...collected.map((r) => r.last)) - Math.min(...collected.map((r) => r.first));
  // Each process sent evenly spaced order statistics of its latencies: weight them by its count.
  const weighted = collected
    .flatMap((r) =>
      r.latenciesUs.map((us): [number, number] => [us, r.received / r.latenciesUs.length]),
    )
    .sort((a, b) => a[0] - b[0]);
  const quantile = (q: number) => {
    let seen = 0;
    for (const [us, weight] of weighted) if ((seen += weight) >= q * received) return us / 1000;
    return weighted[weighted.length - 1][0] / 1000;
  };
  if (received < expected) {
    console.log(`  ${kind}: ${received} of ${expected} deliveries (conflated or still buffered)`);
  }
  return {
    deliveriesPerSecond: (received / spanUs) * 1e6,
    serverMicrosPerDelivery: cpuUsed / received,
    p50Ms: quantile(0.5),
    p99Ms: quantile(0.99),
  };
}

/**
 * Waits until every delivery arrived, or none arrived for DRAIN_IDLE_MS (the gateway conflates for
 * clients that fall behind): the next phase must not share the cores with this one's backlog.
 */
async function drained(clients: ChildProcess[], expected: number): Promise<void> {
  let last = -1;
  let since = performance.now();
  for (;;) {
    const counts = await Promise.all(
      clients.map((c) => request<ClientReply>(c, { cmd: 'peek' }, (r) => r.type === 'peeked')),
    );
    const received = counts.reduce((sum, r) => sum + (r.type === 'peeked' ? r.received : 0), 0);
    if (received >= expected) return;
    if (received !== last) [last, since] = [received, performance.now()];
    else if (performance.now() - since > DRAIN_IDLE_MS) return;
    await sleep(100);
  }
}

async function httpRate(clients: ChildProcess[], url: string): Promise<number> {
  const concurrency = Math.ceil(HTTP_CONCURRENCY / clients.length);
  const results = await Promise.all(
    clients.map((c) =>
      request<ClientReply>(
        c,
        { cmd: 'http', url, concurrency, durationMs: HTTP_MS },
        (r) => r.type === 'http',
      ),
    ),
  );
  let requests = 0;
  let elapsed = 0;
  for (const r of results) {
    if (r.type !== 'http') continue;
    if (r.errors > 0) throw new Error(`${url}: ${r.errors} requests failed`);
    requests += r.requests;
    elapsed = Math.max(elapsed, r.elapsedMs);
  }
  return (requests / elapsed) * 1000;
}

const cpuOf = async (server: ChildProcess): Promise<number> => {
  const r = await request<ServerReply>(server, { cmd: 'cpu' }, (m) => m.type === 'cpu');
  return r.type === 'cpu' ? r.micros : NaN;
};

const memoryOf = async (server: ChildProcess): Promise<MemoryFigures> => {
  const r = await request<ServerReply>(server, { cmd: 'memory' }, (m) => m.type === 'memory');
  if (r.type !== 'memory') throw new Error('memory');
  return r.memory;
};

async function main(): Promise<void> {
  const servers = new Map<ServerKind, ChildProcess>();
  const ports = new Map<ServerKind, number>();
  const clients = Array.from({ length: CLIENT_PROCESSES }, () => spawnChild('client-process.ts'));
  try {
    for (const kind of SERVER_KINDS) {
      const server = spawnChild('server-process.ts', [kind]);
      servers.set(kind, server);
      const ready = await request<ServerReply>(server, null, (r) => r.type === 'listening');
      if (ready.type === 'listening') ports.set(kind, ready.port);
    }
    const idle = new Map<ServerKind, [MemoryFigures, MemoryFigures]>();
    for (const kind of SERVER_KINDS) {
      const server = servers.get(kind)!;
      const before = await memoryOf(server);
      const share = CLIENTS / clients.length;
      const started = performance.now();
      await Promise.all(
        clients.map((c) =>
          request<ClientReply>(
            c,
            { cmd: 'connect', kind, port: ports.get(kind), count: share },
            (r) => r.type === 'connected' && r.kind === kind,
          ),
        ),
      );
      console.log(
        `${kind}: ${CLIENTS} clients connected and subscribed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      await sleep(500);
      idle.set(kind, [before, await memoryOf(server)]);
    }

    const results = new Map<ServerKind, Phase[]>(SERVER_KINDS.map((k) => [k, []]));
    let id = 0;
    for (let run = 1; run <= RUNS; run++) {
      for (const kind of SERVER_KINDS) {
        const server = servers.get(kind)!;
        const latency = await phase(server, clients, kind, LATENCY_RATE, LATENCY_MS, ++id);
        const throughput = await phase(server, clients, kind, RATE, PHASE_MS, ++id);
        const merged = { ...throughput, p50Ms: latency.p50Ms, p99Ms: latency.p99Ms };
        merged.serverMicrosPerDelivery = throughput.serverMicrosPerDelivery;
        results.get(kind)!.push(merged);
        console.log(
          `run ${run} ${kind}: ${merged.deliveriesPerSecond.toFixed(0)} deliveries/s at ${RATE} updates/s ` +
            `(p50 ${throughput.p50Ms.toFixed(1)} ms, p99 ${throughput.p99Ms.toFixed(1)} ms, ` +
            `server ${throughput.serverMicrosPerDelivery.toFixed(2)} µs CPU/delivery); ` +
            `at ${LATENCY_RATE} updates/s p50 ${latency.p50Ms.toFixed(2)} ms p99 ${latency.p99Ms.toFixed(2)} ms`,
        );
      }
    }

    const gatewayPort = ports.get('gateway')!;
    const rest = { ticker: [] as number[], bare: [] as number[] };
    for (let run = 1; run <= RUNS; run++) {
      rest.ticker.push(
        await httpRate(clients, `http://127.0.0.1:${gatewayPort}/v1/ticker/BTCUSDT`),
      );
      rest.bare.push(await httpRate(clients, `http://127.0.0.1:${gatewayPort}/bare/ticker`));
      console.log(
        `run ${run} rest: ticker ${rest.ticker[run - 1].toFixed(0)} req/s, bare ${rest.bare[run - 1].toFixed(0)} req/s`,
      );
    }

    console.log(
      `\n${CLIENTS} clients on 1 channel; deliveries/s at ${RATE} updates/s offered, ` +
        `latency at ${LATENCY_RATE} updates/s; medians of ${RUNS} runs`,
    );
    const med = new Map<ServerKind, Phase>();
    for (const kind of SERVER_KINDS) {
      const runs = results.get(kind)!;
      const m = {
        deliveriesPerSecond: median(runs.map((r) => r.deliveriesPerSecond)),
        p50Ms: median(runs.map((r) => r.p50Ms)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        serverMicrosPerDelivery: median(runs.map((r) => r.serverMicrosPerDelivery)),
      };
      med.set(kind, m);
      console.log(
        `${kind}: ${m.deliveriesPerSecond.toFixed(0)} deliveries/s p50 ${m.p50Ms.toFixed(2)} ms p99 ${m.p99Ms.toFixed(2)} ms`,
      );
    }
    // Ratios are medians of each round's ratio: the load of this shared machine drifts between rounds.
    const paired = (peer: ServerKind, of: (p: Phase) => number) =>
      median(results.get('gateway')!.map((g, i) => of(g) / of(results.get(peer)![i])));
    const rate = (p: Phase) => p.deliveriesPerSecond;
    console.log(`ratio gateway/socket.io: ${paired('socketio', rate).toFixed(2)}`);
    console.log(`ratio gateway/ws: ${paired('ws', rate).toFixed(2)}`);
    // The same comparison with the clients' share of the two cores taken out.
    const cost = (kind: ServerKind) => med.get(kind)!.serverMicrosPerDelivery;
    for (const kind of SERVER_KINDS) {
      console.log(
        `${kind}-server-only: ${(1e6 / cost(kind)).toFixed(0)} deliveries/s per core ` +
          `(${cost(kind).toFixed(2)} µs server CPU per delivery)`,
      );
    }
    const capacity = (p: Phase) => 1 / p.serverMicrosPerDelivery;
    console.log(`ratio gateway/socket.io server-only: ${paired('socketio', capacity).toFixed(2)}`);
    console.log(`ratio gateway/ws server-only: ${paired('ws', capacity).toFixed(2)}`);
    for (const kind of SERVER_KINDS) {
      const [before, after] = idle.get(kind)!;
      const label = kind === 'gateway' ? 'memory gateway' : `memory ${kind}`;
      console.log(
        `${label}: ${((after.rss - before.rss) / CLIENTS / 1024).toFixed(1)} KB per idle connection ` +
          `(heap ${((after.heapUsed - before.heapUsed) / CLIENTS / 1024).toFixed(1)} KB)`,
      );
    }
    const ticker = median(rest.ticker);
    const bare = median(rest.bare);
    console.log(`rest gateway-ticker: ${ticker.toFixed(0)} req/s`);
    console.log(`rest bare-nest-fastify: ${bare.toFixed(0)} req/s`);
    const restRatio = median(rest.ticker.map((t, i) => t / rest.bare[i]));
    console.log(`ratio rest ticker/bare: ${restRatio.toFixed(2)}`);
  } finally {
    for (const child of [...servers.values(), ...clients]) child.kill('SIGKILL');
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
