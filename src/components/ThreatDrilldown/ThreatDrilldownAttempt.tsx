import { forwardRef, useId, useMemo, useState } from 'react';
import type { Attempt } from '../../core/model';
import { DEFAULT_REDACTION, redactRequest, redactResponse } from '../../core/redaction';
import { useAttempts } from '../../hooks/useActivityDetail';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ErrorNotice } from '../shared/ErrorNotice';
import { AttemptList } from './AttemptList';
import { CopyMenu } from './CopyMenu';
import { DrilldownPanel, type DrilldownPanelProps } from './DrilldownPanel';
import { useDrilldownContext } from './drilldownContext';
import { RequestView, ResponseView } from './HttpMessageView';
import { PanelLoading } from './PanelLoading';

export interface ThreatDrilldownAttemptProps extends DrilldownPanelProps {
  /** The attempt shown, when controlled (defaults to the newest). */
  attemptId?: string;
  defaultAttemptId?: string;
  onAttemptChange?: (attemptId: string) => void;
  /** Attempts per page from the adapter; default 50. */
  pageSize?: number;
  /** Body characters shown before "Show all"; default 64 Ki. */
  bodyCap?: number;
}

/** The attempts one by one: list, request and response as text, copy menu with redaction. */
export const ThreatDrilldownAttempt = forwardRef<HTMLDivElement, ThreatDrilldownAttemptProps>(function ThreatDrilldownAttempt(
  { attemptId, defaultAttemptId, onAttemptChange, pageSize, bodyCap, children, ...rest },
  ref,
) {
  return (
    <DrilldownPanel ref={ref} tab="attempt" {...rest}>
      {children ?? (
        <AttemptBody
          attemptId={attemptId}
          defaultAttemptId={defaultAttemptId}
          onAttemptChange={onAttemptChange}
          pageSize={pageSize}
          bodyCap={bodyCap}
        />
      )}
    </DrilldownPanel>
  );
});

type AttemptBodyProps = Pick<ThreatDrilldownAttemptProps, 'attemptId' | 'defaultAttemptId' | 'onAttemptChange' | 'pageSize' | 'bodyCap'>;

function AttemptBody({ attemptId, defaultAttemptId, onAttemptChange, pageSize, bodyCap }: AttemptBodyProps) {
  const { activityId } = useDrilldownContext('Attempt');
  const { t } = useThreatDeck();
  const attempts = useAttempts(activityId, pageSize !== undefined ? { pageSize } : {});
  const [chosen, setChosen] = useState<string | null>(defaultAttemptId ?? null);
  const selectedId = attemptId ?? chosen ?? attempts.attempts[0]?.id ?? null;
  const selected = attempts.attempts.find((a) => a.id === selectedId) ?? null;

  if (attempts.error) return <ErrorNotice error={attempts.error} title={t('drilldown.attempt.error')} onRetry={attempts.refetch} />;
  if (attempts.status === 'pending') return <PanelLoading label={t('drilldown.attempt.loading')} />;
  if (attempts.attempts.length === 0) {
    return (
      <p data-slot="attempt-empty" data-status="empty">
        {t('drilldown.attempt.empty')}
      </p>
    );
  }
  return (
    <div data-slot="attempt" data-status="idle" className="td-drilldown-attempt">
      <AttemptList
        attempts={attempts.attempts}
        selectedId={selectedId}
        onSelect={(id) => {
          if (attemptId === undefined) setChosen(id);
          onAttemptChange?.(id);
        }}
        total={attempts.total}
        hasNextPage={attempts.hasNextPage}
        isFetchingNextPage={attempts.isFetchingNextPage}
        onLoadMore={attempts.fetchNextPage}
      />
      {attempts.nextPageError ? <ErrorNotice error={attempts.nextPageError} title={t('drilldown.attempt.error')} onRetry={attempts.fetchNextPage} /> : null}
      {selected ? <AttemptDetail key={selected.id} attempt={selected} bodyCap={bodyCap} /> : <p>{t('drilldown.attempt.select')}</p>}
    </div>
  );
}

function AttemptDetail({ attempt, bodyCap }: { attempt: Attempt; bodyCap: number | undefined }) {
  const { t, format } = useThreatDeck();
  const redactId = useId();
  const [redact, setRedact] = useState(true);
  // One redaction for view and copies alike: headers, cookies, query and body fields.
  const request = useMemo(() => (redact ? redactRequest(attempt.request, DEFAULT_REDACTION) : attempt.request), [attempt, redact]);
  const response = useMemo(() => (attempt.response && redact ? redactResponse(attempt.response, DEFAULT_REDACTION) : attempt.response), [attempt, redact]);
  const cap = bodyCap !== undefined ? { bodyCap } : {};
  return (
    <div data-slot="attempt-detail" data-outcome={attempt.outcome} className="td-drilldown-attempt-detail">
      <h3 className="td-visually-hidden">{t('drilldown.attempt.sourceOf', { time: format.dateTime(attempt.timestamp), ip: attempt.sourceIp })}</h3>
      <div className="td-drilldown-attempt-toolbar" data-slot="attempt-toolbar">
        <label htmlFor={redactId} className="td-drilldown-check">
          <input id={redactId} type="checkbox" checked={redact} onChange={(e) => setRedact(e.currentTarget.checked)} data-slot="redact-toggle" />{' '}
          {t('drilldown.attempt.redact')}
        </label>
        <CopyMenu attempt={attempt} redact={redact} response={response} />
      </div>
      <div className="td-drilldown-messages">
        <RequestView request={request} {...cap} />
        <ResponseView response={response} headers={response?.headers ?? []} {...cap} />
      </div>
    </div>
  );
}
