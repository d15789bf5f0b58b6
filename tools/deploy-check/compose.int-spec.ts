import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPOSE_INSTALL, runCompose } from './compose-check';
import { COMPOSE_FILE } from './paths';

/** `docker-compose config -q`: the file is one compose accepts (schema, references, conditions). */
describe('docker-compose.yml', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'compose-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of docker-compose.yml beside the real build context, with one edit. */
  function brokenCopy(edit: (text: string) => string): string {
    const file = join(dir, 'docker-compose.yml');
    const original = readFileSync(COMPOSE_FILE, 'utf8');
    const edited = edit(original);
    expect(edited).not.toBe(original); // the edit must have applied
    writeFileSync(file, edited);
    copyFileSync(join(__dirname, '..', '..', 'Dockerfile'), join(dir, 'Dockerfile'));
    return file;
  }

  it('passes docker-compose config -q (install it with: ' + COMPOSE_INSTALL + ')', () => {
    expect(runCompose(COMPOSE_FILE, ['config', '-q'])).toEqual({ status: 0, output: '' });
  });

  it('fails a copy whose dependency condition does not exist', () => {
    const file = brokenCopy((text) =>
      text.replace('condition: service_completed_successfully', 'condition: service_finished'),
    );
    const result = runCompose(file, ['config', '-q']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('service_finished');
  });

  it('fails a copy that depends on a service it does not define', () => {
    const file = brokenCopy((text) => text.replace(/\n {2}redis:\n/, '\n  cache:\n'));
    const result = runCompose(file, ['config', '-q']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      "Service 'orderbook' depends on service 'redis' which is undefined.",
    );
  });

  it('fails a copy with a misspelt service option', () => {
    const file = brokenCopy((text) => text.replace('stop_grace_period: 20s', 'stop_grace: 20s'));
    const result = runCompose(file, ['config', '-q']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("Unsupported config option for services.gateway: 'stop_grace'");
  });

  it('says how to install docker-compose when it is missing', () => {
    expect(() => runCompose(COMPOSE_FILE, ['config', '-q'], '/nonexistent')).toThrow(
      `docker-compose is not installed: ${COMPOSE_INSTALL}`,
    );
  });
});
