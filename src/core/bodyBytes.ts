import type { Body } from './model';

/**
 * Byte-level views of a message body, for exporters and size checks.
 * Runs in browsers and Node alike: TextEncoder/TextDecoder and a small
 * base64 codec, no Buffer.
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * Decodes base64 (standard or URL-safe alphabet). Characters outside the
 * alphabet, including whitespace and padding, are skipped rather than thrown on:
 * a captured body must never make an export fail.
 */
export function base64ToBytes(base64: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of base64) {
    const value = BASE64_ALPHABET.indexOf(char === '-' ? '+' : char === '_' ? '/' : char);
    if (value < 0) continue;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < 4; j++) out += j < chars ? BASE64_ALPHABET[(chunk >> (18 - 6 * j)) & 63] : '=';
  }
  return out;
}

/** The exact bytes a body stands for: UTF-8 of text bodies, decoded base64 of byte bodies. */
export function bodyBytes(body: Body): Uint8Array {
  return body.kind === 'text' ? utf8Bytes(body.text) : base64ToBytes(body.base64);
}

/** The body as text when its bytes are valid UTF-8, otherwise `null`. */
export function bodyText(body: Body): string | null {
  if (body.kind === 'text') return body.text;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(base64ToBytes(body.base64));
  } catch {
    return null;
  }
}
