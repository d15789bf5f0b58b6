import { timingSafeEqual } from 'node:crypto';

type Headers = Record<string, string | string[] | undefined>;

/** The key a client presented: the `x-api-key` header, or `?apiKey=` (browsers' WebSockets cannot set headers). */
export function presentedApiKey(headers: Headers, url: string | undefined): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string') return header;
  const query = url?.indexOf('?') ?? -1;
  if (url === undefined || query < 0) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get('apiKey') ?? undefined;
}

/** With no keys configured everyone is let in; otherwise the key must match one, compared in constant time. */
export function apiKeyAccepted(keys: readonly string[], presented: string | undefined): boolean {
  if (keys.length === 0) return true;
  if (presented === undefined) return false;
  const given = Buffer.from(presented);
  return keys.some((key) => {
    const expected = Buffer.from(key);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/**
 * With no allowlist any origin is accepted. A request without an Origin header is not from a
 * browser page (curl, bots, servers), which the allowlist is not meant to stop.
 */
export function originAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  return allowed.length === 0 || origin === undefined || allowed.includes(origin);
}
