import { EventEmitter } from 'node:events';
import { Consumer } from 'kafkajs';
import { ContractKafkaServer } from './contract-kafka.server';

const CRASH = 'consumer.crash';

/** The part of a kafkajs consumer the server uses, recording what is called. */
function fakeConsumer(connectFailures = 0) {
  const emitter = new EventEmitter();
  const calls: string[] = [];
  let failures = connectFailures;
  const consumer = {
    events: { CRASH },
    on: (event: string, listener: (payload: unknown) => void) => emitter.on(event, listener),
    connect: jest.fn(async () => {
      calls.push('connect');
      if (failures-- > 0) throw new Error('broker away');
    }),
    run: jest.fn(async (options: { eachMessage?: unknown }) => {
      calls.push(options.eachMessage ? 'run with a message handler' : 'run');
    }),
    subscribe: jest.fn(),
  };
  const crash = (restart: boolean) =>
    emitter.emit(CRASH, { payload: { error: new Error('malformed request'), restart } });
  return { consumer: consumer as unknown as Consumer, calls, crash };
}

describe(ContractKafkaServer.name, () => {
  let server: ContractKafkaServer;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new ContractKafkaServer({ client: { brokers: ['127.0.0.1:1'] } }, [], 'test');
  });

  afterEach(() => jest.useRealTimers());

  it('rejoins with the same consumer after a crash kafkajs does not restart', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    await server.bindEvents(consumer);
    expect(calls).toEqual(['run with a message handler']);

    crash(false);
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['run with a message handler', 'connect', 'run with a message handler']);
  });

  it('rejoins after a crash in the first join, which happens inside run', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    (consumer.run as jest.Mock).mockImplementationOnce(async () => {
      calls.push('run: the first join crashed');
      crash(false);
    });
    await server.bindEvents(consumer);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual(['run: the first join crashed', 'connect', 'run with a message handler']);
  });

  it('leaves a crash that kafkajs restarts itself alone', async () => {
    const { consumer, calls, crash } = fakeConsumer();
    await server.bindEvents(consumer);
    crash(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['run with a message handler']);
  });

  it('keeps trying with a doubling delay while the broker refuses, and not once closing', async () => {
    const { consumer, calls, crash } = fakeConsumer(2);
    await server.bindEvents(consumer);
    crash(false);
    await jest.advanceTimersByTimeAsync(1_000); // fails
    await jest.advanceTimersByTimeAsync(2_000); // fails
    await jest.advanceTimersByTimeAsync(4_000); // succeeds
    expect(calls).toEqual([
      'run with a message handler',
      'connect',
      'connect',
      'connect',
      'run with a message handler',
    ]);

    await server.close();
    crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(5);
  });
});
