/**
 * Ignore one activity, as one operation: with the `suppressionRules`
 * capability, `adapter.ignore` creates the suppression rule (actor + endpoint
 * + policy, optionally expiring, optionally applied to the existing matches)
 * AND moves this activity to Ignored — both or neither, one request, one
 * idempotency key per intent. Without the capability it is a plain status
 * write. The activity leaves its list optimistically; a failure takes back
 * only that change.
 */
import { useQuery } from '@tanstack/react-query';
import type { RulePreview } from '../core/adapter';
import { toAdapterError, type AdapterError } from '../core/errors';
import type { Activity, SuppressionRule, SuppressionRuleInput } from '../core/model';
import { checkRulePreview } from './checkAdapterRecords';
import { applyOptimisticStatus, type OptimisticPatch } from './optimisticStatus';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities, threatDeckKeys } from './threatDeckKeys';
import { useGuardedMutation, type GuardedMutation, type WriteOutcome } from './useGuardedMutation';
import { activityLock } from './writeCoordinator';
import type { StatusReason } from '../core/cases';
import { caseKeys } from './caseKeys';
import { supports } from '../core/capabilities';

export const IGNORE_EXPIRIES = ['24h', '7d', '30d', 'never'] as const;
export type IgnoreExpiry = (typeof IGNORE_EXPIRIES)[number];
export const IGNORE_EXPIRY_MS: Record<IgnoreExpiry, number | null> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  never: null,
};

export interface IgnoreChoices {
  expiry: IgnoreExpiry;
  reason: string;
  /** Also move the existing activities matching the rule to Ignored. */
  applyToExisting: boolean;
}

/** The suppression rule an Ignore on this activity creates. Pure. */
export function suppressionRuleFor(activity: Activity, choices: IgnoreChoices, now: number): SuppressionRuleInput {
  const ms = IGNORE_EXPIRY_MS[choices.expiry];
  const reason = choices.reason.trim();
  return {
    actorIp: activity.actor.ip,
    endpoint: { ...activity.endpoint },
    policyId: activity.policy.id,
    expiresAt: ms === null ? null : now + ms,
    applyToExisting: choices.applyToExisting,
    ...(reason ? { reason } : {}),
  };
}

export interface IgnoreVariables extends IgnoreChoices {
  activity: Activity;
  /** Why it is ignored (a host choice and/or text), kept with the status change in the history; not the rule's reason. */
  statusReason?: StatusReason;
}

export interface IgnoreOutcome {
  /** The created rule; absent when the adapter cannot suppress. */
  rule?: SuppressionRule;
  /** Activities moved to Ignored. */
  affected: number;
}

export interface UseIgnoreOptions {
  onSuccess?: (outcome: IgnoreOutcome, variables: IgnoreVariables) => void;
  /** `outcome` is `unknown` when the backend may have applied it (a retry with the same key is safe). */
  onError?: (error: AdapterError, variables: IgnoreVariables, outcome: WriteOutcome) => void;
}

export interface IgnoreState extends GuardedMutation<IgnoreOutcome, IgnoreVariables> {
  ignore: (variables: IgnoreVariables) => Promise<IgnoreOutcome | undefined>;
  /** The adapter can create suppression rules (otherwise Ignore is a plain status change). */
  canSuppress: boolean;
}

export function useIgnore(options: UseIgnoreOptions = {}): IgnoreState {
  const { adapter, queryClient, writes } = useThreatDeck();
  const canSuppress = supports(adapter, 'suppressionRules');
  const mutation = useGuardedMutation<IgnoreOutcome, IgnoreVariables, { patch: OptimisticPatch; end: ReturnType<typeof writes.beginOptimistic>['end'] }>({
    mutationFn: async ({ activity, statusReason, ...choices }, { idempotencyKey, signal, startedAt }) => {
      const activityIds = [activity.id];
      if (!canSuppress || !adapter.ignore) {
        const { affected } = await adapter.setStatus({ ids: activityIds, status: 'ignored', signal, idempotencyKey, ...(statusReason ? { reason: statusReason } : {}) });
        return { affected };
      }
      // The expiry is computed from when the intent began, so a retry sends the same request.
      const result = await adapter.ignore({
        rule: suppressionRuleFor(activity, choices, startedAt),
        activityIds,
        signal,
        idempotencyKey,
        ...(statusReason ? { statusReason } : {}),
      });
      return { rule: result.rule, affected: result.affected };
    },
    intentOf: ({ activity, expiry, reason, applyToExisting, statusReason }) => JSON.stringify([activity.id, expiry, reason.trim(), applyToExisting, statusReason ?? null]),
    locks: ({ activity }) => [activityLock(activity.id)],
    onMutate: async ({ activity }) => {
      const { end } = writes.beginOptimistic();
      return { patch: await applyOptimisticStatus(queryClient, { ids: [activity.id] }, 'ignored'), end };
    },
    onError: (error, variables, context, outcome) => {
      context?.patch.revert();
      options.onError?.(toAdapterError(error), variables, outcome);
    },
    onSuccess: (outcome, variables) => options.onSuccess?.(outcome, variables),
    onSettled: (_data, _error, variables, context) => {
      const refetch = async () => {
        await Promise.all([
          invalidateActivities(queryClient, variables.applyToExisting ? undefined : [variables.activity.id]),
          context?.patch.refetch(),
          queryClient.invalidateQueries({ queryKey: threatDeckKeys.suppressionRules() }),
          queryClient.invalidateQueries({ queryKey: caseKeys.historyOf(variables.activity.id) }),
        ]);
      };
      void (context ? context.end(refetch) : refetch());
    },
  });
  return { ...mutation, ignore: mutation.run, canSuppress };
}

export interface RulePreviewState {
  /** The backend can preview rules (`capabilities.rulePreview`). */
  supported: boolean;
  status: 'idle' | 'pending' | 'error' | 'success';
  preview: RulePreview | undefined;
  error: AdapterError | null;
}

/**
 * What a rule would have matched: existing activities and the events of the
 * last 30 days (`previewSuppressionRule`). Keyed by actor + endpoint + policy
 * and whether it applies to existing matches; the expiry and reason do not
 * change what it matches.
 */
export function useRulePreview(rule: SuppressionRuleInput | null): RulePreviewState {
  const { adapter, queryClient } = useThreatDeck();
  const supported = supports(adapter, 'rulePreview');
  const result = useQuery(
    {
      queryKey: [
        ...threatDeckKeys.suppressionRules(),
        'preview',
        rule ? [rule.actorIp, rule.endpoint.method, rule.endpoint.host, rule.endpoint.path, rule.policyId] : null,
      ],
      queryFn: async ({ signal }): Promise<RulePreview> => checkRulePreview(await adapter.previewSuppressionRule!({ rule: rule!, signal })),
      enabled: supported && !!rule,
      staleTime: 60_000,
    },
    queryClient,
  );
  return {
    supported,
    status: !supported || !rule ? 'idle' : result.status,
    preview: result.data,
    error: result.error ? toAdapterError(result.error) : null,
  };
}
