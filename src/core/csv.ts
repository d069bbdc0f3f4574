/**
 * CSV export (RFC 4180) that is safe to open in a spreadsheet.
 *
 * Every cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * is prefixed with a single quote, so attacker-written values (URLs, actor
 * labels, policy names) can never run as a formula (CSV injection).
 * Fields containing a quote, comma, CR or LF are quoted, quotes doubled; rows
 * end with CRLF.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Neutralises a spreadsheet formula trigger at the start of a text cell. */
export function neutralizeCsvFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field: text is neutralised then quoted when needed; numbers and booleans are written as-is. */
export function csvField(cell: CsvCell): string {
  let text: string;
  if (cell === null || cell === undefined) text = '';
  else if (typeof cell === 'number') text = Number.isFinite(cell) ? String(cell) : '';
  else if (typeof cell === 'boolean') text = cell ? 'true' : 'false';
  else text = neutralizeCsvFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds a CSV document: a header line, then one line per row, CRLF-terminated. */
export function toCsv<T>(rows: Iterable<T>, columns: ReadonlyArray<CsvColumn<T>>): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}
