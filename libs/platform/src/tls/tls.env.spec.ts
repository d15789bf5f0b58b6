import { BaseEnv } from '../config/base.env';
import { InvalidEnvironmentError, parseEnv } from '../config/load-env';
import { WithTlsEnv } from './tls.env';

class TlsTestEnv extends WithTlsEnv(BaseEnv) {}

describe(WithTlsEnv.name, () => {
  it('serves plain HTTP when neither file is set', () => {
    expect(parseEnv(TlsTestEnv, {}).tls).toBeUndefined();
  });

  it('reads both files and checks them for a renewal every 10 s by default', () => {
    const env = parseEnv(TlsTestEnv, {
      TLS_CERT_FILE: '/etc/tls/tls.crt',
      TLS_KEY_FILE: '/etc/tls/tls.key',
    });

    expect(env.tls).toEqual({
      certFile: '/etc/tls/tls.crt',
      keyFile: '/etc/tls/tls.key',
      reloadIntervalMs: 10_000,
    });
  });

  it('takes 0 as never reloading', () => {
    const env = parseEnv(TlsTestEnv, {
      TLS_CERT_FILE: 'cert.pem',
      TLS_KEY_FILE: 'key.pem',
      TLS_RELOAD_INTERVAL_MS: '0',
    });

    expect(env.tls?.reloadIntervalMs).toBe(0);
  });

  it('refuses a certificate without its key, naming the variable that is missing', () => {
    expect(() => parseEnv(TlsTestEnv, { TLS_CERT_FILE: '/etc/tls/tls.crt' })).toThrow(
      new InvalidEnvironmentError([
        'TLS_KEY_FILE must be a filesystem path, set together with TLS_CERT_FILE (it is not set)',
      ]),
    );
  });

  it('refuses a key without its certificate', () => {
    expect(() => parseEnv(TlsTestEnv, { TLS_KEY_FILE: '/etc/tls/tls.key' })).toThrow(
      new InvalidEnvironmentError([
        'TLS_CERT_FILE must be a filesystem path, set together with TLS_KEY_FILE (it is not set)',
      ]),
    );
  });

  it('refuses a reload interval that is not a whole number of ms', () => {
    expect(() => parseEnv(TlsTestEnv, { TLS_RELOAD_INTERVAL_MS: '2s' })).toThrow(
      new InvalidEnvironmentError([
        'TLS_RELOAD_INTERVAL_MS must be an integer from 0 to 86400000 (got "2s")',
      ]),
    );
  });
});
