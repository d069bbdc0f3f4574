import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import type { ActivityDetail } from '../../core/model';
import { safeHref } from '../../core/safeHref';
import { useActivityDetail } from '../../hooks/useActivityDetail';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ActionBar } from '../EventActions/ActionBar';
import { ErrorNotice } from '../shared/ErrorNotice';
import { SeverityBadge } from '../shared/SeverityBadge';
import { useDrilldownContext } from './drilldownContext';
import { TimeText } from './TimeText';

export interface ThreatDrilldownHeaderProps extends HTMLAttributes<HTMLDivElement> {
  /** Slot for actions: EventActions, BlockIpButton, CreateWorkItem, or your own. */
  actions?: ReactNode;
}

/** Severity, endpoint, category, policy, actor, status, times, attempts and work items. */
export const ThreatDrilldownHeader = forwardRef<HTMLDivElement, ThreatDrilldownHeaderProps>(function ThreatDrilldownHeader(
  { actions, className, ...rest },
  ref,
) {
  const { activityId, idBase } = useDrilldownContext('Header');
  const { t } = useThreatDeck();
  const detail = useActivityDetail(activityId);
  const status = detail.status === 'pending' ? 'pending' : detail.status === 'error' ? 'error' : 'idle';
  const titleId = `${idBase}-title`;
  return (
    <div
      ref={ref}
      data-slot="drilldown-header"
      data-status={status}
      data-severity={detail.data?.severity}
      aria-labelledby={detail.data ? titleId : undefined}
      role={detail.data ? 'group' : undefined}
      className={clsx('td-drilldown-header', className)}
      {...rest}
    >
      {detail.data ? (
        <HeaderContent activity={detail.data} titleId={titleId} actions={actions} />
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

function HeaderContent({ activity: a, titleId, actions }: { activity: ActivityDetail; titleId: string; actions: ReactNode }) {
  const { t, format } = useThreatDeck();
  return (
    <>
      <div className="td-drilldown-titlebar">
        <SeverityBadge severity={a.severity} />
        <h2 id={titleId} data-slot="drilldown-endpoint" className="td-drilldown-title">
          <span data-slot="endpoint-method" className="td-mono">{a.endpoint.method}</span>{' '}
          <span data-slot="endpoint-path" className="td-mono">{a.endpoint.path}</span>
        </h2>
        {actions ? (
          // One status region under the buttons for every action's outcome (see ActionBar).
          <ActionBar data-slot="drilldown-actions" role="group" aria-label={t('drilldown.header.actions')} className="td-drilldown-actions">
            {actions}
          </ActionBar>
        ) : null}
      </div>
      <dl data-slot="drilldown-facts" className="td-drilldown-facts">
        <Fact label={t('drilldown.header.host')}>
          <span data-slot="endpoint-host" className="td-mono">{a.endpoint.host}</span>
        </Fact>
        <Fact label={t('drilldown.header.category')}>
          <span data-slot="category">{a.category}</span>
          {' · '}
          <span data-slot="subcategory">{a.subcategory}</span>
        </Fact>
        <Fact label={t('drilldown.header.policy')}>
          <span data-slot="policy">{a.policy.name}</span>
        </Fact>
        <Fact label={t('drilldown.header.actor')}>
          <span data-slot="actor-ip" className="td-mono">{a.actor.ip}</span>
          {a.actor.country ? (
            <>
              {' '}
              <span data-slot="actor-country" aria-label={t('drilldown.header.country')}>({a.actor.country})</span>
            </>
          ) : null}
          {a.actor.label ? (
            <>
              {' '}
              <span data-slot="actor-label">{a.actor.label}</span>
            </>
          ) : null}{' '}
          <span data-slot="actor-blocked" data-state={a.blocked ? 'blocked' : 'unblocked'} className="td-badge">
            {a.blocked
              ? a.blocked.expiresAt === null
                ? t('drilldown.header.blockedForever', { target: a.blocked.target })
                : t('drilldown.header.blockedUntil', { target: a.blocked.target, time: format.dateTime(a.blocked.expiresAt) })
              : t('drilldown.header.notBlocked')}
          </span>
        </Fact>
        <Fact label={t('drilldown.header.status')}>
          <span data-slot="activity-status" data-activity-status={a.status}>{t(`status.${a.status}`)}</span>
          {' · '}
          <span data-slot="detection-type">{t(`type.${a.type}`)}</span>
          {a.successfulExploit ? (
            <>
              {' · '}
              <span data-slot="exploited" className="td-badge" data-tone="danger">{t('drilldown.header.exploited')}</span>
            </>
          ) : null}
        </Fact>
        <Fact label={t('drilldown.header.firstSeen')}>
          <TimeText ms={a.firstSeen} slot="first-seen" />
        </Fact>
        <Fact label={t('drilldown.header.lastSeen')}>
          <TimeText ms={a.lastSeen} slot="last-seen" />
        </Fact>
        <Fact label={t('drilldown.header.attempts')}>
          <span data-slot="attempt-count">{t('drilldown.header.attemptCount', { count: a.attemptCount })}</span>
        </Fact>
        <Fact label={t('drilldown.header.workItems')}>
          {a.workItems.length === 0 ? (
            <span data-slot="work-items-empty">{t('drilldown.header.noWorkItems')}</span>
          ) : (
            <ul data-slot="work-items" className="td-drilldown-work-items">
              {a.workItems.map((w, i) => {
                const href = safeHref(w.url);
                const label = w.title ? `${w.key} — ${w.title}` : w.key;
                return (
                  <li key={`${w.targetId}:${w.key}:${i}`} data-slot="work-item">
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {label}
                      </a>
                    ) : (
                      <span>{label}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Fact>
      </dl>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="td-drilldown-fact" data-slot="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
