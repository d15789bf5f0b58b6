import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { httpsGet } from './tls-client';

const ROOT = join(__dirname, '..', '..');

/** A free TCP port on loopback, chosen by the OS. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A built app (`dist/apps/<name>/src/main.js`) running as its own process, as in production.
 * Output is kept so a failing test can show what the app said.
 */
export class AppProcess {
  private static readonly running = new Set<AppProcess>();
  private output = '';
  private exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
    AppProcess.running.add(this);
    void this.exited.then(() => AppProcess.running.delete(this));
  }

  /** For afterAll: a failed test must not leave its apps running (and jest waiting on them). */
  static async stopAll(): Promise<void> {
    await Promise.all([...AppProcess.running].map((app) => app.stop('SIGKILL')));
  }

  static start(app: string, env: Record<string, string>): AppProcess {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AppProcess(app, child);
  }

  get logs(): string {
    return this.output;
  }

  /** True until the process exits (a test that expects no restart checks it). */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Resolves with the output line matching `pattern`, or rejects after `timeoutMs`. */
  async waitForOutput(pattern: RegExp, timeoutMs = 45_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.child.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(
      `${this.name} did not print ${pattern} in ${timeoutMs} ms; output:\n${this.output}`,
    );
  }

  /** Sends a signal and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  waitForExit(): Promise<number | null> {
    return this.exited;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `url` until it answers `status`; rejects with the last answer after `timeoutMs`. With
 * `ca` (a PEM), over HTTPS trusting only that CA.
 */
export async function waitForStatus(
  url: string,
  status: number,
  timeoutMs = 45_000,
  ca?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  const get = async () => {
    if (ca !== undefined) return httpsGet(url, ca);
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: response.status, body: await response.text() };
  };
  while (Date.now() < deadline) {
    try {
      const response = await get();
      last = `${response.status} ${response.body}`;
      if (response.status === status) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms; last: ${last}`);
}
