import { FakeKafkaConsumer } from '../testing/fake-kafka-consumer';
import { ContractKafkaServer } from './contract-kafka.server';

/** How the server wires `rejoinAfterCrash` (whose own spec holds the waits and the refusals). */
describe(ContractKafkaServer.name, () => {
  let server: ContractKafkaServer;
  let consumer: FakeKafkaConsumer;

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    server = new ContractKafkaServer({ client: { brokers: ['127.0.0.1:1'] } }, [], 'test');
    consumer = new FakeKafkaConsumer();
  });

  afterEach(() => jest.useRealTimers());

  it('rejoins with the same consumer and its message handler after a crash kafkajs does not restart', async () => {
    await server.bindEvents(consumer.asConsumer);
    expect(consumer.calls).toEqual(['0: run with a message handler']);

    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumer.calls).toEqual([
      '0: run with a message handler',
      '1000: connect',
      '1000: run with a message handler',
    ]);
  });

  it('rejoins after a crash in the first join, which happens inside run', async () => {
    consumer.crashJoins(1);
    await server.bindEvents(consumer.asConsumer);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumer.calls).toEqual([
      '0: run with a message handler',
      '1000: connect',
      '1000: run with a message handler',
    ]);
  });

  it('does not rejoin once closed', async () => {
    await server.bindEvents(consumer.asConsumer);
    await server.close();
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.calls).toEqual(['0: run with a message handler']);
  });
});
