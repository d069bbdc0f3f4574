/**
 * Common names of attack subcategories and policies, so a free-text search
 * for what analysts type ("sqli", "xss", "idor") finds what the data calls
 * "SQL Injection", "Cross-site scripting", "BOLA".
 *
 * For backends: a search term that equals (after trimming, lower-casing and
 * collapsing spaces) any name of a group matches every activity whose search
 * text contains the term itself or any other name of that group. The memory
 * adapter does exactly this; a server adapter should do the same (e.g. expand
 * the term with `expandSearchAliases` into an `OR` of `ILIKE`s) so that the
 * same search gives the same rows on every backend.
 */

/** Groups of names for one kind of attack; all lower case. */
export const SEARCH_ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['sqli', 'sql injection', 'sql-injection'],
  ['nosqli', 'nosql injection', 'nosql-injection'],
  ['xss', 'cross-site scripting', 'cross site scripting'],
  ['ssrf', 'server-side request forgery', 'server side request forgery'],
  ['bola', 'idor', 'broken object level authorization', 'insecure direct object reference'],
  ['bfla', 'function level authorization', 'broken function level authorization'],
  ['rce', 'remote code execution', 'command injection', 'os command injection', 'cmdi'],
  ['lfi', 'local file inclusion', 'path traversal', 'directory traversal'],
  ['rfi', 'remote file inclusion'],
  ['xxe', 'xml external entity', 'xml external entities'],
  ['csrf', 'xsrf', 'cross-site request forgery', 'cross site request forgery'],
  ['jwt', 'json web token', 'jwt tampering'],
  ['ato', 'account takeover', 'credential stuffing', 'brute force'],
  ['dos', 'denial of service', 'rate limit', 'unrestricted resource consumption'],
  ['bopla', 'mass assignment', 'broken object property level authorization'],
  ['shadow api', 'zombie api', 'improper inventory management'],
  ['deserialization', 'deserialisation', 'insecure deserialization'],
];

const normalize = (term: string) => term.trim().toLowerCase().replace(/\s+/g, ' ');

const GROUP_OF = new Map<string, readonly string[]>();
for (const group of SEARCH_ALIAS_GROUPS) for (const name of group) GROUP_OF.set(name, group);

/**
 * The terms a search means: the search itself (trimmed, lower case), then the other
 * names of its alias group, if it is one. `[]` for an empty search.
 */
export function expandSearchAliases(search: string): string[] {
  // The search itself stays as typed (only trimmed and lower-cased): aliases add, never replace.
  const term = search.trim().toLowerCase();
  if (term === '') return [];
  const key = normalize(term);
  const group = GROUP_OF.get(key);
  return group ? [term, ...group.filter((name) => name !== term)] : [term];
}
