import { EventEmitter } from 'node:events';
import { Consumer } from 'kafkajs';

/**
 * The part of a kafkajs consumer that rejoining after a crash uses, for unit tests with fake
 * timers. `calls` records each call as `<ms>: <call>` on the (fake) clock. Like kafkajs, `run`
 * joins the group (a GROUP_JOIN event) or, when told to, crashes in the join: a CRASH event that
 * kafkajs does not restart, while `run` itself resolves.
 */
export class FakeKafkaConsumer {
  readonly events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' } as const;
  readonly calls: string[] = [];
  private readonly emitter = new EventEmitter();
  private refusedConnects = 0;
  private crashingJoins = 0;

  /** Typed as what the code under test takes. */
  get asConsumer(): Consumer {
    return this as unknown as Consumer;
  }

  /** The next `count` connects reject, as while the brokers are away. */
  refuseConnects(count: number): void {
    this.refusedConnects = count;
  }

  /** The next `count` joins (inside `run`) crash. */
  crashJoins(count: number): void {
    this.crashingJoins = count;
  }

  /** kafkajs's CRASH event, emitted after it disconnected the consumer. */
  crash(restart: boolean): void {
    this.emitter.emit(this.events.CRASH, {
      payload: { error: new Error('malformed request'), groupId: 'test', restart },
    });
  }

  on(event: string, listener: (event: unknown) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  connect(): Promise<void> {
    this.record('connect');
    if (this.refusedConnects === 0) return Promise.resolve();
    this.refusedConnects -= 1;
    return Promise.reject(new Error('broker away'));
  }

  disconnect(): Promise<void> {
    this.record('disconnect');
    return Promise.resolve();
  }

  run(options: { eachMessage?: unknown; eachBatch?: unknown } = {}): Promise<void> {
    this.record(options.eachMessage ? 'run with a message handler' : 'run');
    if (this.crashingJoins > 0) {
      this.crashingJoins -= 1;
      this.crash(false);
    } else {
      this.emitter.emit(this.events.GROUP_JOIN, { payload: { memberAssignment: {} } });
    }
    return Promise.resolve();
  }

  subscribe(): Promise<void> {
    return Promise.resolve();
  }

  private record(call: string): void {
    this.calls.push(`${Date.now()}: ${call}`);
  }
}
