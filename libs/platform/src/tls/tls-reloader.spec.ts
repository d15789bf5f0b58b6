import { X509Certificate } from 'node:crypto';
import { TlsCredentials } from './tls-credentials';
import { TlsReloader, TlsReloaderOptions, WatchFile } from './tls-reloader';

/** Credentials as the reloader sees them; the certificate only needs what the logs show. */
function credentials(name: string): TlsCredentials {
  const certificate = {
    subject: `CN=${name}`,
    issuer: 'CN=test CA',
    validTo: 'Jan  1 00:00:00 2030 GMT',
    fingerprint256: `${name.toUpperCase()}:00`,
  } as X509Certificate;
  return { cert: Buffer.from(`cert ${name}`), key: Buffer.from(`key ${name}`), certificate };
}

const served = (name: string) =>
  `CN=${name} issued by CN=test CA, valid until Jan  1 00:00:00 2030 GMT, sha256 ${name.toUpperCase()}:00`;

describe(TlsReloader.name, () => {
  let changeOf: Map<string, () => void>;
  let unwatched: string[];
  let applied: TlsCredentials[];
  let logs: string[];
  let errors: string[];
  let load: jest.Mock<TlsCredentials, []>;

  const watch: WatchFile = (path, _intervalMs, onChange) => {
    changeOf.set(path, onChange);
    return () => unwatched.push(path);
  };

  function startReloader(overrides: Partial<TlsReloaderOptions> = {}): TlsReloader {
    const reloader = new TlsReloader(
      {
        files: ['/tls/tls.crt', '/tls/tls.key'],
        intervalMs: 200,
        load,
        apply: (next) => applied.push(next),
        logger: {
          log: (message: string) => logs.push(message),
          error: (m: string) => errors.push(m),
        },
        watch,
        ...overrides,
      },
      credentials('old'),
    );
    reloader.start();
    return reloader;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    changeOf = new Map();
    unwatched = [];
    applied = [];
    logs = [];
    errors = [];
    load = jest.fn(() => credentials('new'));
  });

  afterEach(() => jest.useRealTimers());

  it('reads the pair once, after both files have been still for one interval', () => {
    startReloader();

    changeOf.get('/tls/tls.crt')!();
    jest.advanceTimersByTime(150);
    changeOf.get('/tls/tls.key')!();
    jest.advanceTimersByTime(199);
    expect(load).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(applied).toEqual([credentials('new')]);
    expect(logs).toEqual([`TLS certificate reloaded: ${served('new')}`]);
    expect(errors).toEqual([]);
  });

  it('keeps serving the pair in use when the new files do not load, and says why', () => {
    startReloader();
    load.mockImplementation(() => {
      throw new Error('TLS_KEY_FILE /tls/tls.key is not the private key of the certificate');
    });

    changeOf.get('/tls/tls.crt')!();
    jest.advanceTimersByTime(200);

    expect(applied).toEqual([]);
    expect(errors).toEqual([
      'TLS certificate not reloaded: TLS_KEY_FILE /tls/tls.key is not the private key of the ' +
        `certificate; still serving ${served('old')}`,
    ]);
  });

  it('takes the pair once its second file has caught up with the first', () => {
    startReloader();
    load.mockImplementationOnce(() => {
      throw new Error('not a pair');
    });

    changeOf.get('/tls/tls.crt')!();
    jest.advanceTimersByTime(200);
    changeOf.get('/tls/tls.key')!();
    jest.advanceTimersByTime(200);

    expect(errors).toEqual([
      `TLS certificate not reloaded: not a pair; still serving ${served('old')}`,
    ]);
    expect(applied).toEqual([credentials('new')]);
    expect(logs).toEqual([`TLS certificate reloaded: ${served('new')}`]);
  });

  it('names the new certificate as the one in use after a later failure', () => {
    startReloader();
    changeOf.get('/tls/tls.crt')!();
    jest.advanceTimersByTime(200);
    load.mockImplementation(() => {
      throw new Error('gone');
    });

    changeOf.get('/tls/tls.crt')!();
    jest.advanceTimersByTime(200);

    expect(errors).toEqual([`TLS certificate not reloaded: gone; still serving ${served('new')}`]);
  });

  it('applies nothing and logs nothing when the files were touched but hold the same pair', () => {
    startReloader();
    load.mockImplementation(() => credentials('old'));

    changeOf.get('/tls/tls.key')!();
    jest.advanceTimersByTime(200);

    expect(load).toHaveBeenCalledTimes(1);
    expect(applied).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('watches nothing when the interval is 0', () => {
    startReloader({ intervalMs: 0 });

    expect([...changeOf.keys()]).toEqual([]);
  });

  it('stops watching both files and drops a pending reload on stop', () => {
    const reloader = startReloader();
    changeOf.get('/tls/tls.crt')!();

    reloader.stop();
    jest.advanceTimersByTime(1000);

    expect(unwatched).toEqual(['/tls/tls.crt', '/tls/tls.key']);
    expect(load).not.toHaveBeenCalled();
  });
});
