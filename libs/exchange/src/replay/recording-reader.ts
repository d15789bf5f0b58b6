import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { DepthSnapshotPayload } from '../simulator/binance-payloads';
import { StreamKind } from '../simulator/market-feed';
import { parseStreamName } from '../simulator/stream-names';
import { parseJsonObject, plainOrGzipped, readJsonLines, readJsonObjects } from './json-lines';

/** One recorded stream event, stripped of the recorder's fields, at its receive time (s). */
export interface RecordedEvent {
  recvTs: number;
  symbol: string;
  kind: StreamKind;
  payload: Record<string, unknown>;
}

export interface RecordedSnapshot extends DepthSnapshotPayload {
  recvTs: number;
}

/** Binance's two trade streams; a recording holds one or the other per symbol (or none). */
export type TradeStream = 'trade' | 'aggTrade';

export interface Recording {
  symbols: string[];
  /** Every stream event of every symbol, in receive order (stable for equal times). */
  events: RecordedEvent[];
  snapshots: Map<string, RecordedSnapshot[]>;
  /** Which trade stream each symbol was recorded with; absent when it has no trades. */
  tradeStreams: Map<string, TradeStream>;
  /** The recorded `/api/v3/exchangeInfo` symbols, if the directory has one. */
  exchangeInfoSymbols: Record<string, unknown>[] | null;
}

/** `trade` first: the exchange's own trades, of which `aggTrade` is a summary. */
const TRADE_FILES: readonly TradeStream[] = ['trade', 'aggTrade'];
const STREAM_FILES = ['depth', 'bookTicker', ...TRADE_FILES];

/**
 * Reads a directory laid out like `recordings/binance-spot/<date>/`: one folder per symbol with
 * `snapshots`, `depth`, `bookTicker`, `trade` and/or `aggTrade` as `.jsonl` or `.jsonl.gz`, plus an
 * optional `exchangeInfo.json(.gz)`. Each line carries `recv_ts` (seconds) and `stream`. When a
 * symbol has both trade files, only `trade` is read: serving both would count every trade twice.
 */
export async function readRecording(dir: string): Promise<Recording> {
  const symbols: string[] = [];
  for (const entry of (await readdir(dir)).sort()) {
    if ((await stat(path.join(dir, entry))).isDirectory()) symbols.push(entry);
  }
  const events: RecordedEvent[] = [];
  const snapshots = new Map<string, RecordedSnapshot[]>();
  const tradeStreams = new Map<string, TradeStream>();
  for (const symbol of symbols) {
    const folder = path.join(dir, symbol);
    const tradeStream = TRADE_FILES.find((kind) => plainOrGzipped(folder, `${kind}.jsonl`));
    if (tradeStream) tradeStreams.set(symbol, tradeStream);
    for (const name of STREAM_FILES) {
      if (TRADE_FILES.includes(name as TradeStream) && name !== tradeStream) continue;
      const file = plainOrGzipped(folder, `${name}.jsonl`);
      if (file) events.push(...(await streamEvents(file, symbol)));
    }
    snapshots.set(symbol, await readSnapshots(folder));
  }
  // Array.prototype.sort is stable: events received at the same instant keep file order.
  events.sort((x, y) => x.recvTs - y.recvTs);
  const exchangeInfoSymbols = await readExchangeInfo(dir, symbols);
  return { symbols, events, snapshots, tradeStreams, exchangeInfoSymbols };
}

async function streamEvents(file: string, symbol: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const { line, text } of readJsonLines(file)) {
    const { recv_ts, stream, ...payload } = parseJsonObject(text, `${file}:${line}`);
    const parsed = typeof stream === 'string' ? parseStreamName(stream) : null;
    if (!parsed) {
      throw new Error(`${file}:${line}: no known stream name: ${JSON.stringify(stream)}`);
    }
    const kind = parsed.key.slice(parsed.key.indexOf('@') + 1) as StreamKind;
    events.push({ recvTs: Number(recv_ts), symbol, kind, payload });
  }
  return events;
}

async function readSnapshots(folder: string): Promise<RecordedSnapshot[]> {
  const file = plainOrGzipped(folder, 'snapshots.jsonl');
  const lines = file ? await readJsonObjects(file) : [];
  return lines
    .map((line) => ({
      recvTs: Number(line.recv_ts),
      lastUpdateId: line.lastUpdateId as number,
      bids: line.bids as DepthSnapshotPayload['bids'],
      asks: line.asks as DepthSnapshotPayload['asks'],
    }))
    .sort((x, y) => x.recvTs - y.recvTs);
}

async function readExchangeInfo(
  dir: string,
  symbols: readonly string[],
): Promise<Record<string, unknown>[] | null> {
  const file = plainOrGzipped(dir, 'exchangeInfo.json');
  if (!file) return null;
  // One JSON document, possibly pretty-printed over many lines: joined, then parsed whole.
  const lines: string[] = [];
  for await (const { text } of readJsonLines(file)) lines.push(text);
  const info = JSON.parse(lines.join('\n')) as { symbols: Record<string, unknown>[] };
  return info.symbols.filter((s) => symbols.includes(String(s.symbol)));
}
