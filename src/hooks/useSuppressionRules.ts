/**
 * The suppression rules a team has made, paged (active or expired, narrowed
 * by a search), and the write that deletes one. A deleted rule leaves every
 * cached page at once; rules and activities refetch afterwards.
 */
import { useCallback } from 'react';
import type { CollectionState, ThreatDeckAdapter } from '../core/adapter';
import { AdapterError, toAdapterError } from '../core/errors';
import type { SuppressionRule } from '../core/model';
import { checkRecord } from '../core/parseRecord';
import { suppressionRulePageSchema } from '../core/schemas';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities, threatDeckKeys } from './threatDeckKeys';
import { removeFromCollections, useCollectionPages, type CollectionPagesState } from './useCollectionPages';
import { useGuardedMutation, type GuardedMutation } from './useGuardedMutation';
import { supports } from '../core/capabilities';

export const suppressionRuleKeys = {
  /** Every list of rules (invalidated by Ignore, through `threatDeckKeys.suppressionRules()`). */
  all: () => threatDeckKeys.suppressionRules(),
  list: (state: CollectionState, search: string, pageSize: number) => ['threatdeck', 'suppression-rules', 'list', state, search, pageSize] as const,
};

export interface DeleteRuleVariables {
  ruleId: string;
}

export interface UseSuppressionRulesOptions {
  /** Default `active`. */
  state?: CollectionState;
  search?: string;
  /** Rules per adapter page (default 50). */
  pageSize?: number;
  enabled?: boolean;
  onDeleted?: (ruleId: string) => void;
  onDeleteError?: (error: AdapterError, variables: DeleteRuleVariables) => void;
}

export interface SuppressionRulesState extends CollectionPagesState<SuppressionRule> {
  /** The adapter lists rules (`suppressionRules` capability and `listSuppressionRules`). */
  supported: boolean;
  /** The adapter can delete rules. */
  canDelete: boolean;
  deleteWrite: GuardedMutation<void, DeleteRuleVariables>;
  deleteRule: (variables: DeleteRuleVariables) => Promise<void | undefined>;
}

/** The adapter can list suppression rules. */
export function canListSuppressionRules(adapter: ThreatDeckAdapter): boolean {
  return supports(adapter, 'suppressionRuleList');
}

export function useSuppressionRules(options: UseSuppressionRulesOptions = {}): SuppressionRulesState {
  const { adapter, queryClient } = useThreatDeck();
  const state = options.state ?? 'active';
  const search = (options.search ?? '').trim();
  const pageSize = options.pageSize ?? 50;
  const supported = canListSuppressionRules(adapter);
  const canDelete = supports(adapter, 'suppressionRuleDelete');

  const pages = useCollectionPages<SuppressionRule>({
    queryKey: suppressionRuleKeys.list(state, search, pageSize),
    placeholderScope: suppressionRuleKeys.list(state, search, pageSize).slice(0, 4),
    load: ({ signal, cursor }) => {
      if (!adapter.listSuppressionRules) return Promise.reject(new AdapterError('unsupported', 'This backend does not list suppression rules.'));
      return adapter.listSuppressionRules({ signal, state, pageSize, ...(search ? { search } : {}), ...(cursor !== undefined ? { cursor } : {}) });
    },
    checkPage: (page) => checkRecord(suppressionRulePageSchema, page, 'suppression rules page'),
    idOf: ruleId,
    enabled: supported && (options.enabled ?? true),
  });

  const { onDeleted, onDeleteError } = options;
  const deleteWrite = useGuardedMutation<void, DeleteRuleVariables>({
    // A repeated delete finds the rule gone, which counts as done (below).
    idempotent: true,
    mutationFn: async ({ ruleId: id }, { idempotencyKey, signal }) => {
      if (!canDelete || !adapter.deleteSuppressionRule) throw new AdapterError('unsupported', 'This backend cannot delete suppression rules.');
      try {
        await adapter.deleteSuppressionRule({ ruleId: id, idempotencyKey, signal });
      } catch (error) {
        // Already gone (another analyst, or our own earlier attempt whose answer was lost): what was asked for holds.
        if (toAdapterError(error).code !== 'not_found') throw error;
      }
    },
    onSuccess: (_data, { ruleId: id }) => {
      removeFromCollections<SuppressionRule>(queryClient, suppressionRuleKeys.all(), (rule) => rule.id === id);
      onDeleted?.(id);
    },
    onError: (error, variables) => onDeleteError?.(toAdapterError(error), variables),
    onSettled: async () => {
      // Even after a failure: an outcome-unknown delete may have happened, and the list must say so.
      await Promise.all([queryClient.invalidateQueries({ queryKey: suppressionRuleKeys.all() }), invalidateActivities(queryClient)]);
    },
  });

  const { run } = deleteWrite;
  const deleteRule = useCallback((variables: DeleteRuleVariables) => run(variables), [run]);
  return { ...pages, supported, canDelete, deleteWrite, deleteRule };
}

const ruleId = (rule: SuppressionRule) => rule.id;
