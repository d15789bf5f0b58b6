import { BufferOverflowError } from '../kafka/kafka-buffering';
import { InProcessBus } from './in-process-bus';

const msg = (value: string) => ({ key: 'k', value });

describe(InProcessBus.name, () => {
  let bus: InProcessBus;
  let received: string[];

  beforeEach(() => {
    bus = new InProcessBus();
    received = [];
  });

  it('delivers in publish order, across topics', async () => {
    bus.subscribe(async (topic, message) => {
      received.push(`${topic}:${message.value}`);
    });

    void bus.publish('a.x.v1', msg('1'));
    void bus.publish('b.x.v1', msg('2'));
    void bus.publish('a.x.v1', msg('3'));
    await bus.drain();

    expect(received).toEqual(['a.x.v1:1', 'b.x.v1:2', 'a.x.v1:3']);
  });

  it('waits for a slow listener before delivering the next message', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    bus.subscribe(async (_topic, message) => {
      received.push(`start ${message.value}`);
      if (message.value === '1') await gate;
      received.push(`end ${message.value}`);
    });

    void bus.publish('t.x.v1', msg('1'));
    const second = bus.publish('t.x.v1', msg('2'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual(['start 1']);

    release();
    await second;
    await bus.drain();
    expect(received).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('refuses a publish while its bound of undelivered messages is reached, and accepts again once delivered', async () => {
    bus = new InProcessBus(2);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    bus.subscribe(async (_topic, message) => {
      if (message.value === '1') await gate;
      received.push(message.value);
    });

    await bus.publish('t.x.v1', msg('1'));
    await bus.publish('t.x.v1', msg('2'));
    expect(bus.backlog).toBe(2);
    const refused = bus.publish('t.x.v1', msg('3'));
    await expect(refused).rejects.toBeInstanceOf(BufferOverflowError);
    await expect(refused).rejects.toThrow(
      'in-process bus buffer full (2 events waiting): t.x.v1 event dropped',
    );

    release();
    await bus.drain();
    expect(bus.backlog).toBe(0);
    await bus.publish('t.x.v1', msg('4'));
    await bus.drain();
    expect(received).toEqual(['1', '2', '4']);
  });

  it('never delivers inside the publisher call stack', async () => {
    bus.subscribe(async (_topic, message) => {
      received.push(message.value);
    });

    const accepted = bus.publish('t.x.v1', msg('1'));
    expect(received).toEqual([]);

    await accepted;
    await bus.drain();
    expect(received).toEqual(['1']);
  });

  it('delivers to every listener, in the order they subscribed', async () => {
    bus.subscribe(async (_topic, message) => {
      received.push(`first ${message.value}`);
    });
    bus.subscribe(async (_topic, message) => {
      received.push(`second ${message.value}`);
    });

    await bus.publish('t.x.v1', msg('1'));
    await bus.drain();

    expect(received).toEqual(['first 1', 'second 1']);
  });

  it('stops delivering to a listener that unsubscribed', async () => {
    const unsubscribe = bus.subscribe(async (_topic, message) => {
      received.push(message.value);
    });
    await bus.publish('t.x.v1', msg('1'));
    await bus.drain();

    unsubscribe();
    await bus.publish('t.x.v1', msg('2'));
    await bus.drain();

    expect(received).toEqual(['1']);
  });

  it('resolves publish on acceptance, like Kafka: a handler may publish and await without deadlock', async () => {
    bus.subscribe(async (topic, message) => {
      received.push(`${topic}:${message.value}`);
      if (topic === 'in.x.v1') await bus.publish('out.x.v1', msg(`re-${message.value}`));
    });

    await bus.publish('in.x.v1', msg('1'));
    await bus.drain();

    expect(received).toEqual(['in.x.v1:1', 'out.x.v1:re-1']);
  });

  it('keeps delivering after a listener failed', async () => {
    bus.subscribe(async (_topic, message) => {
      if (message.value === 'bad') throw new Error('listener failed');
      received.push(message.value);
    });

    await expect(bus.publish('t.x.v1', msg('bad'))).resolves.toBeUndefined();
    await expect(bus.publish('t.x.v1', msg('good'))).resolves.toBeUndefined();
    await expect(bus.drain()).resolves.toBeUndefined();
    expect(received).toEqual(['good']);
  });

  it('drain resolves when everything published so far was delivered', async () => {
    bus.subscribe(async (_topic, message) => {
      await Promise.resolve();
      received.push(message.value);
    });
    for (const value of ['1', '2', '3']) void bus.publish('t.x.v1', msg(value));

    await bus.drain();

    expect(received).toEqual(['1', '2', '3']);
  });

  it('drain resolves at once on an idle bus', async () => {
    await expect(bus.drain()).resolves.toBeUndefined();
  });
});
