/**
 * Opaque page cursors of the memory adapter: base64 of UTF-8 JSON. A cursor
 * comes back from the caller, so decoding treats it as attacker-written and
 * fails only with `invalid_request` at `cursor`.
 */
import { AdapterError } from '../../core/errors';

/** Longest cursor accepted; ours are well under 1 KB. */
const MAX_CURSOR_LENGTH = 8192;

const malformed = () => new AdapterError('invalid_request', 'Malformed cursor.', { path: 'cursor' });

export function encodeCursor(value: unknown): string {
  // Through UTF-8 bytes: `btoa` alone throws on any sort key or search outside Latin-1.
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function decodeCursor(cursor: unknown): unknown {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw malformed();
  try {
    const binary = atob(cursor);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw malformed();
  }
}
