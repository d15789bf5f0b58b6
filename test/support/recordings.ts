import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The recorded market data kept in the repository (see recordings/README.md). */
export const RECORDINGS = path.join(__dirname, '..', '..', 'recordings');

/** `dir/name` or `dir/name.gz`, whichever the recording has; null when it has neither. */
export function recordedFile(dir: string, name: string): string | null {
  const plain = path.join(dir, name);
  if (existsSync(plain)) return plain;
  return existsSync(`${plain}.gz`) ? `${plain}.gz` : null;
}

/**
 * Every line of a recorded `.jsonl` or `.jsonl.gz` file, parsed; [] when the file is not there
 * (not every symbol was recorded with every stream). Tests read the few megabytes whole, so they
 * can compare against the product's streaming readers rather than share their code.
 */
export function readRecordedLines<T>(dir: string, name: string): T[] {
  const file = recordedFile(dir, name);
  if (!file) return [];
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
