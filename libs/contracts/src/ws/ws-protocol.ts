/*
 * The gateway's WebSocket protocol on `/ws`: JSON text frames.
 *
 * Client → server:  {"op":"subscribe","channel":"ticker:BTCUSDT","id":1}
 *                   {"op":"unsubscribe","channel":"ticker:BTCUSDT","id":2}
 *                   {"op":"ping","id":3}
 * Server → client:  {"type":"ack","op":"subscribe","channel":"ticker:BTCUSDT","id":1}
 *                   {"type":"snapshot"|"update","channel":"ticker:BTCUSDT","seq":7,
 *                    "exchangeTime":1700000000000,"producedAt":1700000000003,"data":{...}}
 *                   {"type":"pong","id":3,"time":1700000000000}
 *                   {"type":"error","code":"unknown_channel","message":"...","id":1}
 *
 * `seq` counts updates per channel from 1; a snapshot carries the seq of the update it reflects,
 * so the next update has seq + 1. A client that sees a gap resubscribes for a fresh snapshot.
 *
 * Channels (`data` of snapshot / update):
 *   ticker:<SYMBOL>  TickerChannelData / same: best bid/ask (md.bookticker.v1) merged with the 24 h
 *                    statistics (md.ticker.v1); either event publishes the merged view
 *   book:<SYMBOL>    BookUpdateEvent / same: the whole top-N view each time (book.update.v1)
 *   trades:<SYMBOL>  TradeEvent[] newest first / one TradeEvent (md.trade.v1)
 *   stats:<PAIR>     StatsUpdateEvent[] latest per window / one StatsUpdateEvent (stats.update.v1);
 *                    PAIR is a symbol (BTCUSDT) or a DEX pair (WETH/USDC)
 *   markets          MarketEvent[] the whole catalog by symbol / the one MarketEvent that changed
 *                    (md.market.v1): a listing, status, last price or 24 h volume moved
 *
 * A connection is closed with 1008 and a reason when it keeps sending refused frames, exceeds its
 * message rate, or stays too far behind (its updates are first conflated: latest per channel).
 */

export const CHANNEL_KINDS = ['ticker', 'book', 'trades', 'stats', 'markets'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type ClientFrame =
  | { op: 'subscribe'; channel: string; id?: string | number }
  | { op: 'unsubscribe'; channel: string; id?: string | number }
  | { op: 'ping'; id?: string | number };

export const WS_ERROR_CODES = [
  'invalid_json',
  'invalid_frame',
  'unknown_op',
  'unknown_channel',
  'too_many_subscriptions',
  'not_subscribed',
] as const;
export type WsErrorCode = (typeof WS_ERROR_CODES)[number];

export interface AckFrame {
  type: 'ack';
  op: 'subscribe' | 'unsubscribe';
  channel: string;
  id?: string | number;
}

export interface PongFrame {
  type: 'pong';
  id?: string | number;
  time: number;
}

export interface ErrorFrame {
  type: 'error';
  code: WsErrorCode;
  message: string;
  id?: string | number;
}

export interface ChannelFrame<T = unknown> {
  type: 'snapshot' | 'update';
  channel: string;
  seq: number;
  exchangeTime: number | null;
  producedAt: number;
  data: T;
}

export type ServerFrame = AckFrame | PongFrame | ErrorFrame | ChannelFrame;

export type ParsedClientFrame = { ok: true; frame: ClientFrame } | { ok: false; error: ErrorFrame };

const MAX_ID_LENGTH = 64;

/** Parses one client frame; never throws. Errors carry the frame's id when it had a usable one. */
export function parseClientFrame(text: string): ParsedClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('invalid_json', 'frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('invalid_frame', 'frame must be a JSON object');
  }
  const frame = value as Record<string, unknown>;
  const id = validId(frame.id);
  if (frame.id !== undefined && id === undefined) {
    return fail(
      'invalid_frame',
      `id must be a string of up to ${MAX_ID_LENGTH} characters or a number`,
    );
  }
  switch (frame.op) {
    case 'ping':
      return { ok: true, frame: { op: 'ping', id } };
    case 'subscribe':
    case 'unsubscribe':
      if (typeof frame.channel !== 'string') {
        return fail('invalid_frame', `${frame.op} needs a channel such as ticker:BTCUSDT`, id);
      }
      return { ok: true, frame: { op: frame.op, channel: frame.channel, id } };
    default:
      return fail('unknown_op', 'op must be one of subscribe, unsubscribe, ping', id);
  }
}

function validId(id: unknown): string | number | undefined {
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length <= MAX_ID_LENGTH) return id;
  return undefined;
}

function fail(code: WsErrorCode, message: string, id?: string | number): ParsedClientFrame {
  return {
    ok: false,
    error: { type: 'error', code, message, ...(id === undefined ? {} : { id }) },
  };
}

const CHANNEL_PATTERN = /^(ticker|book|trades):([A-Z0-9]{2,20})$/;
const STATS_CHANNEL_PATTERN = /^(stats):([A-Za-z0-9.$/-]{2,41})$/;

/** The one channel without a key: every market of the catalog. */
export const MARKETS_CHANNEL = 'markets';

/** `ticker:BTCUSDT` → its kind and key, or null when it is not a channel this gateway serves. */
export function parseChannel(channel: string): { kind: ChannelKind; key: string } | null {
  if (channel === MARKETS_CHANNEL) return { kind: 'markets', key: '' };
  const match = CHANNEL_PATTERN.exec(channel) ?? STATS_CHANNEL_PATTERN.exec(channel);
  return match ? { kind: match[1] as ChannelKind, key: match[2] } : null;
}

/** The names of every server frame type, for documents (AsyncAPI) that must list them all. */
export const SERVER_FRAME_TYPES = ['ack', 'pong', 'error', 'snapshot', 'update'] as const;
export const CLIENT_OPS = ['subscribe', 'unsubscribe', 'ping'] as const;

/** `ticker:<SYMBOL>` data: the latest best bid/ask and, once seen, the 24 h statistics. */
export interface TickerChannelData {
  symbol: string;
  /** From bookTicker; null until the first one. */
  updateId: number | null;
  bidPrice: string | null;
  bidQty: string | null;
  askPrice: string | null;
  askQty: string | null;
  /** From the 24 h ticker; null until the first one. */
  lastPrice: string | null;
  priceChange: string | null;
  priceChangePercent: string | null;
  highPrice: string | null;
  lowPrice: string | null;
  volume: string | null;
  quoteVolume: string | null;
  tradeCount: number | null;
}
