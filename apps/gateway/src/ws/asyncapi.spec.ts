import {
  CHANNEL_KINDS,
  CLIENT_OPS,
  parseChannel,
  SERVER_FRAME_TYPES,
  WS_ERROR_CODES,
} from '@app/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface AsyncApi {
  asyncapi: string;
  channels: { ws: { address: string; messages: Record<string, unknown> } };
  operations: Record<string, { messages: { $ref: string }[] }>;
  components: {
    messages: Record<
      string,
      { payload: { properties?: Record<string, { const?: string; enum?: string[] }> } }
    >;
    schemas: { ChannelName: { pattern: string } };
  };
}

const document = parse(
  readFileSync(join(__dirname, '..', '..', 'asyncapi.yaml'), 'utf8'),
) as AsyncApi;

/** The written AsyncAPI document must describe exactly the protocol in `@app/contracts`. */
describe('gateway AsyncAPI document', () => {
  it('is AsyncAPI 3 for /ws', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.channels.ws.address).toBe('/ws');
  });

  it('has a snapshot and an update message for every channel kind, and no others', () => {
    const names = Object.keys(document.channels.ws.messages);
    const dataMessages = names.filter((name) => /(Snapshot|Update)$/.test(name)).sort();
    expect(dataMessages).toEqual(
      CHANNEL_KINDS.flatMap((kind) => [`${kind}Snapshot`, `${kind}Update`]).sort(),
    );
  });

  it('lists every client op and every server frame type', () => {
    const messages = document.components.messages;
    for (const op of CLIENT_OPS) expect(messages[op].payload.properties?.op?.const).toBe(op);
    const control = SERVER_FRAME_TYPES.filter((type) => type !== 'snapshot' && type !== 'update');
    for (const type of control) expect(messages[type].payload.properties?.type?.const).toBe(type);
    const sent = document.operations.receiveServerFrames.messages.map((m) =>
      m.$ref.split('/').pop(),
    );
    expect(sent).toEqual(expect.arrayContaining([...control]));
    const received = document.operations.sendClientFrames.messages.map((m) =>
      m.$ref.split('/').pop(),
    );
    expect(received).toEqual([...CLIENT_OPS]);
  });

  it('lists exactly the error codes', () => {
    expect(document.components.messages.error.payload.properties?.code?.enum).toEqual([
      ...WS_ERROR_CODES,
    ]);
  });

  it('documents the channel-name pattern the gateway accepts', () => {
    const pattern = new RegExp(document.components.schemas.ChannelName.pattern);
    for (const channel of [
      'ticker:BTCUSDT',
      'book:ETHUSDT',
      'trades:BNBUSDT',
      'stats:USDC/WETH',
      'stats:BTCUSDT',
      'markets',
    ]) {
      expect([pattern.test(channel), parseChannel(channel) !== null]).toEqual([true, true]);
    }
    for (const channel of [
      'ticker:btcusdt',
      'candles:BTCUSDT',
      'book:USDC/WETH',
      'ticker:',
      'markets:BTCUSDT',
    ]) {
      expect([pattern.test(channel), parseChannel(channel) !== null]).toEqual([false, false]);
    }
  });
});
