import fc from 'fast-check';
import { base64ToBytes, bodyBytes, bodyText, bytesToBase64 } from '../../src/core/bodyBytes';

describe('bodyBytes', () => {
  it('round-trips any bytes through base64 exactly as Node encodes them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const base64 = bytesToBase64(bytes);
        expect(base64).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(base64ToBytes(base64))).toEqual(Array.from(bytes));
        expect(Array.from(base64ToBytes(Buffer.from(bytes).toString('base64url')))).toEqual(Array.from(bytes));
      }),
    );
  });

  it('gives UTF-8 bytes of text bodies and decoded bytes of byte bodies', () => {
    expect(Array.from(bodyBytes({ kind: 'text', text: 'é\0', size: 3, truncated: false }))).toEqual([0xc3, 0xa9, 0]);
    expect(Array.from(bodyBytes({ kind: 'bytes', base64: 'rO0A\nBQ==', size: 4, truncated: false }))).toEqual([0xac, 0xed, 0, 5]);
  });

  it('reads a byte body as text only when it is valid UTF-8', () => {
    expect(bodyText({ kind: 'bytes', base64: Buffer.from('héllo').toString('base64'), size: 6, truncated: false })).toBe('héllo');
    expect(bodyText({ kind: 'bytes', base64: 'rO0ABQ==', size: 4, truncated: false })).toBeNull();
  });
});
