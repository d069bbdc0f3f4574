/**
 * The suppression rules a team has made, paged (active or expired, narrowed
 * by a search), and the write that deletes one (see useRemovableCollection).
 */
import type { CollectionState, ThreatDeckAdapter } from '../core/adapter';
import type { AdapterError } from '../core/errors';
import type { SuppressionRule } from '../core/model';
import { checkRecord } from '../core/parseRecord';
import { suppressionRulePageSchema } from '../core/schemas';
import { useThreatDeck } from './ThreatDeckProvider';
import { threatDeckKeys } from './threatDeckKeys';
import type { CollectionPagesState } from './useCollectionPages';
import type { GuardedMutation } from './useGuardedMutation';
import { useRemovableCollection } from './useRemovableCollection';
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
  const { adapter } = useThreatDeck();
  const removeOne = adapter.deleteSuppressionRule?.bind(adapter);
  const supported = canListSuppressionRules(adapter);
  const canDelete = supports(adapter, 'suppressionRuleDelete');
  const { removeWrite, remove, ...pages } = useRemovableCollection<SuppressionRule, DeleteRuleVariables>({
    keys: suppressionRuleKeys,
    state: options.state ?? 'active',
    search: (options.search ?? '').trim(),
    pageSize: options.pageSize ?? 50,
    enabled: options.enabled ?? true,
    supported,
    canRemove: canDelete,
    list: adapter.listSuppressionRules?.bind(adapter),
    remove: removeOne && ((ruleId, call) => removeOne({ ruleId, ...call })),
    checkPage: (page) => checkRecord(suppressionRulePageSchema, page, 'suppression rules page'),
    idOf: (rule) => rule.id,
    removedId: (variables) => variables.ruleId,
    unsupportedList: 'This backend does not list suppression rules.',
    unsupportedRemove: 'This backend cannot delete suppression rules.',
    ...(options.onDeleted ? { onRemoved: options.onDeleted } : {}),
    ...(options.onDeleteError ? { onRemoveError: options.onDeleteError } : {}),
  });
  return { ...pages, supported, canDelete, deleteWrite: removeWrite, deleteRule: remove };
}
