import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM files made by openssl, as an operator's CA would make them. */
export interface TestCa {
  name: string;
  certFile: string;
  /** The CA certificate's PEM, for a client that trusts this CA. */
  pem: string;
}

/** A certificate and its unencrypted key (PEM), server's or client's. */
export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

export type ServerCertificate = CertificateFiles;
export type ClientCertificate = CertificateFiles;

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
const P256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A self-signed CA in `dir` (`<name>-ca.crt`, `<name>-ca.key`). */
export function makeCa(dir: string, name: string): TestCa {
  const certFile = join(dir, `${name}-ca.crt`);
  openssl([
    'req',
    '-x509',
    ...P256,
    '-days',
    '2',
    '-subj',
    `/CN=marketstream test CA ${name}`,
    '-keyout',
    join(dir, `${name}-ca.key`),
    '-out',
    certFile,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { name, certFile, pem: readFileSync(certFile, 'utf8') };
}

/**
 * A server certificate for 127.0.0.1 and localhost signed by `ca`, alone in its file (no chain:
 * a client that does not trust `ca` gets UNABLE_TO_VERIFY_LEAF_SIGNATURE).
 */
export function makeServerCertificate(dir: string, ca: TestCa): ServerCertificate {
  return makeSignedCertificate(dir, ca, `server-${ca.name}`, '/CN=localhost', [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'extendedKeyUsage=serverAuth',
  ]);
}

/**
 * A client certificate (extendedKeyUsage=clientAuth) for `name` signed by `ca`, as a broker that
 * requires mutual TLS checks it against its truststore.
 */
export function makeClientCertificate(dir: string, ca: TestCa, name: string): ClientCertificate {
  return makeSignedCertificate(dir, ca, `client-${name}-${ca.name}`, `/CN=${name}`, [
    'extendedKeyUsage=clientAuth',
  ]);
}

function makeSignedCertificate(
  dir: string,
  ca: TestCa,
  fileName: string,
  subject: string,
  extensions: string[],
): CertificateFiles {
  const base = join(dir, fileName);
  writeFileSync(
    `${base}.ext`,
    ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', ...extensions].join('\n'),
  );
  openssl([
    'req',
    '-new',
    ...P256,
    '-subj',
    subject,
    '-keyout',
    `${base}.key`,
    '-out',
    `${base}.csr`,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    `${base}.csr`,
    '-days',
    '2',
    '-extfile',
    `${base}.ext`,
    '-CA',
    ca.certFile,
    '-CAkey',
    join(dir, `${ca.name}-ca.key`),
    '-CAcreateserial',
    '-CAserial',
    join(dir, `${ca.name}-ca.srl`),
    '-out',
    `${base}.crt`,
  ]);
  return { certFile: `${base}.crt`, keyFile: `${base}.key` };
}
