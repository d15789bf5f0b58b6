import { readdir } from 'node:fs/promises';
import { MIGRATIONS } from './index';

describe('MIGRATIONS', () => {
  it('lists every NNN_name.ts file of this folder once, with the version and name of its file name', async () => {
    const files = (await readdir(__dirname)).filter((file) => /^\d{3}_.+\.ts$/.test(file)).sort();

    const listed = MIGRATIONS.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}.ts`);
    expect(listed).toEqual(files);
  });

  it('numbers the migrations 1, 2, 3... with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });
});
