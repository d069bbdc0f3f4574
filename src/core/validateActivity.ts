/**
 * Boundary checks for activity records coming from any adapter: a malformed
 * record becomes an `invalid_response` AdapterError whose `path` names the bad
 * field (e.g. `items[3].status`), so a hook can report it instead of crashing.
 */
import type { ActivityPage } from './adapter';
import { AdapterError } from './errors';
import { ACTIVITY_STATUSES, DETECTION_TYPES, SEVERITIES, type Activity } from './model';

type Obj = Record<string, unknown>;
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

function fail(path: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  throw new AdapterError('invalid_response', `Invalid ${path}: expected ${expected}, got ${got}.`, { path });
}
function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Obj;
}
function str(o: Obj, key: string, path: string, optional = false): void {
  const v = o[key];
  if (optional && v === undefined) return;
  if (typeof v !== 'string') fail(at(path, key), 'a string', v);
}
function num(o: Obj, key: string, path: string, integer = false): void {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v < 0))) {
    fail(at(path, key), integer ? 'a non-negative integer' : 'a finite number', v);
  }
}
function oneOf(o: Obj, key: string, path: string, values: readonly string[]): void {
  const v = o[key];
  if (typeof v !== 'string' || !values.includes(v)) fail(at(path, key), `one of ${values.join(', ')}`, typeof v === 'string' ? `"${v.slice(0, 40)}"` : v);
}

/** Throws `AdapterError('invalid_response', …, { path })` unless `value` is a well-formed Activity. */
export function validateActivity(value: unknown, path = 'activity'): Activity {
  const a = obj(value, path);
  str(a, 'id', path);
  oneOf(a, 'status', path, ACTIVITY_STATUSES);
  oneOf(a, 'severity', path, SEVERITIES);
  oneOf(a, 'type', path, DETECTION_TYPES);
  const actor = obj(a.actor, `${path}.actor`);
  str(actor, 'ip', `${path}.actor`);
  str(actor, 'country', `${path}.actor`, true);
  str(actor, 'label', `${path}.actor`, true);
  const endpoint = obj(a.endpoint, `${path}.endpoint`);
  for (const k of ['method', 'path', 'host']) str(endpoint, k, `${path}.endpoint`);
  const policy = obj(a.policy, `${path}.policy`);
  str(policy, 'id', `${path}.policy`);
  str(policy, 'name', `${path}.policy`);
  str(a, 'category', path);
  str(a, 'subcategory', path);
  if (typeof a.successfulExploit !== 'boolean') fail(`${path}.successfulExploit`, 'a boolean', a.successfulExploit);
  num(a, 'attemptCount', path, true);
  num(a, 'firstSeen', path);
  num(a, 'lastSeen', path);
  if (!Array.isArray(a.workItems)) fail(`${path}.workItems`, 'an array', a.workItems);
  a.workItems.forEach((w: unknown, i: number) => {
    const p = `${path}.workItems[${i}]`;
    const item = obj(w, p);
    for (const k of ['targetId', 'key', 'url']) str(item, k, p);
    str(item, 'title', p, true);
    num(item, 'createdAt', p);
  });
  if (a.blocked !== undefined) {
    const p = `${path}.blocked`;
    const b = obj(a.blocked, p);
    str(b, 'blockId', p);
    str(b, 'target', p);
    if (b.expiresAt !== null) num(b, 'expiresAt', p);
  }
  return a as unknown as Activity;
}

/** Validates a whole list page; item paths read `items[3].status`. */
export function validateActivityPage(value: unknown): ActivityPage {
  const page = obj(value, 'page');
  if (!Array.isArray(page.items)) fail('items', 'an array', page.items);
  page.items.forEach((item: unknown, i: number) => validateActivity(item, `items[${i}]`));
  num(page, 'total', '', true);
  if (typeof page.totalIsEstimate !== 'boolean') fail('totalIsEstimate', 'a boolean', page.totalIsEstimate);
  if (page.nextCursor !== null && typeof page.nextCursor !== 'string') fail('nextCursor', 'a string or null', page.nextCursor);
  const counts = obj(page.counts, 'counts');
  for (const s of ACTIVITY_STATUSES) num(counts, s, 'counts', true);
  return page as unknown as ActivityPage;
}
