/**
 * Ingest for the memory adapter: a detector's batch of detections becomes
 * attempts on activities. Each event is recorded once (by `eventId`, across
 * batches and within one); it joins the open activity of its actor IP +
 * endpoint + policy or creates one; a suppression rule in force on that key
 * counts a hit instead and the event never shows as Active. Subscribers get
 * the activities as they now stand and the rules' new hit counts.
 *
 * The batch is validated whole before anything changes, and then applied in
 * one synchronous step: it is applied entirely or not at all.
 */
import { MAX_INGEST_BATCH, type DetectionEvent, type IngestResult, type LiveEvent } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { ATTEMPT_OUTCOMES, DETECTION_TYPES, SEVERITIES, type Activity, type Attempt } from '../../core/model';
import type { ActivityIndex } from './activityIndex';
import type { AttemptSeriesStore } from './attemptSeriesStore';
import { copyActivity } from './copyActivity';
import { randomId } from './randomId';
import { suppressionKeyOf, type SuppressionRuleStore } from './suppressionRuleStore';

export interface IngestDependencies {
  index: ActivityIndex;
  rules: SuppressionRuleStore;
  attempts: AttemptSeriesStore;
  /** Rows of an actor + endpoint + policy key. */
  rowsOfKey(key: string): readonly number[];
  /** Adds a new activity at `revision` (index, key, blocks in force); returns its row. */
  addRow(activity: Activity, revision: number): number;
  deliver(event: LiveEvent, row?: number): void;
  nextRevision(): number;
  now(): number;
}

const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Rejects the batch at the first malformed event (a caller other than the server may send anything). */
function validateBatch(events: unknown): asserts events is DetectionEvent[] {
  if (!Array.isArray(events) || events.length === 0) throw bad('events must be a non-empty array.', 'events');
  if (events.length > MAX_INGEST_BATCH) throw new AdapterError('invalid_request', `At most ${MAX_INGEST_BATCH} events per batch.`, { status: 413, path: 'events' });
  events.forEach((raw, i) => {
    const e = raw as Partial<Record<keyof DetectionEvent, unknown>> | null;
    const at = `events[${i}]`;
    if (!e || typeof e !== 'object') throw bad('Each event must be an object.', at);
    if (typeof e.eventId !== 'string' || !/^[!-~]{1,128}$/.test(e.eventId)) throw bad('eventId must be 1–128 visible ASCII characters.', `${at}.eventId`);
    if (!(typeof e.timestamp === 'number' && Number.isSafeInteger(e.timestamp) && e.timestamp >= 0)) throw bad('timestamp must be epoch milliseconds.', `${at}.timestamp`);
    const actor = e.actor as { ip?: unknown } | undefined;
    if (!isText(actor?.ip, 100)) throw bad('actor.ip is required.', `${at}.actor.ip`);
    const endpoint = e.endpoint as Record<string, unknown> | undefined;
    for (const f of ['method', 'path', 'host']) if (!isText(endpoint?.[f], 2048)) throw bad(`endpoint.${f} is required.`, `${at}.endpoint.${f}`);
    const policy = e.policy as Record<string, unknown> | undefined;
    if (!isText(policy?.id, 512) || !isText(policy?.name, 256)) throw bad('policy needs an id and a name.', `${at}.policy`);
    if (!SEVERITIES.includes(e.severity as never)) throw bad('Unknown severity.', `${at}.severity`);
    if (!DETECTION_TYPES.includes(e.type as never)) throw bad('Unknown type.', `${at}.type`);
    if (!ATTEMPT_OUTCOMES.includes(e.outcome as never)) throw bad('Unknown outcome.', `${at}.outcome`);
    if (!isText(e.category, 256) || !isText(e.subcategory, 256)) throw bad('category and subcategory are required.', `${at}.category`);
    if (!e.request || typeof e.request !== 'object') throw bad('request is required.', `${at}.request`);
  });
}

const severityRank = (s: Activity['severity']) => SEVERITIES.indexOf(s);

export function createIngest(deps: IngestDependencies): (events: DetectionEvent[]) => IngestResult {
  const { index, rules, attempts } = deps;
  /** Every event id recorded so far: ingest is idempotent by event id. */
  const seen = new Set<string>();

  function newActivity(e: DetectionEvent): Activity {
    return {
      id: randomId('act'),
      status: 'active',
      severity: e.severity,
      type: e.type,
      actor: { ip: e.actor.ip, ...(e.actor.country ? { country: e.actor.country } : {}), ...(e.actor.label ? { label: e.actor.label } : {}) },
      endpoint: { method: e.endpoint.method, path: e.endpoint.path, host: e.endpoint.host },
      policy: { id: e.policy.id, name: e.policy.name },
      category: e.category,
      subcategory: e.subcategory,
      successfulExploit: e.outcome === 'exploited',
      attemptCount: 0,
      firstSeen: e.timestamp,
      lastSeen: e.timestamp,
      workItems: [],
    };
  }

  /** The event's attempt joins the activity: counts, first/last seen, the worst severity, the latest attack. */
  function join(a: Activity, e: DetectionEvent): void {
    if (e.timestamp >= a.lastSeen) {
      a.category = e.category;
      a.subcategory = e.subcategory;
    }
    if (severityRank(e.severity) < severityRank(a.severity)) a.severity = e.severity;
    if (e.outcome === 'exploited') a.successfulExploit = true;
    a.attemptCount++;
    a.firstSeen = Math.min(a.firstSeen, e.timestamp);
    a.lastSeen = Math.max(a.lastSeen, e.timestamp);
  }

  return (events) => {
    validateBatch(events);
    const now = deps.now();
    const result: IngestResult = { accepted: 0, duplicates: 0, suppressed: 0, activityIds: [] };
    /** Row → created by this batch. */
    const touched = new Map<number, boolean>();
    const hits = new Map<string, number>();
    let revision: number | undefined;
    for (const e of events) {
      if (seen.has(e.eventId)) {
        result.duplicates++;
        continue;
      }
      seen.add(e.eventId);
      result.accepted++;
      revision ??= deps.nextRevision();
      const key = suppressionKeyOf(e.actor.ip, e.endpoint, e.policy.id);
      const rule = rules.activeFor(key, now);
      if (rule) {
        rule.suppressedCount++;
        rule.lastHitAt = now;
        hits.set(rule.id, rule.suppressedCount);
        result.suppressed++;
        continue;
      }
      const open = deps.rowsOfKey(key).filter((r) => index.rows[r]!.status !== 'ignored');
      let row = open[open.length - 1];
      if (row === undefined) {
        const created = newActivity(e);
        attempts.markIngested(created.id);
        row = deps.addRow(created, revision);
        touched.set(row, true);
      } else if (!touched.has(row)) touched.set(row, false);
      const a = index.rows[row]!;
      join(a, e);
      const attempt: Attempt = {
        id: e.eventId,
        activityId: a.id,
        timestamp: e.timestamp,
        sourceIp: e.actor.ip,
        outcome: e.outcome,
        request: structuredClone(e.request),
        response: e.response === null ? null : structuredClone(e.response),
      };
      attempts.append(a.id, e.timestamp, e.outcome, attempt);
      index.refresh(row);
    }
    for (const [row, isNew] of touched) {
      const a = index.rows[row]!;
      result.activityIds.push(a.id);
      deps.deliver({ type: 'activity', activity: copyActivity(a, now), isNew }, row);
    }
    for (const [ruleId, count] of hits) deps.deliver({ type: 'suppressed', ruleId, count });
    return result;
  };
}
