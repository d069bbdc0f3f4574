import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { csvField, neutralizeCsvFormula, toCsv, type CsvColumn } from '../../src/core/csv';

/** A strict RFC 4180 reader (CRLF records, quoted fields), to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (c === '"' || c === '\r' || c === '\n') throw new Error(`unquoted special character at ${i}`);
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) throw new Error('missing final CRLF');
  return rows;
}

const DANGER = /^[=+\-@\t\r]/;
const expected = (s: string) => (DANGER.test(s) ? `'${s}` : s);
const cols: CsvColumn<{ a: string; b: string }>[] = [
  { header: 'A', value: (r) => r.a },
  { header: 'B', value: (r) => r.b },
];

describe('toCsv', () => {
  test('header, CRLF records, RFC 4180 quoting', () => {
    const csv = toCsv([{ a: 'x,y', b: 'say "hi"\nbye' }, { a: 'plain', b: '' }], cols);
    expect(csv).toBe('A,B\r\n"x,y","say ""hi""\nbye"\r\nplain,\r\n');
  });

  test.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=x', "'\t=x"],
    ['\r=x', `"'\r=x"`],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['a=b', 'a=b'],
  ])('neutralises formula triggers: %j', (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  test('numbers, booleans, empty values are written plainly (negative numbers are numbers, not formulas)', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  test('any text round-trips through a strict reader, neutralised when dangerous', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: fc.string({ unit: 'binary' }), b: fc.string() }), { maxLength: 8 }), (rows) => {
        const parsed = parseCsv(toCsv(rows, cols));
        expect(parsed[0]).toEqual(['A', 'B']);
        expect(parsed.slice(1)).toEqual(rows.map((r) => [expected(r.a), expected(r.b)]));
        for (const cell of parsed.flat()) expect(DANGER.test(cell)).toBe(false);
      }),
    );
  });

  test('attack fixtures: XSS payloads and CRS request URLs/bodies are never formulas and stay exact', () => {
    const xss = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
    const requests = JSON.parse(readFileSync(new URL('../fixtures/attack-requests.json', import.meta.url), 'utf8')) as Array<{ url: string; body: string | null; title: string }>;
    const values = [
      ...xss,
      ...requests.flatMap((r) => [r.url, r.body ?? '', r.title]),
      ...xss.map((p) => `=${p}`),
      ...xss.map((p) => `@${p}`),
    ];
    const rows = values.map((v, i) => ({ a: v, b: String(i) }));
    const parsed = parseCsv(toCsv(rows, cols)).slice(1);
    expect(parsed).toHaveLength(values.length);
    parsed.forEach((cells, i) => {
      expect(cells[0]).toBe(neutralizeCsvFormula(values[i]!));
      expect(DANGER.test(cells[0]!)).toBe(false);
    });
    // The fixtures do contain formula triggers, so the neutralisation is exercised.
    expect(parsed.filter((c) => c[0]!.startsWith("'")).length).toBeGreaterThan(50);
  });
});
