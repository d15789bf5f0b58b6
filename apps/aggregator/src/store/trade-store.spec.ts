import { migrate, MIGRATIONS, PgliteDatabase } from '@app/storage';
import { btcTrade } from '../../test/support/fixed-events';
import { applyBatch } from '../aggregation/apply-batch';
import { observe } from '../stats/event-ledger';
import { recomputeMinuteWindows } from './window-store';

const T = Date.UTC(2024, 0, 5);
const MINUTE = 60_000;

describe('migration 006 aggregator_trade_marks', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
  }, 60_000);

  afterAll(() => db.close());

  /** A trade's ledger row as the aggregator stored it before 006. */
  const ledgerRow = (id: number, kind: 'a' | 't', price: string, time: number) =>
    db.query(
      `insert into aggregator_events (event_id, state, pair, market, minute_start, event_time,
         ordinal, price, base_amount, quote_amount, taker_buys)
       values ($1, 'counted', 'BTCUSDT', 'spot', $2, $3, $4, $5, 1, $5, true)`,
      [`trade:BTCUSDT:${kind}:${id}`, time - (time % MINUTE), time, id, price],
    );
  const minute = async (start: number) =>
    (
      await db.query(
        `select trade_count as n, trim_scale(open)::text as open, trim_scale(close)::text as close,
                open_id, close_id
           from aggregator_minute_windows where pair = 'BTCUSDT' and minute_start = $1`,
        [start],
      )
    ).rows[0];

  it('fills the marks and the open and close keys from the ledger; late trades then count once', async () => {
    await migrate(db, MIGRATIONS.slice(0, 5));
    await ledgerRow(1, 't', '100', T + 10_000);
    await ledgerRow(2, 't', '102', T + 20_000);
    await ledgerRow(50, 'a', '101', T + 30_000);
    // Minute two lost its first trade to retention before 006: its open is older than any accepted.
    await ledgerRow(3, 't', '90', T + MINUTE + 1_000);
    await ledgerRow(4, 't', '95', T + MINUTE + 2_000);
    await db.transaction((tx) =>
      recomputeMinuteWindows(tx, [
        { pair: 'BTCUSDT', minuteStart: T },
        { pair: 'BTCUSDT', minuteStart: T + MINUTE },
      ]),
    );
    await db.query(`delete from aggregator_events where event_id = 'trade:BTCUSDT:t:3'`);

    await expect(migrate(db)).resolves.toEqual([6]);

    const marks = await db.query(
      'select mark, last_trade_id::int as id from aggregator_trade_marks',
    );
    expect(marks.rows).toEqual(
      expect.arrayContaining([
        { mark: 'BTCUSDT:t', id: 4 },
        { mark: 'BTCUSDT:a', id: 50 },
      ]),
    );
    expect(await minute(T)).toEqual({
      n: 3,
      open: '100',
      close: '101',
      open_id: 'trade:BTCUSDT:t:1',
      close_id: 'trade:BTCUSDT:a:50',
    });
    expect(await minute(T + MINUTE)).toMatchObject({ n: 2, open: '90', open_id: null });

    // Redelivered 2 and 4; 5, 6 and 7 are new. 5, late in event time, opens minute one; 6 comes
    // before every trade minute two still has rows of, but not before its pruned open, which stays
    // (no key); 7 closes minute two.
    const late = [
      btcTrade(2, '102', '1', T + 20_000),
      btcTrade(5, '99', '1', T + 5_000),
      btcTrade(4, '95', '1', T + MINUTE + 2_000),
      btcTrade(6, '80', '1', T + MINUTE + 1_500),
      btcTrade(7, '85', '1', T + MINUTE + 3_000),
    ];
    const applied = await db.transaction((tx) =>
      applyBatch(
        tx,
        late.map((t) => observe('trade', t)),
      ),
    );
    expect(applied).toMatchObject({ counted: 3, duplicates: 2 });
    expect(await minute(T)).toMatchObject({ n: 4, open: '99', close: '101' });
    expect(await minute(T + MINUTE)).toMatchObject({ n: 4, open: '90', close: '85' });
  });
});
