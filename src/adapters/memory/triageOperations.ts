/**
 * The memory adapter's triage: status changes (by ids, by query with an
 * as-of bound and dry runs), atomic Ignore (a suppression rule and the
 * activities it covers in one step), rule previews, and the rule list.
 */
import { RULE_PREVIEW_WINDOW_MS, type ThreatDeckAdapter } from '../../core/adapter';
import type { SuppressionRule } from '../../core/model';
import { normalizeStatusReason } from '../../core/cases';
import { checkIdempotencyKey } from './idempotencyStore';
import { checkFlag, checkStatus, err, notFound, settle, type MemoryStore } from './memoryStore';
import { randomId } from './randomId';
import { copyRule, suppressionKeyOf, validateRuleInput } from './suppressionRuleStore';

type TriageOperations = Pick<
  Required<ThreatDeckAdapter>,
  'setStatus' | 'setStatusByQuery' | 'ignore' | 'previewSuppressionRule' | 'listSuppressionRules' | 'deleteSuppressionRule'
>;

export function triageOperations(store: MemoryStore): TriageOperations {
  const { index, rules, byKey, clock } = store;

  return {
    setStatus: (params) =>
      store.write('setStatus', params, () => {
        const next = checkStatus(params.status);
        const rows = store.rowsOfIds(params.ids, 'ids');
        const lift = checkFlag(params.liftRules, 'liftRules');
        const reason = normalizeStatusReason(params.reason);
        const rev = store.nextRevision();
        if (!lift) return { affected: store.moveRows(rows, next, rev, undefined, reason) };
        // Reactivate and lift: the rules that ignored these activities go in the same step.
        const named = new Set<string>();
        for (const r of rows) {
          const ruleId = index.rows[r]!.suppressedBy;
          if (ruleId !== undefined) named.add(ruleId);
        }
        const liftedRuleIds = [...named].filter(store.deleteRule);
        return { affected: store.moveRows(rows, next, rev, undefined, reason), liftedRuleIds };
      }),

    setStatusByQuery: (params) => {
      const run = () => {
        const next = checkStatus(params.status);
        const dryRun = checkFlag(params.dryRun, 'dryRun');
        const reason = normalizeStatusReason(params.reason);
        const rows = store.rowsOfQueryTarget(params, '');
        if (dryRun) return { affected: rows.filter((r) => index.rows[r]!.status !== next).length };
        return { affected: store.moveRows(rows, next, store.nextRevision(), undefined, reason) };
      };
      // A dry run changes nothing, so it is neither replayed nor recorded under the key.
      if (params.dryRun === true) {
        return settle(() => {
          checkIdempotencyKey(params.idempotencyKey);
          return run();
        });
      }
      return store.write('setStatusByQuery', params, run);
    },

    ignore: (params) =>
      store.write('ignore', params, () => {
        const now = clock();
        const input = validateRuleInput(params.rule, now);
        const statusReason = normalizeStatusReason(params.statusReason, 'statusReason');
        const key = suppressionKeyOf(input.actorIp, input.endpoint, input.policyId);
        const rows = store.rowsOfIds(params.activityIds ?? [], 'activityIds');
        rows.forEach((r, i) => {
          const a = index.rows[r]!;
          // One rule suppresses one actor + endpoint + policy; anything else would be ignored without a rule that covers it.
          if (suppressionKeyOf(a.actor.ip, a.endpoint, a.policy.id) !== key) {
            throw err('invalid_request', `Activity "${a.id}" is not matched by the rule.`, `activityIds[${i}]`);
          }
        });
        // Everything is valid: create the rule and move the activities in one step.
        const matches = byKey.get(key) ?? [];
        const rule: SuppressionRule = {
          // Unguessable ids: a counter would let anyone enumerate rules.
          id: randomId('rule'),
          actorIp: input.actorIp,
          endpoint: { ...input.endpoint },
          policyId: input.policyId,
          ...(input.reason ? { reason: input.reason } : {}),
          createdAt: now,
          expiresAt: input.expiresAt,
          suppressedCount: 0,
          lastHitAt: null,
        };
        rules.add(rule, matches.length ? index.rows[matches[0]!]!.policy.name : '');
        const targets = new Set(rows);
        if (input.applyToExisting) for (const r of matches) targets.add(r);
        for (const r of targets) {
          store.cases.record({ kind: 'rule', activityId: index.rows[r]!.id, who: store.cases.who, when: now, action: 'created', ruleId: rule.id, ...(rule.reason ? { reason: rule.reason } : {}) });
        }
        const affected = store.moveRows(targets, 'ignored', store.nextRevision(), rule.id, statusReason);
        return { rule: copyRule(rule), affected };
      }),

    previewSuppressionRule: ({ rule }) =>
      settle(() => {
        const now = clock();
        const input = validateRuleInput(rule, now);
        const rows = byKey.get(suppressionKeyOf(input.actorIp, input.endpoint, input.policyId)) ?? [];
        const from = now - RULE_PREVIEW_WINDOW_MS;
        let events = 0;
        for (const r of rows) {
          const { timestamps, total } = store.seriesOf(index.rows[r]!);
          for (let j = 0; j < total; j++) {
            const t = timestamps[j]!;
            if (t >= from && t <= now) events++;
          }
        }
        return { activities: rows.length, events, windowMs: RULE_PREVIEW_WINDOW_MS };
      }),

    listSuppressionRules: (params) => settle(() => rules.list(params, clock())),

    deleteSuppressionRule: (params) =>
      store.write('deleteSuppressionRule', params, () => {
        if (typeof params.ruleId !== 'string' || !rules.get(params.ruleId)) throw notFound('suppression rule', String(params.ruleId));
        store.nextRevision();
        store.deleteRule(params.ruleId);
      }),
  };
}
