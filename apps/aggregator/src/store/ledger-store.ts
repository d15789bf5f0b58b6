import { SqlExecutor } from '@app/storage';
import { CountedTrade } from '../stats/counted-trade';
import { LedgerEntry, LedgerState } from '../stats/event-ledger';
import { minuteOf } from '../stats/counted-trade';
import { LOCK_PAIRS_SQL } from './window-store';

interface LedgerRow {
  event_id: string;
  state: LedgerState;
  pair: string | null;
  market: 'spot' | 'dex' | null;
  event_time: string | null;
  ordinal: string | null;
  price: string | null;
  base_amount: string | null;
  quote_amount: string | null;
  taker_buys: boolean | null;
}

function toEntry(row: LedgerRow): LedgerEntry {
  if (row.pair === null) return { state: row.state, trade: null };
  return {
    state: row.state,
    trade: {
      eventId: row.event_id,
      pair: row.pair,
      market: row.market ?? 'spot',
      eventTime: Number(row.event_time),
      ordinal: row.ordinal ?? '0',
      price: row.price ?? '0',
      baseAmount: row.base_amount ?? '0',
      quoteAmount: row.quote_amount ?? '0',
      takerBuys: row.taker_buys ?? false,
    },
  };
}

/** The stored entries of those ids that have one. */
export async function readLedger(
  tx: SqlExecutor,
  eventIds: readonly string[],
): Promise<Map<string, LedgerEntry>> {
  if (eventIds.length === 0) return new Map();
  const { rows } = await tx.query<LedgerRow>(
    `select event_id, state, pair, market, event_time, ordinal, trim_scale(price)::text as price,
            trim_scale(base_amount)::text as base_amount, trim_scale(quote_amount)::text as quote_amount,
            taker_buys
     from aggregator_events where event_id = any($1::text[])`,
    [eventIds],
  );
  return new Map(rows.map((row) => [row.event_id, toEntry(row)]));
}

function ledgerColumns(entries: ReadonlyMap<string, LedgerEntry>): unknown[][] {
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []];
  for (const [eventId, { state, trade }] of entries) {
    const t: CountedTrade | null = trade;
    const values = [
      eventId,
      state,
      t?.pair ?? null,
      t?.market ?? null,
      t ? minuteOf(t.eventTime) : null,
      t?.eventTime ?? null,
      t?.ordinal ?? null,
      t?.price ?? null,
      t?.baseAmount ?? null,
      t?.quoteAmount ?? null,
      t?.takerBuys ?? null,
    ];
    values.forEach((value, index) => columns[index].push(value));
  }
  return columns;
}

/** Takes the pairs' locks (`LOCK_PAIRS_SQL`, parameter $12), then inserts the 11 columns $1..$11. */
const LOCKED_INSERT_SQL = `with locked as (${LOCK_PAIRS_SQL('$12')})
     insert into aggregator_events (event_id, state, pair, market, minute_start, event_time, ordinal,
                                    price, base_amount, quote_amount, taker_buys)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
                          $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::boolean[])
     where (select count(*) from locked) >= 0`;

/**
 * Takes the locks of `lockedPairs` and inserts the entries of the ids that have none stored yet,
 * in one statement; returns the ids it inserted. The others are left as stored (`on conflict do
 * nothing`; a concurrent insert of the same id is waited for), for the caller to read and apply.
 * In the common batch every id is new, so this one statement replaces a read and a write.
 */
export async function insertNewLedgerEntries(
  tx: SqlExecutor,
  entries: ReadonlyMap<string, LedgerEntry>,
  lockedPairs: readonly string[],
): Promise<Set<string>> {
  const { rows } = await tx.query<{ event_id: string }>(
    `${LOCKED_INSERT_SQL}
     on conflict (event_id) do nothing
     returning event_id`,
    [...ledgerColumns(entries), [...lockedPairs]],
  );
  return new Set(rows.map((row) => row.event_id));
}

/**
 * Inserts or overwrites the entries, one statement for the whole batch, which first takes the
 * pairs' locks (`LOCK_PAIRS_SQL`): the statements after it, which recompute the windows, then see
 * every batch of those pairs that committed before.
 */
export async function writeLedger(
  tx: SqlExecutor,
  changed: ReadonlyMap<string, LedgerEntry>,
  lockedPairs: readonly string[] = [],
): Promise<void> {
  if (changed.size === 0) {
    if (lockedPairs.length > 0) await tx.query(LOCK_PAIRS_SQL('$1'), [[...lockedPairs]]);
    return;
  }
  await tx.query(
    `${LOCKED_INSERT_SQL}
     on conflict (event_id) do update set
       state = excluded.state, pair = excluded.pair, market = excluded.market,
       minute_start = excluded.minute_start, event_time = excluded.event_time,
       ordinal = excluded.ordinal, price = excluded.price, base_amount = excluded.base_amount,
       quote_amount = excluded.quote_amount, taker_buys = excluded.taker_buys`,
    [...ledgerColumns(changed), [...lockedPairs]],
  );
}
