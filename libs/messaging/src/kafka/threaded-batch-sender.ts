import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packBatch, TopicMessage } from './packed-batch';
import { FromSendThread, SendThreadConfig, ToSendThread } from './send-thread.protocol';

/** Sends one batch to Kafka; resolves once the broker acknowledged every message in it. */
export interface BatchSender {
  send(items: readonly TopicMessage[]): Promise<void>;
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Sends batches from a kafkajs producer on its own thread (`send-thread.worker.ts`): the calling
 * thread only packs each batch into one transferred buffer. The thread starts (and connects) when
 * the sender is made, so the first batch does not wait for it, and again on the next batch after
 * it died (its batch in flight fails, and the caller's retry resends it).
 */
export class ThreadedBatchSender implements BatchSender {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  constructor(
    private readonly config: SendThreadConfig,
    private readonly logger = new Logger('KafkaSendThread'),
    /** The thread's code: `send-thread.worker`; a test may substitute its own. */
    private readonly script: WorkerScript = workerScript('send-thread.worker'),
  ) {
    this.running();
  }

  send(items: readonly TopicMessage[]): Promise<void> {
    const worker = this.running();
    const batch = packBatch(items);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: ToSendThread = { kind: 'send', id, batch };
      worker.postMessage(message, [batch.bytes, batch.layout.buffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage({ kind: 'close' } satisfies ToSendThread);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const { filename, execArgv } = this.script;
    const worker = new Worker(filename, { execArgv, workerData: this.config });
    worker.on('message', (message: FromSendThread) => this.onMessage(message));
    worker.on('error', (error) => this.logger.error(`send thread failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      this.failPending(new Error(`Kafka send thread exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromSendThread): void {
    switch (message.kind) {
      case 'sent':
        this.settle(message.id)?.resolve();
        return;
      case 'failed':
        this.settle(message.id)?.reject(new Error(message.message));
        return;
      case 'log':
        this.log(message.level, message.message);
        return;
    }
  }

  private settle(id: number) {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry;
  }

  private failPending(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  /** kafkajs levels: 1 error, 2 warn, 4 info, 5 debug. */
  private log(level: number, message: string): void {
    if (level <= 1) this.logger.error(message);
    else if (level === 2) this.logger.warn(message);
    else if (level === 4) this.logger.log(message);
    else this.logger.debug(message);
  }
}

/** Where a worker thread's code is, and the Node options it needs to load it. */
export interface WorkerScript {
  filename: string;
  execArgv?: string[];
}

/**
 * A worker module beside this one. Built, it is JavaScript; run from source (jest, the benchmarks)
 * it is TypeScript, which a worker thread loads through the repository's transpile-only hook.
 */
function workerScript(name: string): WorkerScript {
  if (!__filename.endsWith('.ts')) return { filename: join(__dirname, `${name}.js`) };
  const hook = join(__dirname, '..', '..', '..', '..', 'tools', 'register-ts.js');
  return { filename: join(__dirname, `${name}.ts`), execArgv: ['-r', hook] };
}
