/**
 * Validation at the boundary: check a value that came from a backend against
 * one of the core's schemas (`./schemas`), or fail with `invalid_response`
 * naming the bad field (`items[3].status`). The HTTP adapter parses its
 * responses with it; the hooks check every adapter read with it.
 * The message and detail say what was expected, never what was received:
 * received values are backend (attacker-influenced) data.
 */
import * as v from 'valibot';
import type { ActivityPage } from './adapter';
import { AdapterError } from './errors';
import type { Activity } from './model';
import { activityPageSchema, activitySchema } from './schemas';

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

/** `activity` + `status` → `activity.status`; `items[1]` + `[0]` → `items[1][0]`. */
function joinPath(prefix: string, path: string): string {
  if (prefix === '' || path === '') return prefix + path;
  return path.startsWith('[') ? prefix + path : `${prefix}.${path}`;
}

function invalidResponse(issues: readonly v.BaseIssue<unknown>[], what: string, prefix: string): AdapterError {
  const described = describeIssue(issues);
  const path = joinPath(prefix, described.path);
  const where = path === '' ? 'the body' : path;
  return new AdapterError('invalid_response', `Invalid ${what}: expected ${described.expected} at ${where}.`, {
    path,
    detail: `expected ${described.expected} at ${where}`,
  });
}

/** Parses a decoded response body: the schema's output (unknown keys stripped), or `invalid_response`. */
export function parseResponse<S extends v.GenericSchema>(schema: S, data: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  throw invalidResponse(result.issues, `${what} response`, '');
}

/**
 * Checks a record an adapter returned and gives back the same object (an
 * adapter's objects keep their identity, so cached rows stay stable), or
 * throws `invalid_response` whose path starts with `path` (`items[3].status`).
 */
export function checkRecord<S extends v.GenericSchema>(schema: S, value: unknown, what: string, path = ''): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return value as v.InferOutput<S>;
  throw invalidResponse(result.issues, what, path);
}

/** Throws `AdapterError('invalid_response', …, { path })` unless `value` is a well-formed Activity; paths read `activity.status`. */
export function validateActivity(value: unknown, path = 'activity'): Activity {
  return checkRecord(activitySchema, value, 'activity', path);
}

/** Validates a whole list page; item paths read `items[3].status`. */
export function validateActivityPage(value: unknown): ActivityPage {
  return checkRecord(activityPageSchema, value, 'activity page');
}
