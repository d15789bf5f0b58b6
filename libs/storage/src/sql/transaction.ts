import { QueryRows, SqlExecutor } from './sql-database';

/** One statement on a connection, with the command tag that tells a real COMMIT from a silent ROLLBACK. */
export type SessionQuery = (
  sql: string,
  params?: unknown[],
) => Promise<QueryRows<unknown> & { command: string }>;

/**
 * Postgres answers COMMIT with ROLLBACK, not an error, when a statement in the transaction failed
 * and `work` caught that failure. Treating that as success would lose the writes silently.
 */
export class TransactionAbortedError extends Error {
  constructor() {
    super('transaction was aborted by a failed statement and has been rolled back');
    this.name = TransactionAbortedError.name;
  }
}

/**
 * BEGIN, `work`, COMMIT; ROLLBACK and rethrow if `work` throws. `tx` refuses statements after the
 * transaction ends, so a reference kept by mistake cannot write outside it (or, on PGlite, outside
 * the lock). `onRollbackFailure` lets the caller discard a connection that could not roll back.
 */
export async function runInTransaction<T>(
  run: SessionQuery,
  exec: (sql: string) => Promise<void>,
  work: (tx: SqlExecutor) => Promise<T>,
  onRollbackFailure: (error: unknown) => void = () => undefined,
): Promise<T> {
  let open = true;
  const guard = (): void => {
    if (!open) throw new Error('transaction is closed: use tx only inside its work function');
  };
  const tx: SqlExecutor = {
    query: async <R>(sql: string, params?: unknown[]) => {
      guard();
      const { rows, rowCount } = await run(sql, params);
      return { rows: rows as R[], rowCount };
    },
    exec: async (sql: string) => {
      guard();
      await exec(sql);
    },
  };

  await run('BEGIN');
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    open = false;
    await run('ROLLBACK').catch(onRollbackFailure);
    throw error;
  }
  open = false;
  const commit = await run('COMMIT');
  if (commit.command === 'ROLLBACK') throw new TransactionAbortedError();
  return result;
}
