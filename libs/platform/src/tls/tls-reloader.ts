import { LoggerService } from '@nestjs/common';
import { unwatchFile, watchFile } from 'node:fs';
import { describeCertificate, TlsCredentials } from './tls-credentials';

/** Calls `onChange` when the file at `path` changes; returns a function that stops watching. */
export type WatchFile = (path: string, intervalMs: number, onChange: () => void) => () => void;

/**
 * Polls the path's status rather than watching its inode: Kubernetes renews a mounted Secret by
 * swapping a symlink, certbot by re-pointing `live/` links, and an inotify watch on the old inode
 * would see neither. Not persistent: watching never keeps the process alive.
 */
export const pollFile: WatchFile = (path, intervalMs, onChange) => {
  const listener = () => onChange();
  watchFile(path, { interval: intervalMs, persistent: false }, listener);
  return () => unwatchFile(path, listener);
};

export interface TlsReloaderOptions {
  files: readonly string[];
  intervalMs: number;
  /** Reads and checks the files (`readTlsCredentials`); throws when they are not a pair. */
  load: () => TlsCredentials;
  /** Makes new connections use them (`server.setSecureContext`); open ones keep theirs. */
  apply: (credentials: TlsCredentials) => void;
  logger: Pick<LoggerService, 'log' | 'error'>;
  watch?: WatchFile;
}

/**
 * Serves renewed certificate files without a restart. A renewal rewrites two files, which polling
 * may see one interval apart, so they are read once both have been still for one interval. A new
 * pair that does not load is logged and the one in use is kept.
 */
export class TlsReloader {
  private readonly stops: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: TlsReloaderOptions,
    private current: TlsCredentials,
  ) {}

  start(): void {
    if (this.options.intervalMs === 0) return;
    const watch = this.options.watch ?? pollFile;
    for (const file of this.options.files) {
      this.stops.push(watch(file, this.options.intervalMs, () => this.changed()));
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.stops.splice(0).forEach((stop) => stop());
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), this.options.intervalMs);
    this.timer.unref();
  }

  private reload(): void {
    const { load, apply, logger } = this.options;
    try {
      const next = load();
      if (next.cert.equals(this.current.cert) && next.key.equals(this.current.key)) return;
      apply(next);
      this.current = next;
      logger.log(`TLS certificate reloaded: ${describeCertificate(next.certificate)}`);
    } catch (error) {
      logger.error(
        `TLS certificate not reloaded: ${(error as Error).message}; still serving ` +
          describeCertificate(this.current.certificate),
      );
    }
  }
}
