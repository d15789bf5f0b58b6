import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DepthSnapshotPayload } from '../simulator/binance-payloads';
import { StreamKind } from '../simulator/market-feed';
import { parseStreamName } from '../simulator/stream-names';

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

export interface Recording {
  symbols: string[];
  /** Every stream event of every symbol, in receive order (stable for equal times). */
  events: RecordedEvent[];
  snapshots: Map<string, RecordedSnapshot[]>;
  /** The recorded `/api/v3/exchangeInfo` symbols, if the directory has one. */
  exchangeInfoSymbols: Record<string, unknown>[] | null;
}

const STREAM_FILES = ['depth.jsonl', 'bookTicker.jsonl', 'aggTrade.jsonl', 'trade.jsonl'];

/**
 * Reads a directory laid out like `shared/data/binance-spot/<date>/`: one folder per symbol with
 * `snapshots.jsonl`, `depth.jsonl`, `bookTicker.jsonl`, `trade.jsonl` and/or `aggTrade.jsonl`,
 * plus an optional `exchangeInfo.json`. Each line carries `recv_ts` (seconds) and `stream`.
 */
export function readRecording(dir: string): Recording {
  const symbols = readdirSync(dir)
    .filter((entry) => statSync(path.join(dir, entry)).isDirectory())
    .sort();
  const events: RecordedEvent[] = [];
  const snapshots = new Map<string, RecordedSnapshot[]>();
  for (const symbol of symbols) {
    const folder = path.join(dir, symbol);
    for (const file of STREAM_FILES) {
      for (const line of jsonLines(path.join(folder, file))) {
        const { recv_ts, stream, ...payload } = line;
        const parsed = typeof stream === 'string' ? parseStreamName(stream) : null;
        if (!parsed)
          throw new Error(
            `${folder}/${file}: line without a known stream: ${JSON.stringify(stream)}`,
          );
        const kind = parsed.key.slice(parsed.key.indexOf('@') + 1) as StreamKind;
        events.push({ recvTs: Number(recv_ts), symbol, kind, payload });
      }
    }
    snapshots.set(
      symbol,
      jsonLines(path.join(folder, 'snapshots.jsonl'))
        .map((line) => ({
          recvTs: Number(line.recv_ts),
          lastUpdateId: line.lastUpdateId as number,
          bids: line.bids as DepthSnapshotPayload['bids'],
          asks: line.asks as DepthSnapshotPayload['asks'],
        }))
        .sort((x, y) => x.recvTs - y.recvTs),
    );
  }
  // Array.prototype.sort is stable: events received at the same instant keep file order.
  events.sort((x, y) => x.recvTs - y.recvTs);
  const infoFile = path.join(dir, 'exchangeInfo.json');
  const exchangeInfoSymbols = existsSync(infoFile)
    ? (
        JSON.parse(readFileSync(infoFile, 'utf8')) as { symbols: Record<string, unknown>[] }
      ).symbols.filter((s) => symbols.includes(String(s.symbol)))
    : null;
  return { symbols, events, snapshots, exchangeInfoSymbols };
}

function jsonLines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
