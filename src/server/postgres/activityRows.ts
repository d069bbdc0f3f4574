/**
 * Activity rows ↔ the model: the columns a list selects (with the block that
 * covers the actor, computed at read time), the mapping back to `Activity`,
 * and the derived columns a write stores (search text, suppression key,
 * actor address).
 */
import { canonicalIpAddress } from '../../core/ipBlockTarget';
import type { Activity, ActivityStatus, Endpoint, Severity, DetectionType, WorkItemLink } from '../../core/model';
import { canonicalActorIp } from '../../adapters/memory/suppressionRuleStore';

/**
 * The block an actor shows: among blocks in force covering its address, the
 * longest-lived (permanent first, then the latest expiry), the oldest on a tie.
 * `$now` is the placeholder of the current time.
 */
export const blockJoin = (now: string) => `LEFT JOIN LATERAL (
  SELECT b.id AS block_id, b.target AS block_target, b.expires_at AS block_expires_at
  FROM td_blocks b
  WHERE a.actor_inet IS NOT NULL AND b.net >>= a.actor_inet AND (b.expires_at IS NULL OR b.expires_at > ${now}::bigint)
  ORDER BY b.expires_at DESC NULLS FIRST, b.seq ASC
  LIMIT 1) blk ON TRUE`;

export const ACTIVITY_COLUMNS = `a.id, a.seq, a.status, a.severity, a.type, a.actor_ip, a.actor_country, a.actor_label,
  a.method, a.path, a.host, a.policy_id, a.policy_name, a.category, a.subcategory, a.successful_exploit,
  a.attempt_count, a.first_seen, a.last_seen, a.work_items, a.work_item_total, a.suppressed_by, a.assignee_id, a.active_since,
  blk.block_id, blk.block_target, blk.block_expires_at`;

export interface ActivityRow {
  id: string;
  seq: string;
  status: ActivityStatus;
  severity: Severity;
  type: DetectionType;
  actor_ip: string;
  actor_country: string | null;
  actor_label: string | null;
  method: string;
  path: string;
  host: string;
  policy_id: string;
  policy_name: string;
  category: string;
  subcategory: string;
  successful_exploit: boolean;
  attempt_count: string;
  first_seen: string;
  last_seen: string;
  work_items: WorkItemLink[];
  work_item_total: number;
  suppressed_by: string | null;
  assignee_id: string | null;
  active_since: string | null;
  block_id: string | null;
  block_target: string | null;
  block_expires_at: string | null;
}

export function rowToActivity(r: ActivityRow): Activity {
  const actor: Activity['actor'] = { ip: r.actor_ip };
  if (r.actor_country !== null) actor.country = r.actor_country;
  if (r.actor_label !== null) actor.label = r.actor_label;
  const a: Activity = {
    id: r.id,
    status: r.status,
    severity: r.severity,
    type: r.type,
    actor,
    endpoint: { method: r.method, path: r.path, host: r.host },
    policy: { id: r.policy_id, name: r.policy_name },
    category: r.category,
    subcategory: r.subcategory,
    successfulExploit: r.successful_exploit,
    attemptCount: Number(r.attempt_count),
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    workItems: r.work_items,
  };
  // Like the memory adapter: the total appears once the first work item is linked.
  if (r.work_item_total > 0) a.workItemTotal = r.work_item_total;
  if (r.block_id !== null) a.blocked = { blockId: r.block_id, target: r.block_target!, expiresAt: r.block_expires_at === null ? null : Number(r.block_expires_at) };
  if (r.suppressed_by !== null && r.status === 'ignored') a.suppressedBy = r.suppressed_by;
  if (r.assignee_id !== null) a.assigneeId = r.assignee_id;
  if (r.active_since !== null) a.activeSince = Number(r.active_since);
  return a;
}

/** Same text as the memory adapter searches in, so a search finds the same rows. */
export function searchTextOf(a: Pick<Activity, 'id' | 'actor' | 'endpoint' | 'policy' | 'category' | 'subcategory'>): string {
  const { actor, endpoint } = a;
  return `${a.id}\n${actor.ip}\n${actor.country ?? ''}\n${actor.label ?? ''}\n${endpoint.method}\n${endpoint.path}\n${endpoint.host}\n${a.policy.name}\n${a.category}\n${a.subcategory}`.toLowerCase();
}

/**
 * The key a rule and an activity share: canonical actor IP + endpoint + policy,
 * as JSON (unambiguous, and free of the NUL bytes PostgreSQL text cannot hold).
 */
export const skeyOf = (actorIp: string, e: Endpoint, policyId: string) => JSON.stringify([canonicalActorIp(actorIp), e.method, e.host, e.path, policyId]);

/** The actor's address for block matching (IPv4-mapped IPv6 as IPv4); `null` when the text is not one address. */
export const actorInetOf = (ip: string): string | null => canonicalIpAddress(ip);
