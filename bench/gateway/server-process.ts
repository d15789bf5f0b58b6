/**
 * One server of the bench in its own process (`node --expose-gc`), driven by the parent over IPC:
 * reports its memory, and publishes updates at a fixed rate, each stamped with the wall clock (µs).
 */
import { MemoryFigures, nowMicros, ServerCommand, ServerKind, ServerReply } from './bench-protocol';
import { startGateway } from './gateway-server';
import { startBareWs, startSocketIo } from './peer-servers';

const kind = process.argv[2] as ServerKind;
const reply = (message: ServerReply) => process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function memory(): Promise<MemoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await sleep(50);
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** Publishes `rate` updates per second for `durationMs`; falls behind in bursts, never skips. */
function produce(
  publish: (seq: number, producedAtUs: number) => void,
  rate: number,
  durationMs: number,
  seq: { next: number },
): Promise<number> {
  const total = Math.round((rate * durationMs) / 1000);
  const start = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      while (sent < due) {
        publish(seq.next++, nowMicros());
        sent += 1;
      }
      if (sent >= total) resolve(sent);
      else setTimeout(tick, 1);
    };
    tick();
  });
}

async function main(): Promise<void> {
  const server =
    kind === 'gateway'
      ? await startGateway()
      : kind === 'socketio'
        ? await startSocketIo()
        : await startBareWs();
  const seq = { next: 1 };
  process.on('message', (command: ServerCommand) => {
    if (command.cmd === 'memory') {
      void memory().then((figures) => reply({ type: 'memory', memory: figures }));
    } else if (command.cmd === 'cpu') {
      const { user, system } = process.cpuUsage();
      reply({ type: 'cpu', micros: user + system });
    } else if (command.cmd === 'produce') {
      void produce(server.publish, command.rate, command.durationMs, seq).then((sent) =>
        reply({ type: 'produced', id: command.id, sent }),
      );
    } else {
      process.exit(0);
    }
  });
  reply({ type: 'listening', port: server.port });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
