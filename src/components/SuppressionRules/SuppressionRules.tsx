/**
 * SuppressionRules: the rules a team has made (Ignore creates them), paged,
 * Active or Expired, searchable, each with its actor, endpoint, policy,
 * reason, creation, expiry, hit count and last hit, and Delete with a
 * confirmation. Every value from the backend is rendered as text.
 */
import type { SuppressionRule } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useSuppressionRules } from '../../hooks/useSuppressionRules';
import { EndpointText, TimeText } from './CollectionCells';
import { createRemovableCollection, type CollectionProps, type RowProps } from './RemovableCollection';

/** Search matches actor, endpoint, policy or reason. */
export interface SuppressionRulesProps extends CollectionProps {
  onRuleDeleted?: (ruleId: string) => void;
}

export const SuppressionRules = createRemovableCollection<SuppressionRule, SuppressionRulesProps>({
  name: 'SuppressionRules',
  p: 'rules',
  r: 'rules.delete',
  slot: 'suppression-rules',
  button: 'rule-delete',
  unavailable: 'rules-delete-unavailable',
  columns: [
    ['actor', 'rules.column.actor'],
    ['endpoint', 'rules.column.endpoint'],
    ['policy', 'rules.column.policy'],
    ['reason', 'rules.column.reason'],
    ['createdAt', 'rules.column.createdAt'],
    ['expiresAt', 'rules.column.expiresAt'],
    ['hits', 'rules.column.hits', true],
    ['lastHit', 'rules.column.lastHit'],
  ],
  own: ['onRuleDeleted'],
  id: (rule) => rule.id,
  useItems: ({ onRemoved, onRemoveError, ...options }) => {
    const rules = useSuppressionRules({ ...options, onDeleted: onRemoved, ...(onRemoveError ? { onDeleteError: onRemoveError } : {}) });
    return { ...rules, canRemove: rules.canDelete, write: rules.deleteWrite, remove: (rule) => void rules.deleteRule({ ruleId: rule.id }) };
  },
  onRemoved: (props, id) => props.onRuleDeleted?.(id),
  values: ({ policyId, actorIp, endpoint }) => ({ policy: policyId, actor: actorIp, method: endpoint.method, host: endpoint.host, path: endpoint.path }),
  announce: 'rules.deleted',
  showRemove: (canRemove) => canRemove,
  Row: RuleRow,
});

function RuleRow({ item: rule, now, showRemove, removeButton }: RowProps<SuppressionRule, SuppressionRulesProps>) {
  const { t, format } = useThreatDeck();
  const expired = rule.expiresAt !== null && rule.expiresAt <= now;
  const lastHit = rule.lastHitAt ?? null;
  return (
    <tr data-slot="rule-row" data-state={expired ? 'expired' : 'active'}>
      <th scope="row" data-slot="rule-actor" className="td-mono">
        {rule.actorIp}
      </th>
      <td data-slot="rule-endpoint">
        <EndpointText endpoint={rule.endpoint} />
      </td>
      <td data-slot="rule-policy" className="td-collection-wrap">
        {rule.policyId}
      </td>
      <td data-slot="rule-reason" className="td-collection-wrap" data-state={rule.reason ? 'given' : 'none'}>
        {rule.reason ? rule.reason : <span className="td-collection-muted">{t('rules.noReason')}</span>}
      </td>
      <td data-slot="rule-created">
        <TimeText at={rule.createdAt} />
      </td>
      <td data-slot="rule-expires" data-state={rule.expiresAt === null ? 'never' : expired ? 'expired' : 'scheduled'}>
        {rule.expiresAt === null ? (
          t('rules.neverExpires')
        ) : (
          <TimeText at={rule.expiresAt} label={expired ? (date) => t('rules.expiredAt', { date }) : undefined} />
        )}
      </td>
      <td data-slot="rule-hits" data-align="end" className="td-collection-number">
        {format.number(rule.suppressedCount)}
      </td>
      <td data-slot="rule-last-hit" data-state={lastHit === null ? 'never' : 'hit'}>
        {lastHit === null ? <span className="td-collection-muted">{t('rules.neverHit')}</span> : <TimeText at={lastHit} relative />}
      </td>
      {showRemove ? <td data-slot="rule-actions">{removeButton}</td> : null}
    </tr>
  );
}
