import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import { safeHref } from '../../core/safeHref';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useDrilldownHeaderContext } from './drilldownHeaderContext';
import { TimeText } from './TimeText';

export type ThreatDrilldownFactsProps = HTMLAttributes<HTMLDListElement>;

/** Host, category, policy, actor (and whether it is blocked), status, first / last seen, attempts and work items. */
export const ThreatDrilldownFacts = forwardRef<HTMLDListElement, ThreatDrilldownFactsProps>(function ThreatDrilldownFacts(
  { className, ...rest },
  ref,
) {
  const { activity: a } = useDrilldownHeaderContext('Facts');
  const { t, format } = useThreatDeck();
  return (
    <dl ref={ref} data-slot="drilldown-facts" className={clsx('td-drilldown-facts', className)} {...rest}>
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
  );
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="td-drilldown-fact" data-slot="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
