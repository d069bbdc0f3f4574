/**
 * Where the secret values sit in a body: edits (start, end, replacement) for
 * form-urlencoded, JSON and multipart bodies, found without parsing strictly, so
 * truncated or broken captures are still redacted. Used by `redactBody` in ./redaction.ts.
 */
import { utf8Bytes } from './bodyBytes';
import type { HeaderPairs } from './model';
import { percentDecode, utf8Decoder } from './redactionFieldNames';

/**
 * The body as one string of code units: the text itself, or one char per byte
 * for byte bodies, so structure is found the same way and untouched bytes copy through.
 */
export interface Medium {
  binary: boolean;
  /** Real text of a slice of the medium (UTF-8 decoded when binary). */
  text(raw: string): string;
  /** A string to write into the medium. */
  encode(text: string): string;
}
export const TEXT: Medium = { binary: false, text: (raw) => raw, encode: (text) => text };
/** One char per byte, in slices so a large body never overflows the call stack. */
export function bytesToChars(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
export const charsToBytes = (chars: string) => Uint8Array.from(chars, (c) => c.charCodeAt(0));
export const BINARY: Medium = {
  binary: true,
  text: (raw) => utf8Decoder.decode(charsToBytes(raw)),
  encode: (text) => bytesToChars(utf8Bytes(text)),
};

type Edit = [start: number, end: number, replacement: string];

export function applyEdits(source: string, edits: Edit[]): string {
  if (edits.length === 0) return source;
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of edits) {
    out += source.slice(at, start) + replacement;
    at = end;
  }
  return out + source.slice(at);
}

/** `a=1&password=x`: each value after a secret name, up to the next `&`; empty values have nothing to hide. */
function formEdits(source: string, isSecret: (name: string) => boolean, placeholder: string, medium: Medium): Edit[] {
  const edits: Edit[] = [];
  // `&`, `=` and `%` in a custom placeholder would change the fields a server reads.
  const value = medium.encode(placeholder.replace(/[&=%+#;\s]/g, (c) => encodeURIComponent(c)));
  let start = 0;
  let eq = -1;
  while (start <= source.length) {
    let end = source.indexOf('&', start);
    if (end < 0) end = source.length;
    // The next `=` is looked up once per `=`, not per field: linear on `&&&&…`.
    if (eq !== Infinity && eq < start) eq = source.indexOf('=', start) < 0 ? Infinity : source.indexOf('=', start);
    if (eq < end - 1 && isSecret(medium.text(source.slice(start, eq)))) edits.push([eq + 1, end, value]);
    start = end + 1;
  }
  return edits;
}

function looksLikeForm(source: string): boolean {
  for (let start = 0; start <= source.length; ) {
    let end = source.indexOf('&', start);
    if (end < 0) end = source.length;
    const eq = source.indexOf('=', start);
    if (/\s/.test(source.slice(start, eq >= start && eq < end ? eq : end))) return false;
    start = end + 1;
  }
  return true;
}

/** A JSON string's text; escapes decoded leniently (a broken escape stays as written). */
function jsonString(raw: string): string {
  return raw.replace(/\\(?:u([0-9a-fA-F]{4})|([\s\S]))/g, (_, hex: string | undefined, c: string) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c,
  );
}

/** Index just past the string opening at `at` (or the end, when it never closes). */
function stringEnd(source: string, at: number): number {
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return source.length;
}

/** Index just past the JSON value starting at `at`; tolerant of truncated or broken JSON. Iterative: depth cannot overflow. */
function valueEnd(source: string, at: number): number {
  const first = source[at];
  if (first === '"') return stringEnd(source, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = at; i < source.length; i++) {
      const c = source[i];
      if (c === '"') i = stringEnd(source, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return source.length;
  }
  let i = at;
  while (i < source.length && !/[,}\]\s]/.test(source[i]!)) i++;
  return i;
}

const WS = /[ \t\r\n]/;

/**
 * Every value of a secret key, at any depth and in arrays, becomes the placeholder
 * as a JSON string; everything else, whitespace and key order included, is kept.
 * Tolerant: truncated or broken JSON is scanned as far as it goes.
 */
function jsonEdits(source: string, isSecret: (name: string) => boolean, placeholder: string, medium: Medium): Edit[] {
  const edits: Edit[] = [];
  const value = medium.encode(JSON.stringify(placeholder));
  const stack: string[] = [];
  let expectKey = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '{' || c === '[') {
      stack.push(c);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] === '{';
    } else if (c === '"') {
      const end = stringEnd(source, i);
      let next = end;
      while (next < source.length && WS.test(source[next]!)) next++;
      if (expectKey && source[next] === ':') {
        let start = next + 1;
        while (start < source.length && WS.test(source[start]!)) start++;
        const name = jsonString(medium.text(source.slice(i + 1, Math.max(i + 1, end - 1))));
        if (isSecret(name)) {
          const stop = valueEnd(source, start);
          const raw = source.slice(start, stop);
          // null and "" hold nothing to hide.
          if (raw !== '' && raw !== 'null' && raw !== '""') edits.push([start, stop, value]);
          i = stop;
          expectKey = false;
          continue;
        }
        i = start;
        expectKey = false;
        continue;
      }
      i = end;
      expectKey = false;
      continue;
    }
    i++;
  }
  return edits;
}

/** A header parameter (`name="a\"b"`, `name=a`), unquoted; `name*=UTF-8''…` (RFC 8187) percent-decoded. */
function headerParam(value: string, param: string): string | null {
  const pattern = new RegExp(`(?:^|;)\\s*${param}(\\*?)\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"?|([^;]*))`, 'gi');
  let found: string | null = null;
  for (const m of value.matchAll(pattern)) {
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    found = m[1] ? percentDecode(raw.replace(/^[^']*'[^']*'/, '')) : raw;
    if (m[1]) break; // the extended form wins (RFC 7578 §4.2 / RFC 8187)
  }
  return found;
}

/**
 * multipart: a part whose Content-Disposition names a secret field has its content
 * replaced; any other part is redacted by its own Content-Type (a JSON part, a nested
 * multipart). Delimiters, part headers, preamble and epilogue are kept.
 */
function multipartEdits(source: string, boundary: string, isSecret: (name: string) => boolean, placeholder: string, medium: Medium, depth: number): Edit[] {
  const delimiter = `--${boundary}`;
  // Delimiters start a line (RFC 2046 §5.1.1); bare LF is accepted as servers do.
  const starts: number[] = [];
  for (let at = source.indexOf(delimiter); at >= 0; at = source.indexOf(delimiter, at + delimiter.length)) {
    if (at === 0 || source[at - 1] === '\n') starts.push(at);
  }
  const edits: Edit[] = [];
  starts.forEach((at, k) => {
    if (source.startsWith('--', at + delimiter.length)) return; // the close delimiter
    const lineEnd = source.indexOf('\n', at);
    if (lineEnd < 0) return;
    const headStart = lineEnd + 1;
    const next = starts[k + 1];
    const blank = /\r?\n\r?\n/.exec(source.slice(headStart, next ?? source.length));
    const headEnd = blank ? headStart + blank.index : -1;
    // A part whose headers end at once (`\r\n` right after the delimiter line) has none.
    const bodyStart = /^\r?\n/.test(source.slice(headStart)) ? headStart + (source[headStart] === '\r' ? 2 : 1) : blank ? headEnd + blank[0].length : -1;
    if (bodyStart < 0) return;
    // The line break before the next delimiter belongs to it.
    const bodyEnd = next === undefined ? source.length : next - (source[next - 2] === '\r' ? 2 : 1);
    if (bodyEnd <= bodyStart) return;
    const head = bodyStart === headStart ? '' : source.slice(headStart, headEnd);
    const partHeaders: HeaderPairs = head
      .split(/\r?\n/)
      .map((line): [string, string] => {
        const colon = line.indexOf(':');
        // Control characters around a part header's name do not stop a server reading it.
        return colon < 0 ? [line, ''] : [line.slice(0, colon).replace(/[\x00-\x20\x7f]/g, ''), medium.text(line.slice(colon + 1))];
      });
    const names = partHeaders
      .filter(([name]) => name.toLowerCase() === 'content-disposition')
      .map(([, value]) => headerParam(value, 'name'))
      .filter((name): name is string => name !== null);
    if (names.some(isSecret)) {
      edits.push([bodyStart, bodyEnd, medium.encode(placeholder)]);
      return;
    }
    const inner = structuredEdits(source.slice(bodyStart, bodyEnd), partHeaders, isSecret, placeholder, medium, depth + 1);
    for (const [s, e, r] of inner) edits.push([bodyStart + s, bodyStart + e, r]);
  });
  return edits;
}

/**
 * Index of the first character after leading whitespace and a UTF-8 byte order mark
 * (as text, or as the bytes EF BB BF of a byte body): where a sniffed body really starts.
 * One pass over what is skipped, however long: padding cannot push JSON out of view.
 */
function contentStart(source: string): number {
  let i = source.startsWith('\xef\xbb\xbf') ? 3 : 0;
  while (i < source.length && /[\s\ufeff]/.test(source[i]!)) i++;
  return i;
}

// Nested multiparts deeper than this are left as they are: no real client nests further.
const MAX_DEPTH = 4;

/**
 * Finds the secret values in a body by what it is: the Content-Type first, and
 * when that names no structured type (none, text/plain, octet-stream, …), by its
 * look (`{` / `[` → JSON, else form fields). XML and HTML are not fields.
 */
export function structuredEdits(source: string, headers: HeaderPairs, isSecret: (name: string) => boolean, placeholder: string, medium: Medium, depth: number): Edit[] {
  if (depth > MAX_DEPTH) return [];
  const contentType = headers.find(([name]) => name.trim().toLowerCase() === 'content-type')?.[1] ?? '';
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(contentType, 'boundary') ?? /^--([^\r\n]+?)\s*\r?\n/.exec(source)?.[1];
    return boundary ? multipartEdits(source, boundary, isSecret, placeholder, medium, depth) : [];
  }
  if (type === 'application/x-www-form-urlencoded') return formEdits(source, isSecret, placeholder, medium);
  if (/json/.test(type) || /[[{]/.test(source[contentStart(source)] ?? '')) {
    return /xml|html/.test(type) ? [] : jsonEdits(source, isSecret, placeholder, medium);
  }
  if (/xml|html/.test(type)) return [];
  // A multipart body sent without its Content-Type still carries its parts.
  const sniffed = /^--([^\r\n]{1,200}?)[ \t]*\r?\n[^]{0,2000}?content-disposition:/i.exec(source.slice(0, 2300));
  if (sniffed) return multipartEdits(source, sniffed[1]!, isSecret, placeholder, medium, depth);
  // Untyped text is read as fields only when it looks like a form: no field name holds
  // whitespace. Prose, scripts and logs (`document.cookie=…` on a line) stay as they are.
  return looksLikeForm(source) ? formEdits(source, isSecret, placeholder, medium) : [];
}

/** `Transfer-Encoding: chunked` framing: the payload and what follows the last chunk, or null when the framing is broken. */
export function dechunk(source: string): { payload: string; trailer: string } | null {
  let payload = '';
  let at = 0;
  for (;;) {
    const lineEnd = source.indexOf('\n', at);
    if (lineEnd < 0) return null;
    const size = /^([0-9a-fA-F]+)/.exec(source.slice(at, lineEnd));
    if (!size) return null;
    const length = parseInt(size[1]!, 16);
    if (length === 0) return { payload, trailer: source.slice(lineEnd + 1) };
    payload += source.slice(lineEnd + 1, lineEnd + 1 + length);
    at = lineEnd + 1 + length;
    at += source.startsWith('\r\n', at) ? 2 : source[at] === '\n' ? 1 : 0;
  }
}

export function byteLength(value: string, medium: Medium): number {
  return medium.binary ? value.length : utf8Bytes(value).length;
}
