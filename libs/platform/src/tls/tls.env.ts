import { EnvConstructor } from '../config/base.env';
import { EnvInt, EnvPathWith } from '../config/env-decorators';

/** Where the app finds its certificate and key, and how often it looks for new ones. */
export interface TlsSettings {
  certFile: string;
  keyFile: string;
  /** How often the files are checked for a change; 0: read once, at start-up. */
  reloadIntervalMs: number;
}

/**
 * HTTPS and WSS served by the app itself, on its one port: for a deployment with no TLS-terminating
 * proxy in front (a VM, compose, the embedded mode). Behind an Ingress, leave both files unset.
 */
export function WithTlsEnv<TBase extends EnvConstructor>(Base: TBase) {
  class TlsEnv extends Base {
    /** PEM certificate chain, leaf first (cert-manager's tls.crt, certbot's fullchain.pem). */
    @EnvPathWith('TLS_KEY_FILE')
    TLS_CERT_FILE?: string;

    /** PEM private key of the certificate in TLS_CERT_FILE, unencrypted. */
    @EnvPathWith('TLS_CERT_FILE')
    TLS_KEY_FILE?: string;

    /** Renewed files are served without a restart, this long after they stop changing. */
    @EnvInt(0, 86_400_000)
    TLS_RELOAD_INTERVAL_MS: number = 10_000;

    /** Undefined: plain HTTP and WS. (Validation makes sure the two files come together.) */
    get tls(): TlsSettings | undefined {
      if (this.TLS_CERT_FILE === undefined || this.TLS_KEY_FILE === undefined) return undefined;
      return {
        certFile: this.TLS_CERT_FILE,
        keyFile: this.TLS_KEY_FILE,
        reloadIntervalMs: this.TLS_RELOAD_INTERVAL_MS,
      };
    }
  }
  return TlsEnv;
}
