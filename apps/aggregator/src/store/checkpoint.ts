import { StaleOffsetError } from '@app/messaging';
import { SqlExecutor } from '@app/storage';

/**
 * Fences a batch and stores its next offset in one statement: the upsert moves the partition's
 * stored offset on only if it is where this consumer thinks it is (another replica that took the
 * partition over may have moved it on), and its row lock holds until the transaction ends. A first
 * batch inserts the row, so two consumers racing on a new partition queue on the key; the second
 * then finds the offset moved. Call it in the transaction that writes the batch's results.
 */
export async function advanceOffset(
  tx: SqlExecutor,
  groupId: string,
  batch: { topic: string; partition: number; fromOffset: string; nextOffset: string },
): Promise<void> {
  const { rows } = await tx.query<{ next_offset: string }>(
    `insert into consumer_offsets (group_id, topic, partition, next_offset)
     values ($1, $2, $3, $5::bigint)
     on conflict (group_id, topic, partition) do update
       set next_offset = excluded.next_offset, updated_at = now()
       where consumer_offsets.next_offset = $4::bigint
     returning next_offset`,
    [groupId, batch.topic, batch.partition, batch.fromOffset, batch.nextOffset],
  );
  if (rows.length > 0) return;
  const stored = await tx.query<{ next_offset: string }>(
    `select next_offset::text from consumer_offsets
     where group_id = $1 and topic = $2 and partition = $3`,
    [groupId, batch.topic, batch.partition],
  );
  const storedOffset = stored.rows[0]?.next_offset ?? batch.fromOffset;
  throw new StaleOffsetError(batch.topic, batch.partition, storedOffset, batch.fromOffset);
}
