import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { outsidePaths, repositoryTextFiles } from './checkout-boundary';

const ROOT = path.resolve(__dirname, '..', '..');

/*
 * A clone has only what the repository holds: a test or a default that reads a folder beside the
 * checkout works on one machine and fails everywhere else. The synthetic paths below are built at
 * run time, so this file does not trip its own scan.
 */
describe('checkout boundary', () => {
  it('scans every git-tracked text file line by line: no ../ path (resolved from its own folder), no join(__dirname, ...) and no sibling data folder leads outside the root', () => {
    const files = repositoryTextFiles(ROOT);
    const found = files.flatMap((file) =>
      outsidePaths(ROOT, file, readFileSync(path.join(ROOT, file), 'utf8')).map(
        (p) => `${p.where}: ${p.written} → ${p.resolved}`,
      ),
    );

    expect(files).toContain('apps/producer/src/producer.env.ts');
    expect(files).toContain('.env.example');
    expect(files).toContain('recordings/uniswap-v3/SOURCE.txt');
    expect(files.filter((file) => file.endsWith('.gz'))).toEqual([]); // binary: skipped
    expect(found).toEqual([]);
  });

  describe(outsidePaths.name, () => {
    const up = (levels: number) => '../'.repeat(levels);
    const quoted = (levels: number) => Array<string>(levels).fill(`'..'`).join(', ');
    const sibling = ['shared', 'data'].join('/');

    it('resolves a climbing path from the folder of the file that names it', () => {
      const file = 'libs/exchange/src/dex/x.spec.ts';
      const inside = `import { y } from '${up(4)}test/support/y';`;
      const outside = `const DIR = '${up(5)}elsewhere/data';`;

      expect(outsidePaths(ROOT, file, `${inside}\n${outside}`)).toEqual([
        { where: `${file}:2`, written: `${up(5)}elsewhere/data`, resolved: '../elsewhere/data' },
      ]);
    });

    it('evaluates join(__dirname, ...) with one string argument per segment', () => {
      const file = 'apps/aggregator/src/aggregation/x.int-spec.ts';
      const text = `const DATA = join(__dirname, ${quoted(5)}, 'elsewhere', 'data');`;

      expect(outsidePaths(ROOT, file, text).map((p) => p.resolved)).toEqual(['../elsewhere/data']);
      expect(outsidePaths(ROOT, file, `join(__dirname, ${quoted(4)}, 'recordings')`)).toEqual([]);
    });

    it('flags a path that climbs out from the root in configuration and Markdown', () => {
      expect(outsidePaths(ROOT, '.env.example', `REPLAY_DIR=${up(1)}data/day`)).toEqual([
        { where: '.env.example:1', written: `${up(1)}data/day`, resolved: '../data/day' },
      ]);
      expect(outsidePaths(ROOT, 'README.md', 'a\nsee `' + up(2) + '`').map((p) => p.where)).toEqual(
        ['README.md:2'],
      );
    });

    it('flags the old sibling data folder whatever it is relative to', () => {
      expect(outsidePaths(ROOT, 'libs/orderbook/README.md', `in \`${up(1)}${sibling}\``)).toEqual([
        { where: 'libs/orderbook/README.md:1', written: sibling, resolved: `../${sibling}` },
      ]);
    });

    it('leaves alone spreads, URLs and paths that stay inside', () => {
      const text = [
        '{ ...base, rootDir: __dirname }',
        'https://example.com/a/../b',
        `'./recordings/uniswap-v3'`,
        `path.resolve(__dirname, ${quoted(2)})`,
      ].join('\n');

      expect(outsidePaths(ROOT, 'tools/checkout-boundary/x.ts', text)).toEqual([]);
    });
  });
});
