import { request } from 'node:https';

export interface HttpsAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/**
 * GET over HTTPS trusting only `ca` (a PEM), as a client of a private CA would. Rejects with the
 * TLS error (its `code`, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE) when the server's certificate fails.
 * `servername` checks the certificate against that name rather than the URL's host.
 */
export function httpsGet(url: string, ca: string, servername?: string): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, servername, agent: false, timeout: 5000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'],
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The error code a GET fails with ('' if it succeeds), for asserting a refused handshake. */
export async function httpsErrorCode(url: string, ca: string): Promise<string> {
  return httpsGet(url, ca).then(
    () => '',
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );
}
