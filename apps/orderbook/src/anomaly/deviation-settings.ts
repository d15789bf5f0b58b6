/**
 * The anomaly filter's settings: per symbol, the largest distance of a published level from the
 * mid, in percent, as an exact decimal string. `*` applies to every symbol not named. Read from
 * JSON such as `{"*":"10","BTCUSDT":"2"}` (numbers are accepted when they print as plain decimals).
 */
export type DeviationSettings = ReadonlyMap<string, string>;

export const NO_DEVIATION_LIMITS: DeviationSettings = new Map();

const PERCENT = /^\d{1,6}(\.\d{1,18})?$/;
const KEY = /^(\*|[A-Z0-9]{2,20})$/;

export class InvalidDeviationSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = InvalidDeviationSettingsError.name;
  }
}

export function parseDeviationSettings(json: unknown): DeviationSettings {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidDeviationSettingsError('settings must be a JSON object of symbol to percent');
  }
  const settings = new Map<string, string>();
  for (const [key, raw] of Object.entries(json as Record<string, unknown>)) {
    if (!KEY.test(key)) throw new InvalidDeviationSettingsError(`"${key}" is not a symbol or "*"`);
    const percent = typeof raw === 'number' ? String(raw) : raw;
    if (typeof percent !== 'string' || !PERCENT.test(percent) || /^[0.]+$/.test(percent)) {
      throw new InvalidDeviationSettingsError(
        `${key}: ${JSON.stringify(raw)} is not a positive decimal percentage`,
      );
    }
    settings.set(key, percent);
  }
  return settings;
}

/** The symbol's limit, else the `*` default, else none (nothing is filtered). */
export function deviationLimitFor(settings: DeviationSettings, symbol: string): string | undefined {
  return settings.get(symbol) ?? settings.get('*');
}
