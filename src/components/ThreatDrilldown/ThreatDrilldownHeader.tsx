import { clsx } from 'clsx';
import { forwardRef, useCallback, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useActivityDetail } from '../../hooks/useActivityDetail';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useDrilldownContext } from './drilldownContext';
import { DrilldownHeaderContext } from './drilldownHeaderContext';
import { ThreatDrilldownActions } from './ThreatDrilldownActions';
import { ThreatDrilldownFacts } from './ThreatDrilldownFacts';
import { ThreatDrilldownTitle } from './ThreatDrilldownTitle';

export interface ThreatDrilldownHeaderProps extends HTMLAttributes<HTMLDivElement> {
  /** Slot for actions beside the title: EventActions, BlockIpButton, CreateWorkItem, or your own. Ignored when children are given. */
  actions?: ReactNode;
  /**
   * The header's parts, once the activity has loaded (`ThreatDrilldown.Title`,
   * `.Facts`, `.Actions`): exactly these render. Without children: the title
   * with the `actions` slot beside it, then the facts.
   */
  children?: ReactNode;
}

/** Severity, endpoint, category, policy, actor, status, times, attempts and work items; loading and error states. */
export const ThreatDrilldownHeader = forwardRef<HTMLDivElement, ThreatDrilldownHeaderProps>(function ThreatDrilldownHeader(
  { actions, className, children, ...rest },
  ref,
) {
  const { activityId, idBase } = useDrilldownContext('Header');
  const { t } = useThreatDeck();
  const detail = useActivityDetail(activityId);
  const status = detail.status === 'pending' ? 'pending' : detail.status === 'error' ? 'error' : 'idle';
  const titleId = `${idBase}-title`;
  const [titles, setTitles] = useState(0);
  const registerTitle = useCallback(() => {
    setTitles((n) => n + 1);
    return () => setTitles((n) => n - 1);
  }, []);
  const activity = detail.data;
  const ctx = useMemo(() => (activity ? { activity, titleId, registerTitle } : null), [activity, titleId, registerTitle]);
  return (
    <div
      ref={ref}
      data-slot="drilldown-header"
      data-status={status}
      data-severity={activity?.severity}
      role={activity ? 'group' : undefined}
      // Named by the title when one is composed, else by the endpoint itself.
      aria-labelledby={activity && titles > 0 ? titleId : undefined}
      aria-label={activity && titles === 0 ? `${activity.endpoint.method} ${activity.endpoint.path}` : undefined}
      className={clsx('td-drilldown-header', className)}
      {...rest}
    >
      {ctx ? (
        <DrilldownHeaderContext.Provider value={ctx}>
          {children ?? (
            <>
              <ThreatDrilldownTitle>{actions ? <ThreatDrilldownActions>{actions}</ThreatDrilldownActions> : null}</ThreatDrilldownTitle>
              <ThreatDrilldownFacts />
            </>
          )}
        </DrilldownHeaderContext.Provider>
      ) : detail.error ? (
        <ErrorNotice error={detail.error} title={t('drilldown.loadError')} onRetry={detail.refetch} />
      ) : (
        <div role="status" data-slot="drilldown-loading" className="td-drilldown-loading">
          <span className="td-skeleton" aria-hidden="true" />
          <span className="td-visually-hidden">{t('drilldown.loading')}</span>
        </div>
      )}
    </div>
  );
});
