/**
 * An activity's history, newest first: who (the user's name from listUsers,
 * or the id), when, and what — status changes with their reasons, rules,
 * blocks, work items, assignments and notes. Every value (note and reason
 * text, rule reasons, block targets, work-item keys and URLs) is
 * attacker-written and rendered as text; a work item's URL is not a link.
 */
import type { HistoryEntry } from '../../core/cases';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useActivityHistory } from '../../hooks/useCaseReads';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useUserNames } from '../shared/useUserNames';
import type { StatusReasonChoice } from '../EventActions/StatusReasonFields';
import { useDefaultStatusReasons } from '../EventActions/StatusReasonFields';
import { TimeText } from '../ThreatDrilldown/TimeText';

export interface HistoryListProps {
  activityId: string;
  /** Labels for reason choices (default: the catalog's); an unknown choice shows its id. */
  statusReasons?: readonly StatusReasonChoice[];
}

export function HistoryList({ activityId, statusReasons }: HistoryListProps) {
  const { t } = useThreatDeck();
  const history = useActivityHistory(activityId);
  const { nameOf } = useUserNames();
  const defaults = useDefaultStatusReasons();
  const choices = statusReasons ?? defaults;
  const choiceLabel = (id: string) => choices.find((c) => c.id === id)?.label ?? id;

  if (!history.supported) return <p data-slot="history-unsupported">{t('cases.history.unsupported')}</p>;
  if (history.status === 'pending') {
    return (
      <p role="status" data-slot="history-loading">
        {t('cases.history.loading')}
      </p>
    );
  }
  if (history.error) return <ErrorNotice error={history.error} title={t('cases.history.error')} onRetry={history.refetch} />;
  if (history.items.length === 0) return <p data-slot="history-empty">{t('cases.history.empty')}</p>;

  const what = (e: HistoryEntry) => {
    switch (e.kind) {
      case 'status':
        return (
          <>
            <span>{t('cases.history.status', { from: t(`status.${e.from}`), to: t(`status.${e.to}`) })}</span>
            {e.reason?.choice ? <span data-slot="history-reason-choice">{t('cases.history.reasonChoice', { choice: choiceLabel(e.reason.choice) })}</span> : null}
            {e.reason?.text ? <span data-slot="history-reason-text" className="td-history-text">{t('cases.history.reasonText', { text: e.reason.text })}</span> : null}
          </>
        );
      case 'rule':
        return (
          <>
            <span>{t(e.action === 'created' ? 'cases.history.ruleCreated' : 'cases.history.ruleDeleted')}</span>
            {e.reason ? <span className="td-history-text">{t('cases.history.ruleReason', { reason: e.reason })}</span> : null}
          </>
        );
      case 'block':
        return <span>{t(e.action === 'blocked' ? 'cases.history.blocked' : 'cases.history.unblocked', { target: e.target })}</span>;
      case 'workItem':
        return (
          <>
            <span>{t('cases.history.workItem', { key: e.key })}</span>
            <span className="td-mono td-history-text">{e.url}</span>
          </>
        );
      case 'assignment':
        return (
          <span>
            {e.to === null
              ? t('cases.history.unassigned', { from: e.from === null ? '—' : nameOf(e.from) })
              : e.from === null
                ? t('cases.history.assigned', { to: nameOf(e.to) })
                : t('cases.history.reassigned', { from: nameOf(e.from), to: nameOf(e.to) })}
          </span>
        );
      case 'note':
        return (
          <>
            <span>{t('cases.history.note')}</span>
            <span data-slot="history-note-text" className="td-history-text">
              {e.text}
            </span>
          </>
        );
    }
  };

  return (
    <div data-slot="history">
      <ol aria-label={t('cases.history.label')} data-slot="history-list" className="td-history-list" aria-busy={history.isPlaceholder || undefined}>
        {history.items.map((e) => (
          <li key={e.id} data-slot="history-entry" data-kind={e.kind} className="td-history-entry">
            <span data-slot="history-who" className="td-history-who">
              {nameOf(e.who)}
            </span>{' '}
            <TimeText ms={e.when} slot="history-when" />
            <div data-slot="history-what" className="td-history-what">
              {what(e)}
            </div>
          </li>
        ))}
      </ol>
      {history.nextPageError ? <ErrorNotice error={history.nextPageError} title={t('cases.history.error')} onRetry={history.fetchNextPage} /> : null}
      {history.hasNextPage ? (
        <button type="button" className="td-button" data-slot="history-more" aria-busy={history.isFetchingNextPage || undefined} onClick={() => history.fetchNextPage()}>
          {history.isFetchingNextPage ? t('cases.history.loadingMore') : t('cases.history.more')}
        </button>
      ) : null}
    </div>
  );
}
