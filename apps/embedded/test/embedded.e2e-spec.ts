import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, freePort, waitForStatus } from '../../../test/support/app-process';
import { WsTestClient } from '../../../test/support/ws-test-client';

/** `npm start`'s process: everything in one, with PGlite persisted in DATA_DIR. */
describe('embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'marketstream-embedded-'));
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });

  afterAll(async () => {
    await AppProcess.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(): AppProcess {
    return AppProcess.start('embedded', {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });
  }

  it('serves readiness, Swagger and live ticker frames, and stops within 5 s of Ctrl-C', async () => {
    const app = start();
    await app.waitForOutput(/health: +http:\/\/127\.0\.0\.1:\d+\/health\/ready/);
    expect(app.logs).toContain(`Swagger UI: http://127.0.0.1:${port}/docs`);
    expect(app.logs).toContain(`WebSocket:  ws://127.0.0.1:${port}/ws`);
    expect(app.logs).toContain('applied migrations 1');

    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as {
      details: object;
    };
    expect(ready.details).toEqual({
      kafka: { status: 'up', transport: 'in-process' },
      postgres: { status: 'up', kind: 'pglite' },
      redis: { status: 'up', kind: 'memory' },
    });
    expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);

    const client = await WsTestClient.connect(`ws://127.0.0.1:${port}/ws`);
    client.send({ op: 'subscribe', channel: 'ticker:ETHUSDT', id: 7 });
    const [update] = await client.waitFor((frame) => frame.type === 'update');
    await client.close();
    expect(update).toMatchObject({ channel: 'ticker:ETHUSDT', data: { symbol: 'ETHUSDT' } });
    expect(update.seq).toBeGreaterThanOrEqual(1);

    const stoppedAt = Date.now();
    expect(await app.stop('SIGINT')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(app.logs).not.toMatch(/took longer than/);
  }, 60_000);

  it('keeps its database in DATA_DIR across restarts', async () => {
    const app = start();
    await app.waitForOutput(/schema is up to date/);
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200);
    expect(await app.stop('SIGTERM')).toBe(0);
  }, 60_000);
});
