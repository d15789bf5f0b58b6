import { CacheKeys } from '@app/contracts';
import { KeyValueCache } from '@app/storage';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, freePort, sleep } from '../../../test/support/app-process';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import {
  makeCa,
  makeServerCertificate,
  ServerCertificate,
  TestCa,
} from '../../../test/support/test-certificates';
import { httpsErrorCode, httpsGet } from '../../../test/support/tls-client';
import { WsTestClient } from '../../../test/support/ws-test-client';
import { GatewayUnderTest } from './support/gateway-under-test';

const LIVE = '{"status":"ok","info":{},"error":{},"details":{}}';

/** What the gateway logs about a certificate: subject, issuer, expiry and fingerprint. */
function described(pair: ServerCertificate, ca: TestCa): string {
  const certificate = new X509Certificate(readFileSync(pair.certFile));
  return (
    `CN=localhost issued by CN=marketstream test CA ${ca.name}, ` +
    `valid until ${certificate.validTo}, sha256 ${certificate.fingerprint256}`
  );
}

/** The gateway's log lines of context TLS (pino JSON), in order. */
function tlsLog(app: AppProcess): string[] {
  return app.logs
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as { context?: string; msg: string })
    .filter((entry) => entry.context === 'TLS')
    .map((entry) => entry.msg);
}

/**
 * HTTPS and WSS served by the built gateway itself, with openssl-made certificates: every kind of
 * endpoint on the one port, clients of another CA refused, renewed files served without a restart.
 */
describe('gateway over TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketstream-tls-'));
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  let caA: TestCa;
  let caB: TestCa;
  let pairA: ServerCertificate;
  let pairB: ServerCertificate;
  let gateway: GatewayUnderTest;
  let cache: KeyValueCache;
  const get = (path: string, ca = caA) => httpsGet(`${gateway.url}${path}`, ca.pem);

  /** As Kubernetes and certbot renew: a new file renamed over the old one. */
  const install = (from: string, to: string) => {
    copyFileSync(from, `${to}.new`);
    renameSync(`${to}.new`, to);
  };

  beforeAll(async () => {
    caA = makeCa(dir, 'a');
    caB = makeCa(dir, 'b');
    pairA = makeServerCertificate(dir, caA);
    pairB = makeServerCertificate(dir, caB);
    install(pairA.certFile, certFile);
    install(pairA.keyFile, keyFile);
    gateway = await GatewayUnderTest.start(
      {
        TLS_CERT_FILE: certFile,
        TLS_KEY_FILE: keyFile,
        TLS_RELOAD_INTERVAL_MS: '200',
        LOG_LEVEL: 'info',
      },
      undefined,
      caA.pem,
    );
    cache = gateway.openCache();
  }, 90_000);

  afterAll(async () => {
    await cache?.close();
    await gateway?.stop();
    await AppProcess.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health/live over HTTPS to a client that trusts its CA', async () => {
    expect(await get('/health/live')).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: LIVE,
    });
    expect(tlsLog(gateway.process)).toEqual([
      `serving HTTPS and WSS with ${described(pairA, caA)}; files checked for a renewal every 200 ms`,
    ]);
  });

  it('presents a certificate valid for the name localhost as well as 127.0.0.1', async () => {
    const answer = await httpsGet(`${gateway.url}/health/live`, caA.pem, 'localhost');

    expect(answer.body).toBe(LIVE);
  });

  it('serves REST /v1, Swagger UI, its JSON, /metrics and the dashboard on the same port', async () => {
    // Written by hand (the aggregator's part): this checks the transport, not the catalog.
    const market = '{"symbol":"TLSUSDT","status":"TRADING"}';
    await cache.hashSet(CacheKeys.markets(), { TLSUSDT: market });

    expect(await get('/v1/markets')).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: `[${market}]`,
    });
    const docs = await get('/docs');
    expect([docs.status, docs.contentType]).toEqual([200, 'text/html']);
    expect(docs.body).toContain('<title>Swagger UI</title>');
    const openApi = await get('/docs-json');
    expect(openApi.status).toBe(200);
    expect((JSON.parse(openApi.body) as { info: { title: string } }).info.title).toBe(
      'marketstream gateway',
    );
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('# TYPE gateway_ws_connections gauge');
    const dashboard = await get('/');
    expect([dashboard.status, dashboard.contentType]).toEqual([200, 'text/html; charset=utf-8']);
    expect(dashboard.body).toContain('<title>marketstream</title>');
  });

  it('speaks the WebSocket protocol over WSS on /ws', async () => {
    const client = await WsTestClient.connect(gateway.wsUrl, 5000, { ca: caA.pem });
    client.send({ op: 'subscribe', channel: 'ticker:TLSUSDT', id: 1 });
    const [ack] = await client.waitFor((frame) => frame.type === 'ack');
    await client.close();

    expect(gateway.wsUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(ack).toEqual({ type: 'ack', op: 'subscribe', channel: 'ticker:TLSUSDT', id: 1 });
  });

  it('refuses HTTPS and WSS clients that trust another CA', async () => {
    expect(await httpsErrorCode(`${gateway.url}/health/live`, caB.pem)).toBe(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
    await expect(WsTestClient.connect(gateway.wsUrl, 5000, { ca: caB.pem })).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('keeps its certificate when renewed files are not a pair, and says why', async () => {
    install(pairB.certFile, certFile);
    await gateway.process.waitForOutput(/TLS certificate not reloaded/, 10_000);

    expect(tlsLog(gateway.process).slice(1)).toEqual([
      `TLS certificate not reloaded: TLS_KEY_FILE ${keyFile} is not the private key of the ` +
        `certificate in TLS_CERT_FILE ${certFile}; still serving ${described(pairA, caA)}`,
    ]);
    expect((await get('/health/live')).body).toBe(LIVE);
  });

  it('serves a certificate from a second CA once its key arrives, without a restart', async () => {
    const pid = gateway.process.pid;
    const before = await WsTestClient.connect(gateway.wsUrl, 5000, { ca: caA.pem });

    install(pairB.keyFile, keyFile);
    const deadline = Date.now() + 10_000;
    while ((await httpsErrorCode(`${gateway.url}/health/live`, caB.pem)) !== '') {
      if (Date.now() > deadline) throw new Error(`not reloaded:\n${gateway.process.logs}`);
      await sleep(100);
    }

    expect(await get('/health/live', caB)).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: LIVE,
    });
    expect(await httpsErrorCode(`${gateway.url}/health/live`, caA.pem)).toBe(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
    expect(tlsLog(gateway.process).slice(2)).toEqual([
      `TLS certificate reloaded: ${described(pairB, caB)}`,
    ]);
    expect(gateway.process.pid).toBe(pid);
    // A connection made before the renewal keeps going on the old certificate's session.
    before.send({ op: 'ping', id: 7 });
    const [pong] = await before.waitFor((frame) => frame.type === 'pong');
    await before.close();
    expect(pong).toEqual({ type: 'pong', id: 7, time: expect.any(Number) as number });
  });
});

/** Start-up with TLS files that cannot serve: exit 78 and one line naming the variable and file. */
describe('gateway TLS start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketstream-tls-'));
  let pairA: ServerCertificate;
  let pairB: ServerCertificate;

  beforeAll(() => {
    pairA = makeServerCertificate(dir, makeCa(dir, 'a'));
    pairB = makeServerCertificate(dir, makeCa(dir, 'b'));
  });

  afterAll(async () => {
    await AppProcess.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startWith(
    tls: Record<string, string>,
  ): Promise<{ code: number | null; output: string }> {
    const app = AppProcess.start('gateway', {
      PORT: String(await freePort()),
      KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
      REDIS_URL,
      DATABASE_URL,
      ...tls,
    });
    return { code: await app.waitForExit(), output: app.logs };
  }

  it('stops when the certificate comes without its key, naming TLS_KEY_FILE', async () => {
    expect(await startWith({ TLS_CERT_FILE: pairA.certFile })).toEqual({
      code: 78,
      output:
        'Invalid environment:\n' +
        '  TLS_KEY_FILE must be a filesystem path, set together with TLS_CERT_FILE (it is not set)\n',
    });
  });

  it('stops when a file does not exist, naming it', async () => {
    const missing = join(dir, 'missing.key');

    expect(await startWith({ TLS_CERT_FILE: pairA.certFile, TLS_KEY_FILE: missing })).toEqual({
      code: 78,
      output: `TLS_KEY_FILE ${missing} cannot be read (ENOENT: no such file or directory)\n`,
    });
  });

  it('stops when a path cannot be read as a file (a directory)', async () => {
    expect(await startWith({ TLS_CERT_FILE: dir, TLS_KEY_FILE: pairA.keyFile })).toEqual({
      code: 78,
      output: `TLS_CERT_FILE ${dir} cannot be read (EISDIR: illegal operation on a directory)\n`,
    });
  });

  it('stops when the key is not the certificate’s', async () => {
    expect(await startWith({ TLS_CERT_FILE: pairA.certFile, TLS_KEY_FILE: pairB.keyFile })).toEqual(
      {
        code: 78,
        output:
          `TLS_KEY_FILE ${pairB.keyFile} is not the private key of the certificate in ` +
          `TLS_CERT_FILE ${pairA.certFile}\n`,
      },
    );
  });
});
