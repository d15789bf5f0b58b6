import type { TradeCursor } from '../market-data/trade-history.reader';

/** The next page's cursor as an opaque URL-safe token (clients only hand it back). */
export function encodeTradeCursor(cursor: TradeCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.ordinal, cursor.eventId])).toString(
    'base64url',
  );
}

/** The cursor a client handed back, or undefined when it is not one this API made. */
export function decodeTradeCursor(token: string): TradeCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [time, ordinal, eventId] = value as unknown[];
    if (!Number.isSafeInteger(time) || typeof ordinal !== 'string' || typeof eventId !== 'string')
      return undefined;
    if (!/^\d{1,40}$/.test(ordinal) || !eventId.startsWith('trade:')) return undefined;
    return { time: time as number, ordinal, eventId };
  } catch {
    return undefined;
  }
}
