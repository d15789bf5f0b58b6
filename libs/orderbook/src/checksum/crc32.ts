/**
 * CRC-32 as in zlib, PNG and Ethernet (IEEE 802.3): reflected polynomial 0xEDB88320, initial value
 * 0xFFFFFFFF, final XOR 0xFFFFFFFF. crc32("123456789") is 0xCBF43926. Written here, table-driven,
 * rather than taken from a dependency: it is a dozen lines and clients re-implement it anyway.
 */
const CRC32_TABLE: Uint32Array = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let value = byte;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    table[byte] = value;
  }
  return table;
}

/** The running (pre-inverted) state a CRC starts from; pass it to the first crc32Update. */
export const CRC32_INITIAL = 0xffffffff;

/** Feeds bytes into a running CRC state. */
export function crc32UpdateBytes(state: number, bytes: Uint8Array): number {
  let crc = state;
  for (let index = 0; index < bytes.length; index++) {
    crc = CRC32_TABLE[(crc ^ bytes[index]) & 0xff] ^ (crc >>> 8);
  }
  return crc >>> 0;
}

/**
 * Feeds the characters `text[start, end)` into a running CRC state without copying them. They
 * must be ASCII (one byte each in UTF-8), which every decimal string and separator is.
 */
export function crc32UpdateAscii(
  state: number,
  text: string,
  start = 0,
  end = text.length,
): number {
  let crc = state;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) throw new RangeError(`crc32UpdateAscii: non-ASCII character at ${index}`);
    crc = CRC32_TABLE[(crc ^ code) & 0xff] ^ (crc >>> 8);
  }
  return crc >>> 0;
}

/** Turns a running state into the CRC value, an unsigned 32-bit integer. */
export function crc32Finish(state: number): number {
  return (state ^ 0xffffffff) >>> 0;
}

/** CRC-32 of a string's UTF-8 bytes or of raw bytes. */
export function crc32(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return crc32Finish(crc32UpdateBytes(CRC32_INITIAL, bytes));
}
