import { KafkaEnv } from '@app/messaging';
import { EnvConstructor, EnvInt, EnvPath, EnvUrl } from '@app/platform';
import { WithRedisEnv } from '@app/storage';
import { Transform } from 'class-transformer';
import { IsOptional, Matches, ValidateBy } from 'class-validator';
import { parseDeviationSettings } from './anomaly/deviation-settings';
import { OrderbookOptions } from './orderbook.options';
import { BinanceSnapshotSource, SnapshotSource } from './snapshots/snapshot-source';

const SYMBOLS_OR_EMPTY = /^([A-Z0-9]{2,20}(,[A-Z0-9]{2,20})*)?$/;

/** How books are kept and published; shared by the orderbook service and the embedded mode. */
export function WithBookSettings<TBase extends EnvConstructor>(Base: TBase) {
  class BookSettingsEnv extends Base {
    /** Levels per side in each published book.update.v1 and in Redis. */
    @EnvInt(1, 5000)
    BOOK_DEPTH: number = 20;

    /**
     * Levels per side asked of the exchange's snapshot (`limit`); its weight is Binance's for that
     * limit. Binance's deepest (5000, weight 250) by default: a diff can only correct levels the
     * book holds, so a shallower snapshot leaves the book's far end short of the exchange's.
     */
    @EnvInt(1, 5000)
    BOOK_SNAPSHOT_LIMIT: number = 5000;

    /**
     * The snapshot `limit` of symbols not in the priority list; unset: BOOK_SNAPSHOT_LIMIT. Following
     * every symbol (SYMBOLS=*), 1,600 snapshots of 5000 levels cost 400,000 weight: about 2 h 45 min
     * at 2400 a minute. At 100 levels (weight 5) the long tail syncs in about 3.5 min, and its books
     * are exact from the touch to the 100th level of the snapshot (bench/orderbook/all-symbols).
     */
    @IsOptional()
    @EnvInt(1, 5000)
    BOOK_SNAPSHOT_LIMIT_OTHERS?: number;

    /** At most one book.update.v1 per symbol per this many milliseconds (the latest book wins). */
    @EnvInt(1, 60_000)
    BOOK_PUBLISH_INTERVAL_MS: number = 100;

    /** Snapshot request weight this service may spend per minute (Binance allows 6000 per IP). */
    @EnvInt(1, 6000)
    SNAPSHOT_WEIGHT_PER_MINUTE: number = 2400;

    /**
     * The anomaly filter: per symbol, the largest distance of a published level from the mid, in
     * percent, as JSON: `{"*":"10","BTCUSDT":"2"}` ("*" = every other symbol; none = no filter).
     */
    @IsOptional()
    @ValidateBy({
      name: 'isDeviationSettings',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isDeviationJson(value),
        defaultMessage: () =>
          '$property must be JSON like {"*":"10","BTCUSDT":"2"}: symbol (or "*") to a decimal percentage',
      },
    })
    BOOK_ANOMALY_MAX_DEVIATION_PCT?: string;

    /** A JSON file of the same form, re-read every BOOK_ANOMALY_SETTINGS_REFRESH_MS; wins over the env. */
    @IsOptional()
    @EnvPath()
    BOOK_ANOMALY_SETTINGS_FILE?: string;

    /** A URL answering JSON of the same form, re-read periodically; wins over the file and the env. */
    @EnvUrl(['http:', 'https:'])
    BOOK_ANOMALY_SETTINGS_URL?: string;

    /** How often the settings file or URL is re-read. */
    @EnvInt(1000, 3_600_000)
    BOOK_ANOMALY_SETTINGS_REFRESH_MS: number = 30_000;

    /**
     * The priority list from a file (`{"priority":["BTCUSDT",...]}`), re-read every
     * PRIORITY_SETTINGS_REFRESH_MS; replaces PRIORITY_SYMBOLS once read.
     */
    @IsOptional()
    @EnvPath()
    PRIORITY_SETTINGS_FILE?: string;

    /** A URL answering the same JSON (the producer's SYMBOLS_URL does); wins over the file. */
    @EnvUrl(['http:', 'https:'])
    PRIORITY_SETTINGS_URL?: string;

    /** How often the priority file or URL is re-read. */
    @EnvInt(1000, 3_600_000)
    PRIORITY_SETTINGS_REFRESH_MS: number = 60_000;

    /** The service's options, given where snapshots come from and which symbols go first. */
    bookOptions(
      snapshotSource: SnapshotSource,
      prioritySymbols: readonly string[],
    ): OrderbookOptions {
      return {
        snapshotSource,
        snapshotLimits: {
          priority: this.BOOK_SNAPSHOT_LIMIT,
          others: this.BOOK_SNAPSHOT_LIMIT_OTHERS ?? this.BOOK_SNAPSHOT_LIMIT,
        },
        weightPerMinute: this.SNAPSHOT_WEIGHT_PER_MINUTE,
        prioritySymbols,
        priority: {
          filePath: this.PRIORITY_SETTINGS_FILE,
          url: this.PRIORITY_SETTINGS_URL,
          refreshMs: this.PRIORITY_SETTINGS_REFRESH_MS,
        },
        depth: this.BOOK_DEPTH,
        publishIntervalMs: this.BOOK_PUBLISH_INTERVAL_MS,
        deviation: {
          envJson: this.BOOK_ANOMALY_MAX_DEVIATION_PCT,
          filePath: this.BOOK_ANOMALY_SETTINGS_FILE,
          url: this.BOOK_ANOMALY_SETTINGS_URL,
          refreshMs: this.BOOK_ANOMALY_SETTINGS_REFRESH_MS,
        },
      };
    }
  }
  return BookSettingsEnv;
}

export class OrderbookEnv extends WithBookSettings(WithRedisEnv(KafkaEnv)) {
  /** Exchange REST base URL for depth snapshots (`/api/v3/depth`): Binance's or the simulator's. */
  @EnvUrl(['http:', 'https:'])
  EXCHANGE_REST_URL: string = 'https://api.binance.com';

  /** Symbols whose snapshots go first when several wait (comma-separated, e.g. BTCUSDT,ETHUSDT). */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase().replace(/\s+/g, '') : value,
  )
  @Matches(SYMBOLS_OR_EMPTY, {
    message: '$property must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT',
  })
  PRIORITY_SYMBOLS: string = '';

  get prioritySymbols(): string[] {
    return this.PRIORITY_SYMBOLS === '' ? [] : this.PRIORITY_SYMBOLS.split(',');
  }

  get orderbookOptions(): OrderbookOptions {
    return this.bookOptions(
      new BinanceSnapshotSource(this.EXCHANGE_REST_URL),
      this.prioritySymbols,
    );
  }
}

function isDeviationJson(value: string): boolean {
  try {
    parseDeviationSettings(JSON.parse(value));
    return true;
  } catch {
    return false;
  }
}
