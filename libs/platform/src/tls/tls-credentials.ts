import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TlsSettings } from './tls.env';

/** A certificate chain and its key, read and checked: what a TLS server is given. */
export interface TlsCredentials {
  cert: Buffer;
  key: Buffer;
  /** The leaf certificate, for logs (subject, expiry, fingerprint; the key is never logged). */
  certificate: X509Certificate;
}

/** The files cannot serve TLS; the message names the variable and the file. */
export class TlsFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsFilesError';
  }
}

type TlsFiles = Pick<TlsSettings, 'certFile' | 'keyFile'>;

/**
 * Reads both files and checks that they are a certificate and its private key, so that a bad pair
 * is refused here, with a message that says which file is wrong, rather than by OpenSSL later.
 */
export function readTlsCredentials({ certFile, keyFile }: TlsFiles): TlsCredentials {
  const cert = read('TLS_CERT_FILE', certFile);
  const key = read('TLS_KEY_FILE', keyFile);
  const certificate = parse(
    () => new X509Certificate(cert),
    `TLS_CERT_FILE ${certFile} holds no PEM certificate`,
  );
  const privateKey: KeyObject = parse(
    () => createPrivateKey(key),
    `TLS_KEY_FILE ${keyFile} holds no unencrypted PEM private key`,
  );
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new TlsFilesError(
      `TLS_KEY_FILE ${keyFile} is not the private key of the certificate in TLS_CERT_FILE ${certFile}`,
    );
  }
  return { cert, key, certificate };
}

/** Start-up: the credentials, or one line on stderr and exit 78 (EX_CONFIG), as for the env. */
export function readTlsCredentialsOrExit(files: TlsFiles): TlsCredentials {
  try {
    return readTlsCredentials(files);
  } catch (error) {
    if (!(error instanceof TlsFilesError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}

/** "CN=localhost, valid until ..., sha256 AB:CD:...": which certificate is being served. */
export function describeCertificate(certificate: X509Certificate): string {
  const subject = certificate.subject.split('\n').join(', ');
  const issuer = certificate.issuer.split('\n').join(', ');
  return (
    `${subject} issued by ${issuer}, valid until ${certificate.validTo}, ` +
    `sha256 ${certificate.fingerprint256}`
  );
}

function read(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    // Node's "ENOENT: no such file or directory, open '/etc/tls/tls.crt'" without the system
    // call and path, which come after the comma when they come at all (EISDIR has no path).
    const reason = (error as Error).message.split(', ')[0];
    throw new TlsFilesError(`${variable} ${path} cannot be read (${reason})`);
  }
}

function parse<T>(build: () => T, problem: string): T {
  try {
    return build();
  } catch (error) {
    // OpenSSL's reason ("DECODER routines::unsupported"), never the file's content.
    throw new TlsFilesError(`${problem} (${(error as Error).message})`);
  }
}
