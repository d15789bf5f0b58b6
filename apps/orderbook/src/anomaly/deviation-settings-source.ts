import { LayeredSettings } from '@app/platform';
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
 * The anomaly filter's settings: env JSON < JSON file < settings URL, file and URL re-read every
 * `refreshMs` (LayeredSettings), so limits change without a restart.
 */
export class DeviationSettingsSource extends LayeredSettings<DeviationSettings> {
  constructor(options: DeviationSettingsSourceOptions) {
    super({
      ...options,
      name: 'anomaly settings',
      base:
        options.envJson === undefined
          ? NO_DEVIATION_LIMITS
          : parseDeviationSettings(JSON.parse(options.envJson)),
      parse: parseDeviationSettings,
    });
  }

  limitFor(symbol: string): string | undefined {
    return deviationLimitFor(this.current, symbol);
  }
}
