import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDockerfile } from './dockerfile-check';
import { ROOT } from './paths';

/** The Dockerfile, read statically (no Docker engine here): what it builds, runs and leaves out. */
describe('Dockerfile', () => {
  it('builds what npm run build compiles and runs an app as non-root node', () => {
    expect(checkDockerfile(ROOT)).toEqual([]);
  });

  describe('catches a broken copy', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'dockerfile-check-'));
      for (const file of ['Dockerfile', '.dockerignore', 'tsconfig.build.json']) {
        cpSync(join(ROOT, file), join(dir, file));
      }
      cpSync(join(ROOT, 'apps'), join(dir, 'apps'), { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const edit = (file: string, change: (text: string) => string) => {
      const before = readFileSync(join(dir, file), 'utf8');
      const after = change(before);
      expect(after).not.toBe(before);
      writeFileSync(join(dir, file), after);
    };

    it('running as root, an unknown app, no production-only install', () => {
      edit('Dockerfile', (text) =>
        text
          .replace('USER node', 'USER root')
          .replace('CMD ["dist/apps/gateway/src/main.js"]', 'CMD ["dist/apps/gatway/src/main.js"]')
          .replace('npm ci --omit=dev', 'npm ci'),
      );
      expect(checkDockerfile(dir)).toEqual([
        'Dockerfile: production dependencies must come from npm ci --omit=dev',
        'Dockerfile: the final stage runs as root',
        'Dockerfile: CMD ["dist/apps/gatway/src/main.js"] starts no app',
      ]);
    });

    it('a directory the build compiles but the image does not copy, node_modules in the context', () => {
      edit('tsconfig.build.json', (text) =>
        text.replace('"libs/*/src/**/*.ts"', '"libs/*/src/**/*.ts", "packages/*/src/**/*.ts"'),
      );
      edit('.dockerignore', (text) => text.replace(/^node_modules\n/m, ''));
      expect(checkDockerfile(dir)).toEqual([
        'Dockerfile: the build stage does not COPY packages/, which the build compiles',
        '.dockerignore: node_modules must be left out of the build context',
      ]);
    });
  });
});
