import { base64PrefixBytes, bodyView, contentTypeOf, decodeForm, formatBytes, hexPreview, prettyJson } from '../../src/core/bodyView';
import type { Body } from '../../src/core/model';

const text = (t: string, truncated = false): Body => ({ kind: 'text', text: t, size: new TextEncoder().encode(t).length, truncated });
const bytes = (arr: number[]): Body => ({ kind: 'bytes', base64: Buffer.from(arr).toString('base64'), size: arr.length, truncated: false });

describe('prettyJson', () => {
  it('re-indents JSON and refuses non-JSON', () => {
    expect(prettyJson('{"a":[1,2],"b":"<script>"}')).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": "<script>"\n}');
    expect(prettyJson('{a:1}')).toBeNull();
    expect(prettyJson('')).toBeNull();
    expect(prettyJson('({})')).toBeNull();
  });

  it('parses without evaluating', () => {
    const g = globalThis as { pwned?: boolean };
    expect(prettyJson('(globalThis.pwned = true)')).toBeNull();
    expect(g.pwned).toBeUndefined();
  });
});

describe('decodeForm', () => {
  it('decodes pairs, + as space, keeps order and duplicates', () => {
    expect(decodeForm('a=1&b=x+y&a=%3Cscript%3E&flag')).toEqual([
      ['a', '1'],
      ['b', 'x y'],
      ['a', '<script>'],
      ['flag', ''],
    ]);
  });
  it('keeps malformed escapes as written', () => {
    expect(decodeForm('q=%E0%A4%A&x=100%')).toEqual([
      ['q', '%E0%A4%A'],
      ['x', '100%'],
    ]);
  });
});

describe('hex preview', () => {
  it('shows offsets, hex and printable ASCII', () => {
    const dump = hexPreview(new Uint8Array([0x48, 0x69, 0x00, 0xff, 0x3c]));
    expect(dump).toBe('00000000  48 69 00 ff 3c' + ' '.repeat(1 + 3 * 11 + 1) + ' |Hi..<|');
  });
  it('decodes only the bytes it needs from base64', () => {
    const all = Array.from({ length: 1000 }, (_, i) => i % 256);
    const b64 = Buffer.from(all).toString('base64');
    expect(Array.from(base64PrefixBytes(b64, 10))).toEqual(all.slice(0, 10));
    expect(base64PrefixBytes(b64).length).toBe(1000);
  });
});

describe('bodyView', () => {
  it('is empty for null and empty bodies', () => {
    expect(bodyView(null, []).kind).toBe('empty');
    expect(bodyView(text(''), []).kind).toBe('empty');
  });

  it('pretty-prints JSON by content type or by shape', () => {
    const v = bodyView(text('{"id":1}'), [['Content-Type', 'application/json; charset=utf-8']]);
    expect(v).toMatchObject({ kind: 'json', shown: '{\n  "id": 1\n}', capped: false });
    expect(bodyView(text('[1]'), []).kind).toBe('json');
    expect(bodyView(text('{broken'), [['content-type', 'application/json']])).toMatchObject({ kind: 'text', shown: '{broken' });
  });

  it('decodes form bodies', () => {
    const v = bodyView(text('user=admin%27--&pw=x'), [['content-type', 'application/x-www-form-urlencoded']]);
    expect(v.kind === 'form' && v.pairs).toEqual([
      ['user', "admin'--"],
      ['pw', 'x'],
    ]);
  });

  it('caps large bodies and says so', () => {
    const big = 'A'.repeat(200_000);
    const v = bodyView(text(big, true), [], { cap: 1000 });
    expect(v).toMatchObject({ kind: 'text', capped: true, size: 200_000, captureTruncated: true });
    expect(v.kind === 'text' && v.shown.length).toBe(1000);
    expect(v.kind === 'text' && v.text.length).toBe(200_000);
  });

  it('shows bytes as a hex preview with the full size', () => {
    const v = bodyView(bytes(Array.from({ length: 2000 }, (_, i) => i % 256)), [], { hexBytes: 32 });
    expect(v).toMatchObject({ kind: 'binary', previewBytes: 32, size: 2000 });
    expect(v.kind === 'binary' && v.hex.split('\n')).toHaveLength(2);
  });

  it('reads the first Content-Type header', () => {
    expect(contentTypeOf([['X', '1'], ['CONTENT-TYPE ', 'Text/HTML; x'], ['content-type', 'application/json']])).toBe('text/html');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});
