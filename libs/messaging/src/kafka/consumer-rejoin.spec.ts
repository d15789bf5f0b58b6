import { FakeKafkaConsumer } from '../testing/fake-kafka-consumer';
import { rejoinAfterCrash } from './consumer-rejoin';

describe(rejoinAfterCrash.name, () => {
  let consumer: FakeKafkaConsumer;
  let closing: boolean;
  let logs: string[];

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    consumer = new FakeKafkaConsumer();
    closing = false;
    logs = [];
    rejoinAfterCrash(consumer.asConsumer, {
      run: () => consumer.run(),
      isClosing: () => closing,
      logger: {
        log: (message) => logs.push(`log: ${message}`),
        error: (message) => logs.push(`error: ${message}`),
      },
    });
  });

  afterEach(() => jest.useRealTimers());

  it('connects and runs the same consumer again 1 s after a crash kafkajs does not restart', async () => {
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(999);
    expect(consumer.calls).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    expect(consumer.calls).toEqual(['1000: connect', '1000: run']);
    expect(logs).toEqual([
      'error: consumer stopped: malformed request; rejoining in 1000 ms',
      'log: consumer rejoined its group',
    ]);
  });

  it('rejoins after a crash in the first join, which happens inside run', async () => {
    consumer.crashJoins(1);
    await consumer.run();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumer.calls).toEqual(['0: run', '1000: connect', '1000: run']);
  });

  it('leaves a crash that kafkajs restarts itself alone', async () => {
    consumer.crash(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.calls).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('waits twice as long after each refused connect, and 1 s again once back in the group', async () => {
    consumer.refuseConnects(2);
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(7_000);
    expect(consumer.calls).toEqual([
      '1000: connect',
      '3000: connect',
      '7000: connect',
      '7000: run',
    ]);
    expect(logs).toEqual([
      'error: consumer stopped: malformed request; rejoining in 1000 ms',
      'error: rejoining failed: broker away; rejoining in 2000 ms',
      'error: rejoining failed: broker away; rejoining in 4000 ms',
      'log: consumer rejoined its group',
    ]);

    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumer.calls.slice(4)).toEqual(['8000: connect', '8000: run']);
  });

  it('waits twice as long after each join that crashes again', async () => {
    consumer.crashJoins(2);
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(7_000);
    expect(consumer.calls).toEqual([
      '1000: connect',
      '1000: run',
      '3000: connect',
      '3000: run',
      '7000: connect',
      '7000: run',
    ]);
  });

  it('waits at most 30 s between attempts', async () => {
    consumer.refuseConnects(7);
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(121_000);
    expect(consumer.calls).toEqual([
      '1000: connect',
      '3000: connect',
      '7000: connect',
      '15000: connect',
      '31000: connect',
      '61000: connect',
      '91000: connect',
      '121000: connect',
      '121000: run',
    ]);
  });

  it('does not rejoin after a crash while closing', async () => {
    closing = true;
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.calls).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('drops a waiting attempt once closing', async () => {
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(500);
    closing = true;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.calls).toEqual([]);
  });

  it('stops trying once closing, though the broker refused the attempt before', async () => {
    consumer.refuseConnects(1);
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(1_000);
    closing = true;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.calls).toEqual(['1000: connect']);
  });

  it('disconnects instead of running when closing starts while it connects', async () => {
    const connect = consumer.connect.bind(consumer);
    jest.spyOn(consumer, 'connect').mockImplementationOnce(() => {
      closing = true;
      return connect();
    });
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.calls).toEqual(['1000: connect', '1000: disconnect']);
  });

  it('neither retries nor reports a connect that failed because closing started', async () => {
    jest.spyOn(consumer, 'connect').mockImplementationOnce(() => {
      closing = true;
      return Promise.reject(new Error('the client is disconnecting'));
    });
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(logs).toEqual(['error: consumer stopped: malformed request; rejoining in 1000 ms']);
  });
});
