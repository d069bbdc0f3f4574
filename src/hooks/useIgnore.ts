/**
 * Ignore one activity. With the `suppressionRules` capability it also creates
 * a suppression rule keyed on actor + endpoint + policy (future detections
 * are dropped), optionally expiring and optionally applied to the existing
 * matching activities. Without it, the activity is only moved to Ignored.
 * The activity leaves its list optimistically and comes back on failure.
 */
import type { IgnoreResult } from '../core/adapter';
import { toAdapterError, type AdapterError } from '../core/errors';
import type { Activity, SuppressionRule, SuppressionRuleInput } from '../core/model';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities, threatDeckKeys } from './threatDeckKeys';
import { useGuardedMutation, writeSignal, type GuardedMutation } from './useGuardedMutation';
import { applyOptimisticStatus } from './useStatusChange';

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
}

export interface IgnoreOutcome {
  /** The created rule; absent when the adapter cannot suppress. */
  rule?: SuppressionRule;
  /** Activities moved to Ignored. */
  affected: number;
}

export interface UseIgnoreOptions {
  onSuccess?: (outcome: IgnoreOutcome, variables: IgnoreVariables) => void;
  onError?: (error: AdapterError, variables: IgnoreVariables) => void;
}

export interface IgnoreState extends GuardedMutation<IgnoreOutcome, IgnoreVariables> {
  ignore: (variables: IgnoreVariables) => Promise<IgnoreOutcome | undefined>;
  /** The adapter can create suppression rules (otherwise Ignore is a plain status change). */
  canSuppress: boolean;
}

export function useIgnore(options: UseIgnoreOptions = {}): IgnoreState {
  const { adapter, queryClient, now } = useThreatDeck();
  const canSuppress = !!adapter.capabilities.suppressionRules && typeof adapter.ignore === 'function';
  const mutation = useGuardedMutation<IgnoreOutcome, IgnoreVariables, { rollback: () => void }>({
    mutationFn: async ({ activity, ...choices }) => {
      const ids = [activity.id];
      if (!canSuppress || !adapter.ignore) {
        const { affected } = await adapter.setStatus({ ids, status: 'ignored', signal: writeSignal() });
        return { affected };
      }
      const result: IgnoreResult = await adapter.ignore({ rule: suppressionRuleFor(activity, choices, now()), signal: writeSignal() });
      // The rule covers the future; this activity itself is ignored either way.
      if (!choices.applyToExisting) {
        const { affected } = await adapter.setStatus({ ids, status: 'ignored', signal: writeSignal() });
        return { rule: result.rule, affected };
      }
      return { rule: result.rule, affected: result.affected };
    },
    onMutate: async ({ activity }) => ({ rollback: await applyOptimisticStatus(queryClient, { ids: [activity.id] }, 'ignored') }),
    onError: (error, variables, context) => {
      context?.rollback();
      options.onError?.(toAdapterError(error), variables);
    },
    onSuccess: (outcome, variables) => options.onSuccess?.(outcome, variables),
    onSettled: async (_data, _error, variables) => {
      await Promise.all([
        invalidateActivities(queryClient, variables.applyToExisting ? undefined : [variables.activity.id]),
        queryClient.invalidateQueries({ queryKey: threatDeckKeys.suppressionRules() }),
      ]);
    },
  });
  return { ...mutation, ignore: mutation.run, canSuppress };
}
