/**
 * Test harness for kafka-test-broker (a librdkafka mock cluster in a child
 * process). See README.md for the protocol and the mock's quirks.
 *
 *   const broker = await startTestBroker({ brokers: 1, topics: { orders: 3 } });
 *   const kafka = new Kafka({ brokers: broker.brokers });
 *   ...
 *   await broker.down(1); // clients now get ECONNREFUSED from broker 1
 *   await broker.up(1);
 *   await broker.stop();
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';

export interface TestBrokerOptions {
  /** Number of brokers, ids 1..N. Default 1. */
  brokers?: number;
  /** Topics to pre-create, name -> partition count. */
  topics?: Record<string, number>;
}

export interface TestBroker {
  /** Comma-separated host:port list, as printed by the broker. */
  readonly bootstrap: string;
  /** The same list split for `new Kafka({ brokers })`; index i is broker id i+1. */
  readonly brokers: string[];
  /** Close broker `id`'s connections and stop it accepting new ones. */
  down(id: number): Promise<void>;
  /** Let broker `id` accept connections again (same port). */
  up(id: number): Promise<void>;
  /** Delay every response from broker `id` by `ms` milliseconds (0 resets). */
  setRtt(id: number, ms: number): Promise<void>;
  /** Create a topic; the mock does not implement CreateTopics for clients. */
  createTopic(name: string, partitions: number): Promise<void>;
  /** Shut the broker down; idempotent and never rejects. */
  stop(): Promise<void>;
  readonly pid: number;
}

const BROKER_DIR = __dirname;
const BUILD_SCRIPT = path.join(BROKER_DIR, 'build.sh');
const BINARY = path.join(BROKER_DIR, 'build', 'kafka-test-broker');

const STARTUP_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 10_000;
// Destroying the mock cluster can take ~1 s in librdkafka 2.0.2.
const STOP_GRACE_MS = 3_000;
const STDERR_LIMIT = 64 * 1024;

// Kafka's own topic-name rule; it also keeps names safe for the
// whitespace-separated command protocol.
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * Builds the broker binary if the C source changed (no-op otherwise).
 * Throws with build.sh's stderr on failure, e.g. when librdkafka-dev is
 * missing.
 */
export function buildTestBroker(): void {
  try {
    execFileSync('bash', [BUILD_SCRIPT], {
      cwd: BROKER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (err: unknown) {
    const stderr = readStringProp(err, 'stderr').trim();
    const status =
      err !== null && typeof err === 'object' && 'status' in err ? String(err.status) : '?';
    throw new Error(
      `kafka-test-broker build failed (build.sh exit ${status})` +
        (stderr ? `:\n${stderr}` : err instanceof Error ? `: ${err.message}` : ''),
    );
  }
}

/**
 * Builds (if needed) and starts a mock Kafka cluster, resolving once it is
 * accepting connections.
 */
export async function startTestBroker(options: TestBrokerOptions = {}): Promise<TestBroker> {
  const brokerCount = options.brokers ?? 1;
  if (!Number.isInteger(brokerCount) || brokerCount < 1 || brokerCount > 64) {
    throw new Error(`brokers must be an integer 1..64, got ${brokerCount}`);
  }
  const topicArgs = Object.entries(options.topics ?? {}).map(([name, partitions]) => {
    assertTopic(name, partitions);
    return `${name}:${partitions}`;
  });

  buildTestBroker();

  const child = spawn(BINARY, ['--brokers', String(brokerCount), ...topicArgs], {
    cwd: BROKER_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const handle = new ChildBroker(child);
  try {
    await handle.ready();
  } catch (err: unknown) {
    await handle.kill();
    throw err;
  }
  return handle;
}

type LineWaiter = {
  /** What we were waiting for, for the error if the process dies first. */
  purpose: string;
  resolve: (line: string) => void;
  reject: (err: Error) => void;
};

class ChildBroker implements TestBroker {
  bootstrap = '';
  brokers: string[] = [];

  private stdoutBuf = '';
  private stderrBuf = '';
  private waiter: LineWaiter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private deadReason: string | undefined;
  private readonly exited: Promise<void>;
  private stopping: Promise<void> | undefined;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: string) => {
      this.stderrBuf = (this.stderrBuf + chunk).slice(-STDERR_LIMIT);
    });
    // Writes after the child died fail with EPIPE; the 'close' handler already
    // reports that, so don't let it become an unhandled 'error' event.
    child.stdin.on('error', () => undefined);

    this.exited = new Promise<void>((resolve) => {
      child.on('error', (err) => {
        // Only a failed spawn (ENOENT, EACCES) means no 'close' will follow;
        // other errors (e.g. a failed kill) are just worth reporting.
        if (child.pid === undefined) {
          this.markDead(`failed to start ${BINARY}: ${err.message}`);
          resolve();
        } else {
          this.stderrBuf += `\n[test-broker.ts] ${err.message}`;
        }
      });
      // 'close' rather than 'exit': it fires only after stdout/stderr are fully
      // read, so a last reply or error message is never lost.
      child.once('close', (code, signal) => {
        this.markDead(signal ? `killed by ${signal}` : `exited with code ${code}`);
        resolve();
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async ready(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.error(`no BOOTSTRAP line within ${STARTUP_TIMEOUT_MS} ms`)),
        STARTUP_TIMEOUT_MS,
      );
    });
    try {
      const line = await Promise.race([this.nextLine('the BOOTSTRAP line'), timeout]);
      const match = /^BOOTSTRAP (\S+)$/.exec(line);
      if (!match) {
        throw this.error(`expected "BOOTSTRAP host:port,...", got ${JSON.stringify(line)}`);
      }
      this.bootstrap = match[1];
      this.brokers = this.bootstrap.split(',');
    } finally {
      clearTimeout(timer);
    }
  }

  async down(id: number): Promise<void> {
    return this.command(`down ${this.brokerId(id)}`);
  }

  async up(id: number): Promise<void> {
    return this.command(`up ${this.brokerId(id)}`);
  }

  async setRtt(id: number, ms: number): Promise<void> {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new Error(`rtt must be a non-negative integer (ms), got ${ms}`);
    }
    return this.command(`rtt ${this.brokerId(id)} ${ms}`);
  }

  async createTopic(name: string, partitions: number): Promise<void> {
    assertTopic(name, partitions);
    return this.command(`create ${name} ${partitions}`);
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /** Immediate SIGKILL, for a broker that never became ready. */
  async kill(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.deadReason === undefined) this.child.kill('SIGKILL');
      await this.exited;
      this.child.stdout.destroy();
      this.child.stderr.destroy();
    })();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    if (this.deadReason === undefined) {
      // "quit" is the polite request; closing stdin is the fallback the broker
      // also honours if a command is somehow still in flight.
      this.child.stdin.end('quit\n');
      let timer: NodeJS.Timeout | undefined;
      const graceExpired = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
      });
      const timedOut = await Promise.race([this.exited.then(() => false), graceExpired]);
      clearTimeout(timer);
      if (timedOut) this.child.kill('SIGKILL');
    }
    await this.exited;
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }

  private brokerId(id: number): number {
    if (!Number.isInteger(id) || id < 1 || id > this.brokers.length) {
      throw new Error(`broker id must be 1..${this.brokers.length}, got ${id}`);
    }
    return id;
  }

  /** Commands are strictly one-at-a-time so replies pair with requests. */
  private command(cmd: string): Promise<void> {
    const run = this.queue.then(() => this.exchange(cmd));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async exchange(cmd: string): Promise<void> {
    if (this.stopping) throw new Error(`kafka-test-broker: "${cmd}" after stop()`);
    if (this.deadReason !== undefined) throw this.error(`cannot send "${cmd}"`);

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // The reply may still arrive later and would then be paired with
        // the next command, so this broker can no longer be trusted.
        this.markDead(`no reply to "${cmd}" within ${COMMAND_TIMEOUT_MS} ms`);
        this.child.kill('SIGKILL');
        reject(this.error(`timed out waiting for reply to "${cmd}"`));
      }, COMMAND_TIMEOUT_MS);
    });
    try {
      const reply = this.nextLine(`a reply to "${cmd}"`);
      this.child.stdin.write(`${cmd}\n`);
      const line = await Promise.race([reply, timeout]);
      if (line === `OK ${cmd}`) return;
      if (line.startsWith('ERR ')) throw new Error(`kafka-test-broker: ${cmd}: ${line.slice(4)}`);
      throw this.error(`unexpected reply to "${cmd}": ${JSON.stringify(line)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private nextLine(purpose: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      if (this.deadReason !== undefined) {
        reject(this.error(`gone before ${purpose}`));
        return;
      }
      this.waiter = { purpose, resolve, reject };
      this.drainLines();
    });
  }

  private onStdout(chunk: string): void {
    this.stdoutBuf += chunk;
    this.drainLines();
  }

  private drainLines(): void {
    let nl: number;
    while (this.waiter && (nl = this.stdoutBuf.indexOf('\n')) !== -1) {
      const line = this.stdoutBuf.slice(0, nl);
      this.stdoutBuf = this.stdoutBuf.slice(nl + 1);
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(line);
    }
  }

  private markDead(info: string): void {
    this.deadReason ??= info;
    // Let any buffered reply through first; only then fail the waiter.
    this.drainLines();
    if (this.waiter) {
      const { purpose, reject } = this.waiter;
      this.waiter = undefined;
      reject(this.error(`gone before ${purpose}`));
    }
  }

  private error(message: string): Error {
    const parts = [`kafka-test-broker (pid ${this.pid}): ${message}`];
    if (this.deadReason !== undefined) parts.push(`process ${this.deadReason}`);
    const stderr = this.stderrBuf.trim();
    parts.push(stderr ? `stderr:\n${stderr}` : 'stderr: (empty)');
    return new Error(parts.join('; '));
  }
}

function assertTopic(name: string, partitions: number): void {
  if (!TOPIC_NAME.test(name)) {
    throw new Error(`invalid topic name ${JSON.stringify(name)} (allowed: [A-Za-z0-9._-]{1,249})`);
  }
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 100_000) {
    throw new Error(`partitions for topic ${name} must be a positive integer, got ${partitions}`);
  }
}

function readStringProp(value: unknown, key: string): string {
  if (value === null || typeof value !== 'object' || !(key in value)) return '';
  const prop: unknown = (value as Record<string, unknown>)[key];
  if (typeof prop === 'string') return prop;
  if (Buffer.isBuffer(prop)) return prop.toString('utf8');
  return '';
}
