/**
 * Validation at the boundary: parse a decoded JSON value with a schema, or
 * fail with `invalid_response` naming the bad field (`items[3].status`).
 * The message and detail say what was expected, never what was received:
 * received values are backend (attacker-influenced) data.
 */
import * as v from 'valibot';
import { AdapterError } from '../../core/errors';

/** `items[3].status` from a valibot issue path; `''` for the root. */
export function formatIssuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Where and what: the deepest first issue, e.g. `{ path: 'items[3].status', expected: '"active" | …' }`. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): { path: string; expected: string } {
  let issue = issues[0];
  // A union's sub-issues may go deeper (then they carry the full path); the first is the most specific.
  while (issue?.issues?.[0]?.path && issue.issues[0].path.length >= (issue.path?.length ?? 0)) issue = issue.issues[0];
  if (!issue) return { path: '', expected: 'a valid value' };
  // A check has no `expected`; each of ours carries a message saying what it wants (never the received value).
  const expected = issue.expected ?? (issue.type === 'check' || issue.type === 'partial_check' ? issue.message : issue.type);
  return { path: formatIssuePath(issue), expected };
}

export function parseResponse<S extends v.GenericSchema>(schema: S, data: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const { path, expected } = describeIssue(result.issues);
  const where = path === '' ? 'the body' : path;
  throw new AdapterError('invalid_response', `Invalid ${what} response: expected ${expected} at ${where}.`, {
    path,
    detail: `expected ${expected} at ${where}`,
  });
}
