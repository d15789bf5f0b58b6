import { DEFAULT_SYMBOLS, MarketSimulator } from './market-simulator';
import { SimulatorServer, SimulatorServerOptions } from './simulator-server';
import { WsProbe } from './testing/ws-probe';

type Message = Record<string, unknown>;
const isDiff = (m: Message) => (m.data as Message | undefined)?.e === 'depthUpdate';
const dataOf = (m: Message) => m.data as Message;

describe(`${SimulatorServer.name} WebSocket`, () => {
  let server: SimulatorServer;
  let ws: string;
  const probes: WsProbe[] = [];

  async function start(options: Partial<SimulatorServerOptions> = {}): Promise<void> {
    server = new SimulatorServer({
      simulator: new MarketSimulator([DEFAULT_SYMBOLS.BTCUSDT, DEFAULT_SYMBOLS.ETHUSDT], 42),
      eventsPerSecond: 200,
      ...options,
    });
    ws = (await server.listen()).replace('http', 'ws');
  }

  async function open(path: string): Promise<WsProbe> {
    const probe = await WsProbe.open(`${ws}${path}`);
    probes.push(probe);
    return probe;
  }

  const postFaults = (body: unknown) =>
    fetch(`${server.url}/debug/faults`, { method: 'POST', body: JSON.stringify(body) });

  afterEach(async () => {
    for (const probe of probes.splice(0)) probe.close();
    await server.close();
  });

  it('serves over /api/v3/aggTrades, from an id on, the aggregate trades the stream sent and those a fault withheld', async () => {
    await start();
    const probe = await open('/stream?streams=ethusdt@aggTrade');
    const isAggTrade = (m: Message) => dataOf(m).e === 'aggTrade';
    const [first] = await probe.waitForCount(isAggTrade, 1);
    await postFaults({ dropAggTrades: 5, symbol: 'ETHUSDT' });
    const firstId = dataOf(first).a as number;
    // Past the withheld five: the stream's ids then skip exactly five.
    const seen = await probe.waitForCount(isAggTrade, 12, 10_000);
    const ids = seen.map((m) => dataOf(m).a as number);
    const skip = ids.findIndex((id, i) => i > 0 && id !== ids[i - 1] + 1);
    expect(ids[skip] - ids[skip - 1]).toBe(6);
    await fetch(`${server.url}/debug/pause`, { method: 'POST' });
    const response = await fetch(
      `${server.url}/api/v3/aggTrades?symbol=ETHUSDT&fromId=${firstId}&limit=${ids.length + 5}`,
    );
    expect(response.headers.get('x-mbx-used-weight-1m')).toBe('4');
    const rows = (await response.json()) as Message[];
    const withoutEnvelope = ({ e: _e, E: _E, s: _s, ...row }: Message) => row;
    const streamed = new Map(seen.map((m) => [dataOf(m).a, withoutEnvelope(dataOf(m))]));
    expect(rows.map((row) => row.a)).toEqual(
      Array.from({ length: ids.length + 5 }, (_, i) => firstId + i),
    );
    for (const row of rows) if (streamed.has(row.a)) expect(row).toEqual(streamed.get(row.a));
    expect(rows.filter((row) => !streamed.has(row.a)).map((row) => row.a)).toEqual(
      Array.from({ length: 5 }, (_, i) => ids[skip - 1] + 1 + i),
    );
  });

  it('wraps each stream in the combined envelope with Binance field names', async () => {
    await start();
    const names = [
      'btcusdt@depth@100ms',
      'btcusdt@bookTicker',
      'btcusdt@trade',
      'btcusdt@aggTrade',
      'btcusdt@ticker',
    ];
    const probe = await open(`/stream?streams=${names.join('/')}`);
    const byStream = new Map<string, Message>();
    for (const name of names)
      byStream.set(name, dataOf(await probe.waitFor((m) => m.stream === name, 5000)));
    expect(Object.keys(byStream.get('btcusdt@depth@100ms')!)).toEqual([
      'e',
      'E',
      's',
      'U',
      'u',
      'b',
      'a',
    ]);
    expect(Object.keys(byStream.get('btcusdt@bookTicker')!)).toEqual([
      'u',
      's',
      'b',
      'B',
      'a',
      'A',
      'E',
    ]);
    expect(Object.keys(byStream.get('btcusdt@trade')!)).toEqual([
      'e',
      'E',
      's',
      't',
      'p',
      'q',
      'T',
      'm',
      'M',
    ]);
    expect(Object.keys(byStream.get('btcusdt@aggTrade')!)).toEqual([
      'e',
      'E',
      's',
      'a',
      'p',
      'q',
      'f',
      'l',
      'T',
      'm',
      'M',
    ]);
    expect(byStream.get('btcusdt@ticker')).toMatchObject({
      e: '24hrTicker',
      s: 'BTCUSDT',
      o: '65000.00',
    });
    expect(probe.messages.every((m) => names.includes(String(m.stream)))).toBe(true);
  });

  it('sends raw payloads on /ws/<stream>', async () => {
    await start();
    const probe = await open('/ws/ethusdt@trade');
    const trade = await probe.waitFor((m) => m.e === 'trade');
    expect(trade).toMatchObject({ s: 'ETHUSDT', M: true });
    expect(trade.p).toMatch(/^\d+\.\d{2}$/);
  });

  it('answers SUBSCRIBE, LIST_SUBSCRIPTIONS and UNSUBSCRIBE with their ids', async () => {
    await start();
    const probe = await open('/ws');
    probe.send({ method: 'SUBSCRIBE', params: ['btcusdt@trade', 'ethusdt@bookTicker'], id: 1 });
    expect(await probe.waitFor((m) => m.id === 1)).toEqual({ result: null, id: 1 });
    await probe.waitFor((m) => m.e === 'trade' && m.s === 'BTCUSDT');
    probe.send({ method: 'LIST_SUBSCRIPTIONS', id: 'two' });
    expect(await probe.waitFor((m) => m.id === 'two')).toEqual({
      result: ['btcusdt@trade', 'ethusdt@bookTicker'],
      id: 'two',
    });
    probe.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@trade'], id: 3 });
    expect(await probe.waitFor((m) => m.id === 3)).toEqual({ result: null, id: 3 });
    probe.send({ method: 'SUBSCRIBE', params: ['not a stream'], id: 4 });
    expect(await probe.waitFor((m) => m.id === 4)).toEqual({
      error: { code: 2, msg: 'Invalid request: invalid stream name "not a stream"' },
      id: 4,
    });
    probe.socket.send('{nope');
    expect(
      (await probe.waitFor((m) => m.error !== undefined && m.id === null)).error,
    ).toMatchObject({ code: 3 });
  });

  it('refuses more streams than a connection may hold', async () => {
    await start({ maxStreamsPerConnection: 2 });
    const probe = await open('/ws/btcusdt@trade');
    probe.send({ method: 'SUBSCRIBE', params: ['ethusdt@trade', 'ethusdt@aggTrade'], id: 9 });
    expect(await probe.waitFor((m) => m.id === 9)).toEqual({
      error: { code: 2, msg: 'Invalid request: at most 2 streams per connection' },
      id: 9,
    });
  });

  it('drops a connection that sends more than 5 messages a second', async () => {
    await start();
    const probe = await open('/ws');
    // 11 in a burst: however they fall across a second boundary, one second holds 6 or more.
    for (let id = 1; id <= 11; id++) probe.send({ method: 'LIST_SUBSCRIPTIONS', id });
    expect(await probe.closed).toEqual({ code: 1008, reason: 'Too many requests' });
    expect(probe.messages.length).toBeGreaterThanOrEqual(5);
    expect(probe.messages.length).toBeLessThan(11);
  });

  it('pings with a payload at the configured interval', async () => {
    await start({ pingIntervalMs: 200 });
    const probe = await open('/ws');
    const payload = await new Promise<string>((resolve) =>
      probe.socket.once('ping', (data: Buffer) => resolve(data.toString())),
    );
    expect(payload).toMatch(/^\d{13}$/);
  });

  it('drops a connection that stops answering pings, keeps one that answers', async () => {
    await start({ pingIntervalMs: 100, pongTimeoutMs: 300 });
    const answering = await open('/ws');
    const silent = await WsProbe.open(`${ws}/ws`, { autoPong: false });
    probes.push(silent);
    expect(await silent.closed).toEqual({ code: 1006, reason: '' });
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
  });

  it('refuses connection attempts over the per-IP limit with 429', async () => {
    await start({ maxConnectionsPer5Min: 2 });
    await open('/ws');
    await open('/ws');
    await expect(WsProbe.open(`${ws}/ws`)).rejects.toThrow('Unexpected server response: 429');
  });

  it('drops every Nth diff when the run is configured so', async () => {
    await start({
      faults: { dropDiffEvery: 4 },
      simulator: new MarketSimulator([DEFAULT_SYMBOLS.BTCUSDT], 42),
    });
    const probe = await open('/stream?streams=btcusdt@depth@100ms');
    const diffs = (await probe.waitForCount(isDiff, 9)).map(dataOf).slice(0, 9);
    const gaps = diffs.slice(1).filter((d, i) => d.U !== (diffs[i].u as number) + 1);
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(gaps.length).toBeLessThanOrEqual(3);
  });

  it('drops a diff on request: clients see exactly one gap in U/u', async () => {
    await start();
    const probe = await open('/stream?streams=btcusdt@depth@100ms');
    await probe.waitForCount(isDiff, 3);
    await postFaults({ dropDiffs: 1, symbol: 'BTCUSDT' });
    const diffs = (await probe.waitForCount(isDiff, 15)).map(dataOf);
    const gaps = diffs.slice(1).filter((d, i) => d.U !== (diffs[i].u as number) + 1);
    expect(gaps.length).toBe(1);
  });

  it('duplicates a diff on request: the same U/u arrives twice in a row', async () => {
    await start();
    const probe = await open('/stream?streams=btcusdt@depth@100ms');
    await probe.waitForCount(isDiff, 3);
    await postFaults({ duplicateDiffs: 1 });
    const diffs = (await probe.waitForCount(isDiff, 15)).map(dataOf);
    const repeats = diffs.slice(1).filter((d, i) => d.u === diffs[i].u);
    expect(repeats.length).toBe(1);
    expect(diffs.slice(1).filter((d, i) => d.U !== (diffs[i].u as number) + 1).length).toBe(1);
  });

  it('disconnects one connection or all on request', async () => {
    await start();
    const first = await open('/ws/btcusdt@trade');
    const second = await open('/ws/btcusdt@trade');
    const connections = (await (await fetch(`${server.url}/debug/connections`)).json()) as {
      id: number;
    }[];
    await postFaults({ disconnect: connections[0].id });
    expect((await first.closed).code).toBe(1006);
    expect(second.socket.readyState).toBe(second.socket.OPEN);
    await postFaults({ disconnect: 'all' });
    expect((await second.closed).code).toBe(1006);
  });

  it('sends serverShutdown, then closes', async () => {
    await start({ now: () => 1_700_000_000_000 });
    const probe = await open('/ws');
    await postFaults({ serverShutdown: true, shutdownGraceMs: 50 });
    expect(await probe.waitFor((m) => m.e === 'serverShutdown')).toEqual({
      e: 'serverShutdown',
      E: 1_700_000_000_000,
    });
    expect(await probe.closed).toEqual({ code: 1000, reason: 'serverShutdown' });
  });

  it('closes a connection at its age limit, with serverShutdown first', async () => {
    await start({ maxConnectionAgeMs: 300 });
    const probe = await open('/ws/btcusdt@trade');
    expect(await probe.closed).toEqual({ code: 1000, reason: 'serverShutdown' });
    expect(probe.messages.filter((m) => m.e === 'serverShutdown').length).toBe(1);
  });
});
