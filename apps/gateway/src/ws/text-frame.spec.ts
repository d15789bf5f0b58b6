import * as ws from 'ws';
import { sharedTextFrame, textFrame } from './text-frame';

/** `ws`'s own framing (not in its typings): the ground truth for ours. */
const wsFrame = (payload: Buffer): Buffer =>
  Buffer.concat(
    (
      ws as unknown as {
        Sender: { frame(data: Buffer, options: Record<string, boolean | number>): Buffer[] };
      }
    ).Sender.frame(payload, { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }),
  );

describe(textFrame.name, () => {
  it.each([1, 125, 126, 400, 65_535, 65_536, 70_000])(
    'frames %i payload bytes exactly as ws does',
    (length) => {
      const payload = Buffer.alloc(length, 'x');
      expect(textFrame(payload)).toEqual(wsFrame(payload));
    },
  );

  it('writes a final text frame header before the payload', () => {
    expect([...textFrame(Buffer.from('{"a":1}'))]).toEqual([0x81, 7, ...Buffer.from('{"a":1}')]);
  });
});

describe(sharedTextFrame.name, () => {
  it('frames a payload once and hands the same bytes to every caller', () => {
    const payload = Buffer.from('{"type":"update"}');
    const first = sharedTextFrame(payload);
    expect(sharedTextFrame(payload)).toBe(first);
    expect(sharedTextFrame(Buffer.from('{"type":"update"}'))).not.toBe(first);
  });
});
