/**
 * SuppressionRules: the rules a team has made (Ignore creates them), paged,
 * Active or Expired, searchable, each with its actor, endpoint, policy,
 * reason, creation, expiry, hit count and last hit, and Delete with a
 * confirmation. Every value from the backend is rendered as text.
 */
import { clsx } from 'clsx';
import { forwardRef, useRef, useState, type HTMLAttributes } from 'react';
import type { CollectionState } from '../../core/adapter';
import type { AdapterError } from '../../core/errors';
import type { SuppressionRule } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useControllableState } from '../../hooks/useControllableState';
import { useSuppressionRules } from '../../hooks/useSuppressionRules';
import { CollectionShell, collectionStatus, type CollectionMessages } from './CollectionShell';
import { ConfirmRemovalDialog } from './ConfirmRemovalDialog';
import { EndpointText, TimeText } from './CollectionCells';

export interface SuppressionRulesProps extends Omit<HTMLAttributes<HTMLElement>, 'defaultValue' | 'onChange' | 'onError'> {
  /** Active or expired rules; controlled. */
  state?: CollectionState;
  defaultState?: CollectionState;
  onStateChange?: (state: CollectionState) => void;
  /** The committed search (actor, endpoint, policy or reason); controlled. */
  search?: string;
  defaultSearch?: string;
  onSearchChange?: (search: string) => void;
  /** Rules per adapter page (default 50). */
  pageSize?: number;
  onRuleDeleted?: (ruleId: string) => void;
  /** A delete failed (the dialog also says why). */
  onError?: (error: AdapterError) => void;
}

const MESSAGES: CollectionMessages = {
  tabsLabel: 'rules.tabs.label',
  searchLabel: 'rules.search.label',
  searchPlaceholder: 'rules.search.placeholder',
  caption: { active: 'rules.caption.active', expired: 'rules.caption.expired' },
  shown: 'rules.shown',
  empty: { active: 'rules.empty.active', expired: 'rules.empty.expired' },
  emptySearch: 'rules.empty.search',
  errorTitle: 'rules.error.title',
  partialTitle: 'rules.partial.title',
};

export const SuppressionRules = forwardRef<HTMLElement, SuppressionRulesProps>(function SuppressionRules(
  {
    state: stateProp,
    defaultState = 'active',
    onStateChange,
    search: searchProp,
    defaultSearch = '',
    onSearchChange,
    pageSize = 50,
    onRuleDeleted,
    onError,
    className,
    ...rest
  },
  ref,
) {
  const { t, now } = useThreatDeck();
  const [state, setState] = useControllableState<CollectionState>({ value: stateProp, defaultValue: defaultState, onChange: onStateChange, name: 'SuppressionRules.state' });
  const [search, setSearch] = useControllableState<string>({ value: searchProp, defaultValue: defaultSearch, onChange: onSearchChange, name: 'SuppressionRules.search' });
  const [target, setTarget] = useState<SuppressionRule | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const removed = useRef(false);
  // Where the confirmed row was, for focus after it is gone (the dialog closes after `target` is cleared).
  const rowIndex = useRef(0);
  const targetRef = useRef(target);
  targetRef.current = target;

  const rules = useSuppressionRules({
    state,
    search,
    pageSize,
    onDeleted: (ruleId) => {
      removed.current = true;
      const deleted = targetRef.current;
      setAnnouncement(deleted && deleted.id === ruleId ? t('rules.deleted', { actor: deleted.actorIp }) : null);
      setTarget(null);
      onRuleDeleted?.(ruleId);
    },
    ...(onError ? { onDeleteError: (error: AdapterError) => onError(error) } : {}),
  });
  const status = collectionStatus(rules, rules.supported);

  const openDelete = (rule: SuppressionRule, index: number, button: HTMLElement) => {
    trigger.current = button;
    rowIndex.current = index;
    removed.current = false;
    rules.deleteWrite.reset();
    setAnnouncement(null);
    setTarget(rule);
  };

  const restoreFocus = (event: Event) => {
    event.preventDefault();
    if (removed.current) {
      // The row is gone: its successor's Delete (or the last row's) takes focus, else the search box.
      const buttons = tableRef.current?.querySelectorAll<HTMLElement>('[data-slot="rule-delete"]');
      const next = buttons && buttons.length > 0 ? buttons[Math.min(rowIndex.current, buttons.length - 1)] : null;
      (next ?? searchRef.current)?.focus();
    } else if (trigger.current?.isConnected) trigger.current.focus();
    else searchRef.current?.focus();
  };

  const rule = target;
  return (
    <section
      ref={ref}
      aria-label={t('rules.label')}
      data-slot="suppression-rules"
      data-state={state}
      data-status={status}
      className={clsx('td-collection', 'td-rules', className)}
      {...rest}
    >
      {status === 'unsupported' ? (
        <p className="td-alert" data-slot="collection-unsupported">
          {t('rules.unsupported')}
        </p>
      ) : (
        <CollectionShell
          messages={MESSAGES}
          state={state}
          onStateChange={(next) => {
            setAnnouncement(null);
            setState(next);
          }}
          search={search}
          onSearchChange={setSearch}
          pages={rules}
          status={status}
          searchRef={searchRef}
          notes={
            <>
              {!rules.canDelete ? (
                <p className="td-action-note" data-slot="rules-delete-unavailable">
                  {t('rules.deleteUnavailable')}
                </p>
              ) : null}
              <p role="status" data-slot="collection-announcement" className="td-collection-announcement">
                {announcement}
              </p>
            </>
          }
          renderTable={(items, caption) => (
            <table ref={tableRef} data-slot="rules-table" className="td-collection-table">
              <caption className="td-visually-hidden">{caption}</caption>
              <thead data-slot="table-head">
                <tr>
                  <th scope="col" data-slot="column-header" data-column="actor">{t('rules.column.actor')}</th>
                  <th scope="col" data-slot="column-header" data-column="endpoint">{t('rules.column.endpoint')}</th>
                  <th scope="col" data-slot="column-header" data-column="policy">{t('rules.column.policy')}</th>
                  <th scope="col" data-slot="column-header" data-column="reason">{t('rules.column.reason')}</th>
                  <th scope="col" data-slot="column-header" data-column="createdAt">{t('rules.column.createdAt')}</th>
                  <th scope="col" data-slot="column-header" data-column="expiresAt">{t('rules.column.expiresAt')}</th>
                  <th scope="col" data-slot="column-header" data-column="hits" data-align="end">{t('rules.column.hits')}</th>
                  <th scope="col" data-slot="column-header" data-column="lastHit">{t('rules.column.lastHit')}</th>
                  {rules.canDelete ? <th scope="col" data-slot="column-header" data-column="actions"><span className="td-visually-hidden">{t('rules.column.actions')}</span></th> : null}
                </tr>
              </thead>
              <tbody data-slot="table-body">
                {items.map((item, index) => (
                  <RuleRow key={item.id} rule={item} now={now()} canDelete={rules.canDelete} onDelete={(button) => openDelete(item, index, button)} />
                ))}
              </tbody>
            </table>
          )}
        />
      )}
      <ConfirmRemovalDialog
        open={!!target}
        onClose={() => setTarget(null)}
        onConfirm={() => {
          if (rule) void rules.deleteRule({ ruleId: rule.id });
        }}
        title={t('rules.delete.title')}
        description={
          rule
            ? t('rules.delete.description', { policy: rule.policyId, actor: rule.actorIp, method: rule.endpoint.method, host: rule.endpoint.host, path: rule.endpoint.path })
            : ''
        }
        submitLabel={t('rules.delete.submit')}
        pendingLabel={t('rules.delete.pending')}
        status={rules.deleteWrite.status}
        error={rules.deleteWrite.error}
        failedText={t('rules.delete.failed')}
        unknownText={t('rules.delete.unknown')}
        checkingText={t('rules.delete.checking')}
        slot="rule-delete-dialog"
        onCloseAutoFocus={restoreFocus}
      />
    </section>
  );
});

interface RuleRowProps {
  rule: SuppressionRule;
  now: number;
  canDelete: boolean;
  onDelete: (button: HTMLElement) => void;
}

function RuleRow({ rule, now, canDelete, onDelete }: RuleRowProps) {
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
      {canDelete ? (
        <td data-slot="rule-actions">
          <button
            type="button"
            className="td-button"
            data-variant="ghost"
            data-slot="rule-delete"
            aria-label={t('rules.deleteLabel', { actor: rule.actorIp, method: rule.endpoint.method, host: rule.endpoint.host, path: rule.endpoint.path })}
            onClick={(e) => onDelete(e.currentTarget)}
          >
            {t('rules.delete')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}
