/**
 * Suppression rules of the memory adapter: validation of a rule as the analyst
 * sent it, lookup by actor + endpoint + policy for live traffic, and the paged
 * list (active / expired, search).
 */
import type { Page } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { canonicalIpAddress } from '../../core/ipBlockTarget';
import type { Endpoint, SuppressionRule, SuppressionRuleInput } from '../../core/model';
import { isExpired, pageNewestFirst, type CollectionPageParams, type StoredRecord } from './pageNewestFirst';

/** Raw actor IP text → its canonical text (or itself when it is not one address). */
const canonicalIps = new Map<string, string>();
/** Bound on the cache (live traffic keeps bringing new actors); a full cache is simply started again. */
const MAX_CACHED_IPS = 1 << 18;

/**
 * The canonical text of an actor IP (see `canonicalIpAddress`), so a rule and
 * an activity match whatever form either was written in (`::ffff:a.b.c.d`,
 * spaces, upper-case IPv6). Text that is not one address keys on itself: it
 * can never equal a canonical address. Cached per distinct text.
 */
export function canonicalActorIp(ip: string): string {
  let canonical = canonicalIps.get(ip);
  if (canonical === undefined) {
    canonical = canonicalIpAddress(ip) ?? ip;
    if (canonicalIps.size >= MAX_CACHED_IPS) canonicalIps.clear();
    canonicalIps.set(ip, canonical);
  }
  return canonical;
}

/** The key a rule and an activity share: canonical actor IP + endpoint + policy. */
export const suppressionKeyOf = (actorIp: string, e: Endpoint, policyId: string) =>
  `${canonicalActorIp(actorIp)}\u0000${e.method}\u0000${e.host}\u0000${e.path}\u0000${policyId}`;

const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Checks a rule as sent (attacker-written, any shape) and returns a clean
 * copy. Throws `invalid_request` naming the first bad field (`rule.actorIp`, …).
 */
export function validateRuleInput(input: unknown, now: number, path = 'rule'): SuppressionRuleInput {
  if (!input || typeof input !== 'object') throw bad('A rule is required.', path);
  const r = input as Record<string, unknown>;
  // A rule keys on one actor address, stored in canonical text; a range or a malformed text would never match an activity.
  const ip = typeof r.actorIp === 'string' ? canonicalIpAddress(r.actorIp) : null;
  if (ip === null) throw bad('actorIp must be one IPv4 or IPv6 address.', `${path}.actorIp`);
  const e = r.endpoint as Record<string, unknown> | null | undefined;
  if (!e || typeof e !== 'object') throw bad('endpoint is required.', `${path}.endpoint`);
  for (const field of ['method', 'host', 'path'] as const) {
    if (!nonEmpty(e[field])) throw bad(`endpoint.${field} is required.`, `${path}.endpoint.${field}`);
  }
  if (!nonEmpty(r.policyId)) throw bad('policyId is required.', `${path}.policyId`);
  if (r.reason !== undefined && typeof r.reason !== 'string') throw bad('reason must be a string.', `${path}.reason`);
  const expiresAt = r.expiresAt;
  if (expiresAt !== null && !(typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt > now)) {
    throw bad('expiresAt must be null or a time in the future.', `${path}.expiresAt`);
  }
  if (r.applyToExisting !== undefined && typeof r.applyToExisting !== 'boolean') throw bad('applyToExisting must be a boolean.', `${path}.applyToExisting`);
  return {
    actorIp: ip,
    endpoint: { method: e.method as string, host: e.host as string, path: e.path as string },
    policyId: r.policyId,
    ...(r.reason ? { reason: r.reason } : {}),
    expiresAt,
    ...(r.applyToExisting !== undefined ? { applyToExisting: r.applyToExisting } : {}),
  };
}

export const copyRule = (r: SuppressionRule): SuppressionRule => ({ ...r, endpoint: { ...r.endpoint } });

export class SuppressionRuleStore {
  private readonly records = new Map<string, StoredRecord<SuppressionRule>>();
  /** Suppression key → rule ids, so a live event finds its rule without scanning every rule. */
  private readonly byKey = new Map<string, Set<string>>();
  private seq = 0;

  get size(): number {
    return this.records.size;
  }

  /** Stores the rule (the store owns it); `policyName` makes the rule findable by the name the analyst sees. */
  add(rule: SuppressionRule, policyName = ''): void {
    const { actorIp, endpoint: e, policyId, reason } = rule;
    const searchText = [actorIp, e.method, e.host, e.path, policyId, policyName, reason ?? ''].join('\n').toLowerCase();
    this.records.set(rule.id, { value: rule, seq: ++this.seq, searchText });
    const key = suppressionKeyOf(actorIp, e, policyId);
    const ids = this.byKey.get(key) ?? new Set<string>();
    ids.add(rule.id);
    this.byKey.set(key, ids);
  }

  get(id: string): SuppressionRule | undefined {
    return this.records.get(id)?.value;
  }

  delete(id: string): boolean {
    const record = this.records.get(id);
    if (!record) return false;
    this.records.delete(id);
    const { actorIp, endpoint, policyId } = record.value;
    const key = suppressionKeyOf(actorIp, endpoint, policyId);
    const ids = this.byKey.get(key);
    ids?.delete(id);
    if (ids?.size === 0) this.byKey.delete(key);
    return true;
  }

  /** The oldest rule on this key still in force at `now`. */
  activeFor(key: string, now: number): SuppressionRule | undefined {
    for (const id of this.byKey.get(key) ?? []) {
      const rule = this.records.get(id)!.value;
      if (!isExpired(rule, now)) return rule;
    }
    return undefined;
  }

  list(params: CollectionPageParams, now: number): Page<SuppressionRule> {
    return pageNewestFirst('suppression-rule', this.records.values(), params, now, copyRule);
  }
}
