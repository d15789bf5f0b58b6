import { readFile } from 'node:fs/promises';
import {
  deviationLimitFor,
  DeviationSettings,
  NO_DEVIATION_LIMITS,
  parseDeviationSettings,
} from './deviation-settings';

export interface DeviationSettingsSourceOptions {
  /** JSON from the environment (already validated); the base layer. */
  readonly envJson?: string;
  readonly filePath?: string;
  readonly url?: string;
  readonly refreshMs: number;
  /** A refresh that failed: the last good settings stay in force. */
  readonly onError: (error: Error) => void;
  readonly readText?: (path: string) => Promise<string>;
  readonly fetchJson?: (url: string) => Promise<unknown>;
}

/**
 * The anomaly filter's settings, from up to three layers: the env JSON, a JSON file and a settings
 * URL, the later winning once it has been read successfully. File and URL are re-read every
 * `refreshMs`, so limits change without a restart; a bad read keeps the last good settings.
 */
export class DeviationSettingsSource {
  private readonly envSettings: DeviationSettings;
  private fileSettings: DeviationSettings | undefined;
  private urlSettings: DeviationSettings | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DeviationSettingsSourceOptions) {
    this.envSettings =
      options.envJson === undefined
        ? NO_DEVIATION_LIMITS
        : parseDeviationSettings(JSON.parse(options.envJson));
  }

  get current(): DeviationSettings {
    return this.urlSettings ?? this.fileSettings ?? this.envSettings;
  }

  limitFor(symbol: string): string | undefined {
    return deviationLimitFor(this.current, symbol);
  }

  /** Reads the file and URL once now, then every refreshMs. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.options.filePath === undefined && this.options.url === undefined) return;
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const { filePath, url } = this.options;
    if (filePath !== undefined) {
      const read = this.options.readText ?? ((path: string) => readFile(path, 'utf8'));
      await this.load(
        `settings file ${filePath}`,
        async (): Promise<unknown> => JSON.parse(await read(filePath)) as unknown,
        (s) => {
          this.fileSettings = s;
        },
      );
    }
    if (url !== undefined) {
      await this.load(
        `settings URL ${url}`,
        () => (this.options.fetchJson ?? fetchJson)(url),
        (s) => {
          this.urlSettings = s;
        },
      );
    }
  }

  private async load(
    what: string,
    read: () => Promise<unknown>,
    keep: (settings: DeviationSettings) => void,
  ): Promise<void> {
    try {
      keep(parseDeviationSettings(await read()));
    } catch (error) {
      this.options.onError(new Error(`${what}: ${(error as Error).message}`));
    }
  }
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
