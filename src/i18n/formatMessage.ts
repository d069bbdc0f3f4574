/**
 * A small ICU-like formatter for the message catalog:
 *   "{name}"                                   → the value of `name`
 *   "{count, plural, one {# item} other {# items}}" → plural form, `#` = the number
 * Values are inserted as text; messages never produce markup.
 */
export type MessageValues = Record<string, string | number>;

export function formatMessage(template: string, values: MessageValues = {}, locale = 'en'): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open === -1) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    if (close === -1) {
      out += template.slice(open);
      break;
    }
    out += formatPlaceholder(template.slice(open + 1, close), values, locale);
    i = close + 1;
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

const pluralRulesCache = new Map<string, Intl.PluralRules>();

function formatPlaceholder(body: string, values: MessageValues, locale: string): string {
  const comma = body.indexOf(',');
  const name = (comma === -1 ? body : body.slice(0, comma)).trim();
  const value = values[name];
  if (comma === -1) return value === undefined ? `{${name}}` : String(value);
  const rest = body.slice(comma + 1);
  const kindEnd = rest.indexOf(',');
  if (kindEnd === -1 || rest.slice(0, kindEnd).trim() !== 'plural') return value === undefined ? `{${name}}` : String(value);
  const n = typeof value === 'number' ? value : Number(value);
  const forms = parseForms(rest.slice(kindEnd + 1));
  let rules = pluralRulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRulesCache.set(locale, rules);
  }
  const form = forms[`=${n}`] ?? forms[rules.select(n)] ?? forms.other ?? '';
  const shown = Number.isFinite(n) ? n.toLocaleString(locale) : String(value);
  return formatMessage(form.replace(/#/g, shown), values, locale);
}

function parseForms(s: string): Record<string, string> {
  const forms: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('{', i);
    if (open === -1) break;
    const key = s.slice(i, open).trim();
    const close = matchingBrace(s, open);
    if (close === -1) break;
    forms[key] = s.slice(open + 1, close);
    i = close + 1;
  }
  return forms;
}
