import { OutgoingMessage } from '../publishing/outgoing-message';

/** One encoded event bound for a topic, as the batcher collects them. */
export interface TopicMessage {
  topic: string;
  message: OutgoingMessage;
}

/**
 * A batch laid out for a thread hop: every key and value in one byte buffer and their bounds in
 * one integer array, both transferred (moved, not copied) to the sending thread. Structured
 * cloning a thousand small objects costs more than the UTF-8 writes this does, and the writes are
 * work kafkajs would do anyway: given bytes, it copies them as they are.
 */
export interface PackedBatch {
  topics: string[];
  /** Per message: topic index, key start, key end (= value start), value end. */
  layout: Int32Array<ArrayBuffer>;
  bytes: ArrayBuffer;
}

/** A topic's messages as kafkajs takes them: keys and values are views into the packed bytes. */
export interface UnpackedTopic {
  topic: string;
  messages: { key: Buffer; value: Buffer }[];
}

const FIELDS = 4;
/** A UTF-16 code unit never takes more than 3 bytes of UTF-8 (a pair of them takes 4). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

export function packBatch(items: readonly TopicMessage[]): PackedBatch {
  let units = 0;
  for (const { message } of items) units += message.key.length + message.value.length;
  const bytes = Buffer.allocUnsafeSlow(units * MAX_UTF8_BYTES_PER_UNIT);
  const layout = new Int32Array(items.length * FIELDS);
  const topics: string[] = [];
  const topicIndex = new Map<string, number>();
  let offset = 0;
  for (let i = 0; i < items.length; i++) {
    const { topic, message } = items[i];
    let index = topicIndex.get(topic);
    if (index === undefined) {
      index = topics.length;
      topics.push(topic);
      topicIndex.set(topic, index);
    }
    const at = i * FIELDS;
    layout[at] = index;
    layout[at + 1] = offset;
    offset += bytes.write(message.key, offset, 'utf8');
    layout[at + 2] = offset;
    offset += bytes.write(message.value, offset, 'utf8');
    layout[at + 3] = offset;
  }
  return { topics, layout, bytes: bytes.buffer };
}

/** The packed batch per topic, each topic's messages in the order they were packed. */
export function unpackBatch({ topics, layout, bytes }: PackedBatch): UnpackedTopic[] {
  const buffer = Buffer.from(bytes);
  const perTopic: UnpackedTopic[] = topics.map((topic) => ({ topic, messages: [] }));
  for (let at = 0; at < layout.length; at += FIELDS) {
    perTopic[layout[at]].messages.push({
      key: buffer.subarray(layout[at + 1], layout[at + 2]),
      value: buffer.subarray(layout[at + 2], layout[at + 3]),
    });
  }
  return perTopic;
}
