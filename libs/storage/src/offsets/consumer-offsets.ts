import { SqlExecutor } from '../sql/sql-database';

/** The next offset to read from one partition, as Kafka writes offsets: a decimal string. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  nextOffset: string;
}

/**
 * Stores where `groupId` resumes. Call it with the transaction that writes the results of those
 * messages, so both commit or neither does. Later entries for the same partition win.
 */
export async function saveOffsets(
  tx: SqlExecutor,
  groupId: string,
  offsets: readonly PartitionOffset[],
): Promise<void> {
  // One statement may not update a row twice (ON CONFLICT would fail), so keep the last per partition.
  const latest = new Map(
    offsets.map((offset) => [`${offset.topic}\u0000${offset.partition}`, offset]),
  );
  if (latest.size === 0) return;
  const params: unknown[] = [groupId];
  const rows = [...latest.values()].map((offset) => {
    params.push(offset.topic, offset.partition, offset.nextOffset);
    const n = params.length;
    return `($1, $${n - 2}, $${n - 1}, $${n}::bigint)`;
  });
  await tx.query(
    `insert into consumer_offsets (group_id, topic, partition, next_offset)
     values ${rows.join(', ')}
     on conflict (group_id, topic, partition)
     do update set next_offset = excluded.next_offset, updated_at = now()`,
    params,
  );
}

/** Where `groupId` resumes on each partition of `topic` it has stored, by partition. */
export async function loadOffsets(
  db: SqlExecutor,
  groupId: string,
  topic: string,
): Promise<PartitionOffset[]> {
  const { rows } = await db.query<{ partition: number; next_offset: string }>(
    `select partition, next_offset from consumer_offsets
     where group_id = $1 and topic = $2 order by partition`,
    [groupId, topic],
  );
  return rows.map((row) => ({ topic, partition: row.partition, nextOffset: row.next_offset }));
}
