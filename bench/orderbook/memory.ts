import { BookSnapshot } from '@app/orderbook';
import { Contender } from './contenders';

/**
 * Heap bytes one book of a contender keeps: build `books` of them from the same snapshot JSON
 * (parsed afresh for each, as each REST response is, so every book owns its strings and rows),
 * keep them, and divide the heap growth measured between full collections. Needs
 * `node --expose-gc`. Counts external memory too: ccxt's price index is a Float64Array, whose
 * buffer lives outside the V8 heap.
 */
export function heapBytesPerBook(contender: Contender, snapshotJson: string, books = 20): number {
  const collect = global.gc;
  if (!collect) throw new Error('run with node --expose-gc to measure memory');
  const kept: unknown[] = [];
  collect();
  collect();
  const before = retainedBytes();
  for (let i = 0; i < books; i++) {
    kept.push(contender.load(JSON.parse(snapshotJson) as BookSnapshot));
  }
  collect();
  collect();
  const after = retainedBytes();
  if (kept.length !== books) throw new Error('books were not kept');
  return (after - before) / books;
}

function retainedBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}
