import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { JsonLine, plainOrGzipped, readJsonLines, readJsonObjects } from './json-lines';

const TEXT = '{"a":1}\n\n{"a":"2.50000000"}\r\n{"a":3}';

async function collect(file: string): Promise<JsonLine[]> {
  const lines: JsonLine[] = [];
  for await (const line of readJsonLines(file)) lines.push(line);
  return lines;
}

describe(readJsonLines.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'json-lines-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a plain and a gzip-compressed file alike, numbering lines as the file does', async () => {
    writeFileSync(path.join(dir, 'x.jsonl'), TEXT);
    writeFileSync(path.join(dir, 'y.jsonl.gz'), gzipSync(TEXT));
    const expected = [
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"a":"2.50000000"}' },
      { line: 4, text: '{"a":3}' },
    ];

    expect(await collect(path.join(dir, 'x.jsonl'))).toEqual(expected);
    expect(await collect(path.join(dir, 'y.jsonl.gz'))).toEqual(expected);
  });

  it('rejects a truncated gzip file instead of ending quietly', async () => {
    const file = path.join(dir, 'cut.jsonl.gz');
    writeFileSync(file, gzipSync(TEXT.repeat(50)).subarray(0, 40));

    await expect(collect(file)).rejects.toThrow('unexpected end of file');
  });

  it.each(['missing.jsonl', 'missing.jsonl.gz'])('rejects %s, which is not there', async (name) => {
    await expect(collect(path.join(dir, name))).rejects.toThrow('ENOENT');
  });
});

describe(readJsonObjects.name, () => {
  it('names the file and line of a line that is not a JSON object', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'json-lines-'));
    const file = path.join(dir, 'x.jsonl');
    writeFileSync(file, '{"a":1}\n[1,2]\n');

    await expect(readJsonObjects(file)).rejects.toThrow(`${file}:2: not a JSON object`);
    writeFileSync(file, '{"a":1}\n{"a":\n');
    await expect(readJsonObjects(file)).rejects.toThrow(`${file}:2: not JSON`);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe(plainOrGzipped.name, () => {
  it('finds the plain file, else the compressed one, else nothing, and refuses both', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'json-lines-'));
    expect(plainOrGzipped(dir, 'depth.jsonl')).toBeNull();
    writeFileSync(path.join(dir, 'depth.jsonl.gz'), gzipSync(''));
    expect(plainOrGzipped(dir, 'depth.jsonl')).toBe(path.join(dir, 'depth.jsonl.gz'));
    writeFileSync(path.join(dir, 'trade.jsonl'), '');
    expect(plainOrGzipped(dir, 'trade.jsonl')).toBe(path.join(dir, 'trade.jsonl'));
    writeFileSync(path.join(dir, 'depth.jsonl'), '');
    expect(() => plainOrGzipped(dir, 'depth.jsonl')).toThrow(
      `both ${path.join(dir, 'depth.jsonl')} and ${path.join(dir, 'depth.jsonl.gz')} exist`,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
