import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, freePort } from '../../../test/support/app-process';
import { makeCa, makeServerCertificate, TestCa } from '../../../test/support/test-certificates';
import { httpsGet } from '../../../test/support/tls-client';
import { WsTestClient } from '../../../test/support/ws-test-client';

/** `npm start` with TLS_CERT_FILE/TLS_KEY_FILE: the gateway's bootstrap, so HTTPS and WSS too. */
describe('embedded mode over TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketstream-embedded-tls-'));
  let ca: TestCa;
  let port: number;
  let app: AppProcess;

  beforeAll(async () => {
    ca = makeCa(dir, 'embedded');
    const pair = makeServerCertificate(dir, ca);
    port = await freePort();
    app = AppProcess.start('embedded', {
      PORT: String(port),
      DATA_DIR: join(dir, 'pglite'),
      TLS_CERT_FILE: pair.certFile,
      TLS_KEY_FILE: pair.keyFile,
    });
    await app.waitForOutput(/health: +https:\/\/127\.0\.0\.1:\d+\/health\/ready/, 90_000);
  }, 120_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints https:// and wss:// URLs', async () => {
    const [printed] = await app.waitForOutput(/marketstream is running[^]*health:.*\n/);

    expect(printed).toBe(
      [
        'marketstream is running (embedded mode)',
        `  dashboard:  https://127.0.0.1:${port}/`,
        `  Swagger UI: https://127.0.0.1:${port}/docs`,
        `  WebSocket:  wss://127.0.0.1:${port}/ws   e.g. {"op":"subscribe","channel":"ticker:BTCUSDT"}`,
        `  health:     https://127.0.0.1:${port}/health/ready`,
        '',
      ].join('\n'),
    );
  });

  it('answers over HTTPS and WSS on its one port', async () => {
    expect(await httpsGet(`https://127.0.0.1:${port}/health/live`, ca.pem)).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: '{"status":"ok","info":{},"error":{},"details":{}}',
    });
    const client = await WsTestClient.connect(`wss://127.0.0.1:${port}/ws`, 5000, { ca: ca.pem });
    client.send({ op: 'subscribe', channel: 'ticker:BTCUSDT', id: 'e' });
    const [ack] = await client.waitFor((frame) => frame.type === 'ack');
    await client.close();
    expect(ack).toEqual({ type: 'ack', op: 'subscribe', channel: 'ticker:BTCUSDT', id: 'e' });
  });
});
