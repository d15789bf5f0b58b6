import { readFile } from 'node:fs/promises';
import { PeriodicTask } from '../util/periodic-task';

export interface LayeredSettingsOptions<T> {
  /** What these settings are, for error messages ("anomaly settings"). */
  readonly name: string;
  /** The base layer (from the environment, already validated). */
  readonly base: T;
  readonly filePath?: string;
  readonly url?: string;
  readonly refreshMs: number;
  /** Turns parsed JSON into settings; throws on anything malformed. */
  readonly parse: (json: unknown) => T;
  /** A read that failed: the last good settings stay in force. */
  readonly onError: (error: Error) => void;
  /** The settings in force changed (after a successful read that differs). */
  readonly onChange?: (settings: T) => void;
  readonly readText?: (path: string) => Promise<string>;
  readonly fetchJson?: (url: string) => Promise<unknown>;
}

/**
 * Settings from up to three layers: the environment, a JSON file and a settings URL, the later
 * winning once it has been read successfully. File and URL are re-read every `refreshMs`, so a
 * setting changes without a restart; a bad read keeps the last good settings and is reported.
 * Framework-free; the apps adapt it (anomaly limits, priority symbols).
 */
export class LayeredSettings<T> {
  private fileSettings: T | undefined;
  private urlSettings: T | undefined;
  private readonly rereading: PeriodicTask;
  private lastSeen: string;

  constructor(private readonly options: LayeredSettingsOptions<T>) {
    this.lastSeen = JSON.stringify(options.base);
    this.rereading = new PeriodicTask(() => this.read(), options.refreshMs);
  }

  get current(): T {
    return this.urlSettings ?? this.fileSettings ?? this.options.base;
  }

  /** Reads the file and URL once now, then every refreshMs. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.options.filePath === undefined && this.options.url === undefined) return;
    this.rereading.start();
  }

  /** Stops re-reading; resolves once a read under way has finished. */
  stop(): Promise<void> {
    return this.rereading.stop();
  }

  /** Reads the file and URL now (joining a read already under way). */
  refresh(): Promise<void> {
    return this.rereading.run();
  }

  private async read(): Promise<void> {
    const { filePath, url, name } = this.options;
    if (filePath !== undefined) {
      const read = this.options.readText ?? ((path: string) => readFile(path, 'utf8'));
      const settings = await this.load(
        `${name} file ${filePath}`,
        async () => JSON.parse(await read(filePath)) as unknown,
      );
      if (settings !== undefined) this.fileSettings = settings;
    }
    if (url !== undefined) {
      const settings = await this.load(`${name} URL ${url}`, () =>
        (this.options.fetchJson ?? fetchJson)(url),
      );
      if (settings !== undefined) this.urlSettings = settings;
    }
    this.noticeChange();
  }

  private async load(what: string, read: () => Promise<unknown>): Promise<T | undefined> {
    try {
      return this.options.parse(await read());
    } catch (error) {
      this.options.onError(new Error(`${what}: ${(error as Error).message}`));
      return undefined;
    }
  }

  private noticeChange(): void {
    const seen = JSON.stringify(this.current);
    if (seen === this.lastSeen) return;
    this.lastSeen = seen;
    this.options.onChange?.(this.current);
  }
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
