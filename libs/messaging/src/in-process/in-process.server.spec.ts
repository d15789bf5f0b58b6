import {
  ALL_TOPICS,
  BOOK_TICKER_TOPIC,
  BookTickerEvent,
  DEAD_LETTER_TOPIC,
  DeadLetterEvent,
  decodeEvent,
  encodeEvent,
} from '@app/contracts';
import { Logger } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import { OutgoingMessage } from '../publishing/outgoing-message';
import { InProcessBus } from './in-process-bus';
import { InProcessClient } from './in-process.client';
import { InProcessContext, InProcessServer } from './in-process.server';

const event: BookTickerEvent = {
  source: 'simulator',
  symbol: 'ETHUSDT',
  updateId: 1000003,
  bidPrice: '3399.98',
  bidQty: '1.2500',
  askPrice: '3400.01',
  askQty: '0.0400',
  exchangeTime: 1700000000000,
  receivedAt: 1700000000001,
  producedAt: 1700000000002,
};

describe(InProcessServer.name, () => {
  let bus: InProcessBus;
  let server: InProcessServer;
  let client: InProcessClient;
  let handler: jest.Mock<Promise<void>, [unknown, InProcessContext]>;
  let published: { topic: string; message: OutgoingMessage }[];
  let warn: jest.SpyInstance;

  /** Emits and waits for delivery (emit itself resolves on acceptance, as with Kafka). */
  async function emit(topic: string, message: OutgoingMessage): Promise<void> {
    await lastValueFrom(client.emit(topic, message), { defaultValue: undefined });
    await bus.drain();
  }

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    bus = new InProcessBus();
    published = [];
    bus.subscribe(async (topic, message) => {
      published.push({ topic, message });
    });
    server = new InProcessServer(bus, ALL_TOPICS, 'gateway');
    handler = jest.fn<Promise<void>, [unknown, InProcessContext]>(async () => undefined);
    server.addHandler(BOOK_TICKER_TOPIC.name, handler, true);
    const listening = jest.fn();
    server.listen(listening);
    expect(listening).toHaveBeenCalledTimes(1);
    client = new InProcessClient(bus);
  });

  afterEach(() => {
    server.close();
    jest.restoreAllMocks();
  });

  it('hands a valid event to the handler as a validated instance, with its topic in the context', async () => {
    await emit(BOOK_TICKER_TOPIC.name, encodeEvent(BOOK_TICKER_TOPIC, event));

    expect(handler).toHaveBeenCalledTimes(1);
    const [payload, context] = handler.mock.calls[0];
    expect(payload).toBeInstanceOf(BookTickerEvent);
    expect(payload).toEqual(event);
    expect(context).toBeInstanceOf(InProcessContext);
    expect(context.getTopic()).toBe('md.bookticker.v1');
    expect(published.map(({ topic }) => topic)).toEqual(['md.bookticker.v1']);
  });

  it('hands events to the handler in the order they were emitted', async () => {
    const ids = [1, 2, 3].map((updateId) => ({ ...event, updateId }));

    await Promise.all(
      ids.map((value) => emit(BOOK_TICKER_TOPIC.name, encodeEvent(BOOK_TICKER_TOPIC, value))),
    );

    expect(handler.mock.calls.map(([payload]) => (payload as BookTickerEvent).updateId)).toEqual([
      1, 2, 3,
    ]);
  });

  it('keeps an invalid event from the handler and publishes a dead letter for it', async () => {
    const value = JSON.stringify({ ...event, bidPrice: 3399.98 });

    await emit(BOOK_TICKER_TOPIC.name, { key: 'ETHUSDT', value });
    await bus.drain();

    expect(handler).not.toHaveBeenCalled();
    expect(published.map(({ topic }) => topic)).toEqual(['md.bookticker.v1', 'ops.deadletter.v1']);
    const deadLetter = published[1].message;
    expect(deadLetter.key).toBe('md.bookticker.v1');
    expect(JSON.parse(deadLetter.value)).toEqual({
      topic: 'md.bookticker.v1',
      partition: null,
      offset: null,
      key: 'ETHUSDT',
      value,
      reason: 'bidPrice must be a string; bidPrice must be a non-negative decimal string',
      consumer: 'gateway',
      failedAt: expect.any(Number) as unknown,
    });
    expect(warn).toHaveBeenCalledWith(
      'md.bookticker.v1: bidPrice must be a string; bidPrice must be a non-negative decimal string',
    );
  });

  it('dead-letters a value that is not JSON verbatim, under the dead-letter contract', async () => {
    await emit(BOOK_TICKER_TOPIC.name, { key: 'ETHUSDT', value: 'not json' });
    await bus.drain();

    const deadLetters = published.filter(({ topic }) => topic === DEAD_LETTER_TOPIC.name);
    expect(deadLetters).toHaveLength(1);
    const decoded = decodeEvent(DEAD_LETTER_TOPIC, deadLetters[0].message.value);
    expect(decoded).toMatchObject({ ok: true, value: { value: 'not json', key: 'ETHUSDT' } });
    expect(decoded.ok && decoded.value).toBeInstanceOf(DeadLetterEvent);
  });

  it('still delivers the next valid event after an invalid one', async () => {
    await emit(BOOK_TICKER_TOPIC.name, { key: 'ETHUSDT', value: '{}' });
    await emit(BOOK_TICKER_TOPIC.name, encodeEvent(BOOK_TICKER_TOPIC, event));
    await bus.drain();

    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0]).toEqual(event);
  });

  it('ignores topics it has no handler for, without dead-lettering them', async () => {
    await emit('md.trades.v1', { key: 'ETHUSDT', value: 'anything' });
    await bus.drain();

    expect(handler).not.toHaveBeenCalled();
    expect(published.map(({ topic }) => topic)).toEqual(['md.trades.v1']);
  });

  it('stops receiving once closed', async () => {
    server.close();

    await emit(BOOK_TICKER_TOPIC.name, encodeEvent(BOOK_TICKER_TOPIC, event));

    expect(handler).not.toHaveBeenCalled();
  });
});

describe(InProcessClient.name, () => {
  it('publishes an emitted message on the bus under its topic', async () => {
    const bus = new InProcessBus();
    const received: { topic: string; message: OutgoingMessage }[] = [];
    bus.subscribe(async (topic, message) => {
      received.push({ topic, message });
    });
    const client = new InProcessClient(bus);

    await lastValueFrom(client.emit('md.bookticker.v1', { key: 'BTCUSDT', value: '{}' }), {
      defaultValue: undefined,
    });

    expect(received).toEqual([
      { topic: 'md.bookticker.v1', message: { key: 'BTCUSDT', value: '{}' } },
    ]);
  });

  it('hands an encoded message to the bus at once, holding no backlog and never asking to pause', async () => {
    const bus = new InProcessBus();
    const received: string[] = [];
    bus.subscribe(async (topic, message) => void received.push(`${topic} ${message.key}`));
    const client = new InProcessClient(bus);
    const pauses: boolean[] = [];
    client.onBackPressure((hold) => pauses.push(hold));

    await client.publishEncoded('md.trade.v1', { key: 'ETHUSDT', value: '{}' });
    await bus.drain();

    expect(received).toEqual(['md.trade.v1 ETHUSDT']);
    expect(client.backlog).toBeNull();
    expect(pauses).toEqual([]);
  });

  it('refuses request-response', async () => {
    const client = new InProcessClient(new InProcessBus());

    await expect(lastValueFrom(client.send('md.bookticker.v1', {}))).rejects.toThrow(
      'request-response is not supported by the in-process transport',
    );
  });

  it('drains the bus on close', async () => {
    const bus = new InProcessBus();
    const received: string[] = [];
    bus.subscribe(async (_topic, message) => {
      await Promise.resolve();
      received.push(message.value);
    });
    const client = new InProcessClient(bus);
    void bus.publish('t.x.v1', { key: 'k', value: '1' });

    await client.close();

    expect(received).toEqual(['1']);
  });
});
