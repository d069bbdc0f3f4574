/**
 * Turns an HTTP body into something an analyst can read, without ever
 * interpreting it: JSON is parsed with JSON.parse (never evaluated) and
 * re-indented, form bodies are decoded into name/value pairs, bytes become a
 * hex preview. Large bodies are capped; the caller offers "show all".
 */
import type { Body, HeaderPairs } from './model';

export const DEFAULT_BODY_CAP = 64 * 1024;
export const HEX_PREVIEW_BYTES = 512;

export type BodyView =
  | { kind: 'empty' }
  | { kind: 'json' | 'text'; text: string; shown: string; capped: boolean; size: number; captureTruncated: boolean }
  | { kind: 'form'; pairs: Array<[string, string]>; text: string; shown: string; capped: boolean; size: number; captureTruncated: boolean }
  | { kind: 'binary'; hex: string; previewBytes: number; size: number; captureTruncated: boolean };

/** The first Content-Type header's media type, lower-cased ('' when absent). */
export function contentTypeOf(headers: HeaderPairs): string {
  const found = headers.find(([name]) => name.trim().toLowerCase() === 'content-type');
  return found ? (found[1].split(';')[0] ?? '').trim().toLowerCase() : '';
}

/** Re-indents JSON; `null` when the text is not JSON. */
export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

/** Decodes `a=1&b=x+y` into pairs; malformed escapes are kept as written. */
export function decodeForm(text: string): Array<[string, string]> {
  if (text === '') return [];
  return text.split('&').map((part): [string, string] => {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    return [decodeFormComponent(name), decodeFormComponent(value)];
  });
}

function decodeFormComponent(s: string): string {
  const spaced = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Decodes base64 into bytes; at most `limit` bytes are decoded (cheap on huge bodies). */
export function base64PrefixBytes(base64: string, limit = Infinity): Uint8Array {
  const clean = base64.replace(/[^A-Za-z0-9+/]/g, '');
  const chars = Number.isFinite(limit) ? Math.min(clean.length, Math.ceil(limit / 3) * 4) : clean.length;
  const usable = clean.slice(0, chars - (chars % 4 === 1 ? 1 : 0));
  const padded = usable + '='.repeat((4 - (usable.length % 4)) % 4);
  const binary = atob(padded);
  const n = Math.min(binary.length, limit);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Classic 16-bytes-per-line hex dump: offset, hex, printable ASCII. */
export function hexPreview(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      const b = row[i];
      hex += b === undefined ? '   ' : b.toString(16).padStart(2, '0') + ' ';
      if (i === 7) hex += ' ';
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines.join('\n');
}

/** Human size: "512 B", "1.5 KiB", "3.2 MiB". */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}

export interface BodyViewOptions {
  /** Characters shown before "show all"; default 64 Ki. */
  cap?: number;
  /** Bytes shown in the hex preview; default 512. */
  hexBytes?: number;
}

export function bodyView(body: Body | null, headers: HeaderPairs, options: BodyViewOptions = {}): BodyView {
  if (!body || body.size === 0 || (body.kind === 'text' ? body.text === '' : body.base64 === '')) return { kind: 'empty' };
  const cap = options.cap ?? DEFAULT_BODY_CAP;
  if (body.kind === 'bytes') {
    const bytes = base64PrefixBytes(body.base64, options.hexBytes ?? HEX_PREVIEW_BYTES);
    return { kind: 'binary', hex: hexPreview(bytes), previewBytes: bytes.length, size: body.size, captureTruncated: body.truncated };
  }
  const common = { size: body.size, captureTruncated: body.truncated };
  const type = contentTypeOf(headers);
  const capText = (text: string) => ({ text, shown: text.length > cap ? text.slice(0, cap) : text, capped: text.length > cap });
  const looksJson = type.includes('json') || /^\s*[[{]/.test(body.text);
  if (looksJson) {
    const pretty = prettyJson(body.text);
    if (pretty !== null) return { kind: 'json', ...capText(pretty), ...common };
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { kind: 'form', pairs: decodeForm(body.text), ...capText(body.text), ...common };
  }
  return { kind: 'text', ...capText(body.text), ...common };
}
