import { StaleOffsetError } from '@app/messaging';
import { saveOffsets, SqlExecutor } from '@app/storage';

/**
 * Fences a batch: locks the partition's stored offset and checks it is where this consumer thinks
 * it is (another replica that took the partition over may have moved it on), then stores the next
 * offset. Call it in the transaction that writes the batch's results, before writing them.
 */
export async function advanceOffset(
  tx: SqlExecutor,
  groupId: string,
  batch: { topic: string; partition: number; fromOffset: string; nextOffset: string },
): Promise<void> {
  // A first batch inserts its own start, so two consumers racing on a new partition also queue here.
  await tx.query(
    `insert into consumer_offsets (group_id, topic, partition, next_offset)
     values ($1, $2, $3, $4::bigint) on conflict do nothing`,
    [groupId, batch.topic, batch.partition, batch.fromOffset],
  );
  const { rows } = await tx.query<{ next_offset: string }>(
    `select next_offset from consumer_offsets
     where group_id = $1 and topic = $2 and partition = $3 for update`,
    [groupId, batch.topic, batch.partition],
  );
  const stored = rows[0]?.next_offset ?? batch.fromOffset;
  if (stored !== batch.fromOffset) {
    throw new StaleOffsetError(batch.topic, batch.partition, stored, batch.fromOffset);
  }
  await saveOffsets(tx, groupId, [
    { topic: batch.topic, partition: batch.partition, nextOffset: batch.nextOffset },
  ]);
}
