import { Logger } from '@nestjs/common';
import { Server } from 'node:tls';
import { describeCertificate, readTlsCredentials, TlsCredentials } from './tls-credentials';
import { TlsReloader } from './tls-reloader';
import { TlsSettings } from './tls.env';

/** Logs what `server` serves and has it serve renewed files, until it closes. */
export function reloadTlsOnChange(
  server: Server,
  settings: TlsSettings,
  credentials: TlsCredentials,
): void {
  const logger = new Logger('TLS');
  const every = settings.reloadIntervalMs;
  logger.log(
    `serving HTTPS and WSS with ${describeCertificate(credentials.certificate)}; ` +
      (every === 0 ? 'not reloaded' : `files checked for a renewal every ${every} ms`),
  );
  const reloader = new TlsReloader(
    {
      files: [settings.certFile, settings.keyFile],
      intervalMs: every,
      load: () => readTlsCredentials(settings),
      apply: ({ cert, key }) => server.setSecureContext({ cert, key }),
      logger,
    },
    credentials,
  );
  reloader.start();
  server.once('close', () => reloader.stop());
}
