import { createReadStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One non-blank line of a JSON-lines file and where it stood (1-based). */
export interface JsonLine {
  line: number;
  text: string;
}

/** True for the names the readers take: `x.jsonl` and its gzip-compressed `x.jsonl.gz`. */
export function isJsonLinesFile(name: string, suffix = '.jsonl'): boolean {
  return name.endsWith(suffix) || name.endsWith(`${suffix}.gz`);
}

/**
 * `dir/name`, or `dir/name.gz`: whichever exists; null when neither does. Both at once would make
 * a replay serve every event twice, so that is refused, naming the two files.
 */
export function plainOrGzipped(dir: string, name: string): string | null {
  const plain = path.join(dir, name);
  const gzipped = `${plain}.gz`;
  const [hasPlain, hasGzipped] = [existsSync(plain), existsSync(gzipped)];
  if (hasPlain && hasGzipped) {
    throw new Error(`both ${plain} and ${gzipped} exist: keep one`);
  }
  return hasPlain ? plain : hasGzipped ? gzipped : null;
}

/**
 * Streams the non-blank lines of a `.jsonl` or `.jsonl.gz` file, so a large recording never has
 * to sit in memory as one string. A file that cannot be opened or a truncated gzip rejects the
 * iteration (`pipeline` forwards the error; a bare `.pipe()` would leave it unhandled).
 */
export async function* readJsonLines(file: string): AsyncGenerator<JsonLine> {
  const source = createReadStream(file);
  const input: Readable = file.endsWith('.gz')
    ? pipeline(source, createGunzip(), () => undefined)
    : source;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() !== '') yield { line, text };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Every line parsed as a JSON object; a line that is not one throws, naming file and line. */
export async function readJsonObjects(file: string): Promise<Record<string, unknown>[]> {
  const objects: Record<string, unknown>[] = [];
  for await (const { line, text } of readJsonLines(file)) {
    objects.push(parseJsonObject(text, `${file}:${line}`));
  }
  return objects;
}

export function parseJsonObject(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: not a JSON object`);
  }
  return value as Record<string, unknown>;
}
