/**
 * A real Apache Kafka cluster (KRaft) on loopback, for tests, benchmarks and development: one
 * combined broker/controller for ordinary tests, three for fault tests. Each node is a JVM started
 * from the jars tools/kafka/fetch.sh puts in .cache/kafka/<version>/libs; its storage is formatted
 * in a temporary directory that stop() removes. See README.md.
 *
 *   const cluster = await startKafkaCluster({ nodes: 3, topics: { 'md.trade.v1': 6 } });
 *   await cluster.kill(await cluster.leaderOf('md.trade.v1', 0)); // SIGKILL a partition leader
 *   await cluster.start(1); // the same node again, same ports and data
 *   await cluster.stop();
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import {
  brokerProperties,
  type ClusterLayout,
  propertiesText,
  type SaslUser,
  scramFormatArguments,
} from './broker-properties';

export interface KafkaClusterOptions {
  /** Combined broker/controller nodes, ids 1..N. Default 1. */
  nodes?: number;
  /** Topics to create once the cluster is up, name -> partitions (replication min(3, nodes)). */
  topics?: Record<string, number>;
  /** Properties added to (or overriding) every node's server.properties. */
  properties?: Record<string, string>;
  /** Further listeners (e.g. SASL_SSL), each with a port per node picked here. */
  listeners?: { name: string; protocol: string }[];
  /** SCRAM users written into the cluster's metadata when the storage is formatted. */
  scramUsers?: SaslUser[];
  /** Fixed client ports, one per node (default: free ports picked here). */
  clientPorts?: number[];
  /** JVM heap per node. Default 512m. */
  heap?: string;
}

export interface KafkaCluster {
  /** Comma-separated host:port of the PLAINTEXT listeners, node 1 first. */
  readonly bootstrap: string;
  /** The same, split; index i is node id i + 1. */
  readonly brokers: string[];
  /** Per extra listener name, its host:port per node. */
  readonly listenerAddresses: Record<string, string[]>;
  /** The Apache Kafka version the nodes run, as their jars report it (`kafka.Kafka --version`). */
  readonly version: string;
  readonly nodeIds: number[];
  /** SIGKILL a node and wait until it is gone. */
  kill(nodeId: number): Promise<void>;
  /** Stop a node gracefully (SIGTERM; SIGKILL after 30 s). */
  stopNode(nodeId: number): Promise<void>;
  /** Start a stopped or killed node again: same ports, same data. Resolves when it serves. */
  start(nodeId: number): Promise<void>;
  /** SIGSTOP: the node hangs with its sockets open, as a stuck machine does. */
  pause(nodeId: number): void;
  /** SIGCONT after pause(). */
  resume(nodeId: number): void;
  /** The node leading a partition now (from the metadata of a node that is up). */
  leaderOf(topic: string, partition: number): Promise<number>;
  /** Create topics (replication min(3, nodes)); existing ones are left as they are. */
  createTopics(topics: Record<string, number>): Promise<void>;
  /** The last lines a node wrote, for a failure message. */
  logTail(nodeId: number): string;
  /** Stop every node and remove the data; idempotent, never rejects. */
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, '..', '..');
const FETCH_SCRIPT = path.join(__dirname, 'fetch.sh');
const LOG_CONFIG = path.join(__dirname, 'log4j2.yaml');
const STARTED_LINE = 'Kafka Server started';
const execFileAsync = promisify(execFile);
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 30_000;

/** The version pinned in tools/kafka/pom.xml. */
export function pinnedKafkaVersion(): string {
  const pom = readFileSync(path.join(__dirname, 'pom.xml'), 'utf8');
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!match) throw new Error('tools/kafka/pom.xml has no <kafka.version>');
  return match[1];
}

/** Fetches the broker's jars unless they are cached; returns their directory. */
export function fetchKafka(): string {
  try {
    return execFileSync('bash', [FETCH_SCRIPT], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
    throw new Error(`tools/kafka/fetch.sh failed${stderr ? `:\n${stderr}` : ''}`);
  }
}

export async function startKafkaCluster(options: KafkaClusterOptions = {}): Promise<KafkaCluster> {
  const nodes = options.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9)
    throw new Error(`nodes must be an integer 1..9, got ${nodes}`);
  const libs = fetchKafka();
  const ports: ClusterLayout['ports'] = [];
  for (let i = 0; i < nodes; i++)
    ports.push({
      client: options.clientPorts?.[i] ?? (await freePort()),
      controller: await freePort(),
    });
  const listeners: NonNullable<ClusterLayout['listeners']> = [];
  for (const listener of options.listeners ?? []) {
    const listenerPorts: number[] = [];
    for (let i = 0; i < nodes; i++) listenerPorts.push(await freePort());
    listeners.push({ ...listener, ports: listenerPorts });
  }
  const cluster = new LocalKafkaCluster(
    libs,
    { ports, listeners, extra: options.properties },
    options.heap ?? '512m',
    scramFormatArguments(options.scramUsers ?? []),
  );
  try {
    await cluster.formatAndStart();
    if (options.topics) await cluster.createTopics(options.topics);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

class LocalKafkaCluster implements KafkaCluster {
  readonly bootstrap: string;
  readonly brokers: string[];
  readonly listenerAddresses: Record<string, string[]>;
  readonly nodeIds: number[];
  version = '';
  private readonly dataDir = mkdtempSync(path.join(tmpdir(), 'marketstream-kafka-'));
  private readonly processes = new Map<number, ChildProcess>();
  private readonly exits = new Map<number, Promise<void>>();
  private stopping: Promise<void> | undefined;
  private readonly killOnExit = (): void => {
    for (const child of this.processes.values()) child.kill('SIGKILL');
  };

  constructor(
    private readonly libs: string,
    private readonly layout: ClusterLayout,
    private readonly heap: string,
    /** Extra `kafka-storage format` arguments (`--add-scram …`). */
    private readonly formatArguments: string[] = [],
  ) {
    this.nodeIds = layout.ports.map((_, i) => i + 1);
    this.brokers = layout.ports.map((p) => `127.0.0.1:${p.client}`);
    this.bootstrap = this.brokers.join(',');
    this.listenerAddresses = Object.fromEntries(
      (layout.listeners ?? []).map((l) => [l.name, l.ports.map((port) => `127.0.0.1:${port}`)]),
    );
    // A test run that ends abruptly must not leave JVMs behind.
    process.once('exit', this.killOnExit);
  }

  async formatAndStart(): Promise<void> {
    // Any base64 UUID names the cluster; the nodes only need to agree on it.
    const clusterId = randomBytes(16).toString('base64url');
    const formatted = this.nodeIds.map((id) => {
      writeFileSync(
        this.configFile(id),
        propertiesText(brokerProperties(this.layout, id, this.logDir(id))),
      );
      return this.java([
        'kafka.tools.StorageTool',
        'format',
        `--cluster-id=${clusterId}`,
        '-c',
        this.configFile(id),
        ...this.formatArguments,
      ]);
    });
    // The version the jars report of themselves ("4.4.0"), which the test log shows.
    const version = this.java(['kafka.Kafka', '--version']);
    await Promise.all(formatted);
    this.version = (await version).trim().split(/\s+/)[0];
    await Promise.all(this.nodeIds.map((id) => this.start(id)));
    await this.waitForBrokers(this.nodeIds.length);
  }

  async start(nodeId: number): Promise<void> {
    this.assertNode(nodeId);
    if (this.processes.has(nodeId)) throw new Error(`kafka node ${nodeId} is already running`);
    const logFile = this.outputFile(nodeId);
    const out = openSync(logFile, 'a');
    const startOffset = safeRead(logFile).length;
    const child = spawn(
      'java',
      [
        `-Xms${this.heap}`,
        `-Xmx${this.heap}`,
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        `-Dlog4j2.configurationFile=${LOG_CONFIG}`,
        '-cp',
        path.join(this.libs, '*'),
        'kafka.Kafka',
        this.configFile(nodeId),
      ],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    this.processes.set(nodeId, child);
    this.exits.set(
      nodeId,
      new Promise((resolve) =>
        child.once('exit', () => {
          this.processes.delete(nodeId);
          resolve();
        }),
      ),
    );
    await this.waitForLine(nodeId, startOffset);
  }

  async kill(nodeId: number): Promise<void> {
    await this.signalAndWait(nodeId, 'SIGKILL', 0);
  }

  async stopNode(nodeId: number): Promise<void> {
    await this.signalAndWait(nodeId, 'SIGTERM', STOP_GRACE_MS);
  }

  pause(nodeId: number): void {
    this.running(nodeId).kill('SIGSTOP');
  }

  resume(nodeId: number): void {
    this.running(nodeId).kill('SIGCONT');
  }

  async leaderOf(topic: string, partition: number): Promise<number> {
    return withAdmin(this.brokers, async (admin) => {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      const found = metadata.topics[0]?.partitions.find((p) => p.partitionId === partition);
      if (!found || found.leader < 0) throw new Error(`${topic}/${partition} has no leader`);
      return found.leader;
    });
  }

  async createTopics(topics: Record<string, number>): Promise<void> {
    await createKafkaTopics(this.brokers, topics);
  }

  logTail(nodeId: number): string {
    return safeRead(this.outputFile(nodeId)).split('\n').slice(-40).join('\n');
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      // Paused nodes would ignore SIGTERM; a test broker's data is thrown away, so kill is fine.
      await Promise.all([...this.processes.keys()].map((id) => this.kill(id)));
      process.removeListener('exit', this.killOnExit);
      rmSync(this.dataDir, { recursive: true, force: true });
    })();
    return this.stopping;
  }

  private async signalAndWait(nodeId: number, signal: NodeJS.Signals, graceMs: number) {
    const child = this.processes.get(nodeId);
    if (!child) return;
    const exited = this.exits.get(nodeId)!;
    child.kill('SIGCONT'); // a paused JVM cannot act on SIGTERM
    child.kill(signal);
    if (graceMs > 0) {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    } else await exited;
  }

  private async waitForLine(nodeId: number, fromOffset: number): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const output = safeRead(this.outputFile(nodeId)).slice(fromOffset);
      if (output.includes(STARTED_LINE)) return;
      if (!this.processes.has(nodeId))
        throw new Error(`kafka node ${nodeId} exited while starting:\n${this.logTail(nodeId)}`);
      await sleep(100);
    }
    throw new Error(
      `kafka node ${nodeId} did not start in ${START_TIMEOUT_MS} ms:\n${this.logTail(nodeId)}`,
    );
  }

  /** Every node registered with the controller, so topics get their full replication. */
  private async waitForBrokers(count: number): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const seen = await withAdmin(
        this.brokers,
        async (admin) => (await admin.describeCluster()).brokers.length,
      ).catch(() => 0);
      if (seen >= count) return;
      if (Date.now() > deadline) throw new Error(`only ${seen} of ${count} kafka nodes registered`);
      await sleep(200);
    }
  }

  private async java(args: string[]): Promise<string> {
    const { stdout } = await execFileAsync('java', ['-cp', path.join(this.libs, '*'), ...args], {
      encoding: 'utf8',
    });
    return stdout;
  }

  private running(nodeId: number): ChildProcess {
    this.assertNode(nodeId);
    const child = this.processes.get(nodeId);
    if (!child) throw new Error(`kafka node ${nodeId} is not running`);
    return child;
  }

  private assertNode(nodeId: number): void {
    if (!this.nodeIds.includes(nodeId))
      throw new Error(`kafka node id must be 1..${this.nodeIds.length}, got ${nodeId}`);
  }

  private configFile(nodeId: number): string {
    return path.join(this.dataDir, `node-${nodeId}.properties`);
  }

  private logDir(nodeId: number): string {
    return path.join(this.dataDir, `node-${nodeId}`);
  }

  private outputFile(nodeId: number): string {
    return path.join(this.dataDir, `node-${nodeId}.out`);
  }
}

/**
 * Creates topics that do not exist yet (replication factor: the cluster's default) and waits until
 * every partition has a leader. For tests that need a topic of their own.
 */
export async function createKafkaTopics(
  brokers: string[],
  topics: Record<string, number>,
): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = Object.entries(topics).filter(([name]) => !existing.has(name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: false,
      timeout: 30_000,
      topics: missing.map(([topic, numPartitions]) => ({ topic, numPartitions })),
    });
  });
  // kafkajs's own wait for leaders gives up after 5 s, which a busy 2-core machine can exceed.
  const names = Object.keys(topics);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const led = await withAdmin(brokers, async (admin) => {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: names });
      return found.every((t) => t.partitions.every((p) => p.leader >= 0));
    }).catch(() => false);
    if (led) return;
    if (Date.now() > deadline) throw new Error(`topics without leaders: ${names.join(', ')}`);
    await sleep(200);
  }
}

async function withAdmin<T>(
  brokers: string[],
  work: (admin: ReturnType<Kafka['admin']>) => Promise<T>,
): Promise<T> {
  const admin = new Kafka({
    clientId: 'kafka-cluster-harness',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 200 },
  }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
