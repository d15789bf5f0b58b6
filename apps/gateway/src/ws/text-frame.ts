/**
 * RFC 6455 framing of a server-to-client text message: a final, unmasked, uncompressed frame
 * (opcode 1) with the payload's length in the 1-, 3- or 9-byte form, header and payload in one
 * buffer. What `ws` builds for every `send`, made here once per update and shared by every socket.
 */
export function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN + text
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}

const framed = new WeakMap<Buffer, Buffer>();

/** `textFrame`, computed once per payload: every subscriber of an update gets the same bytes. */
export function sharedTextFrame(payload: Buffer): Buffer {
  let frame = framed.get(payload);
  if (frame === undefined) {
    frame = textFrame(payload);
    framed.set(payload, frame);
  }
  return frame;
}
