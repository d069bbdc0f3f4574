import { forwardRef, type ReactNode } from 'react';
import type { Reference } from '../../core/model';
import { useActivityDetail } from '../../hooks/useActivityDetail';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { MessageKey } from '../../i18n/en';
import { ErrorNotice } from '../shared/ErrorNotice';
import { DrilldownPanel, type DrilldownPanelProps } from './DrilldownPanel';
import { useDrilldownContext } from './drilldownContext';
import { PanelLoading } from './PanelLoading';
import { ReferenceLink } from './ReferenceLink';

export type ThreatDrilldownOverviewProps = DrilldownPanelProps;

const REFERENCE_GROUPS: Array<[Reference['kind'], MessageKey]> = [
  ['owasp-api', 'drilldown.overview.owasp'],
  ['cwe', 'drilldown.overview.cwe'],
  ['other', 'drilldown.overview.other'],
];

/** Description, details, impact, and the OWASP API Top 10 / CWE mapping. */
export const ThreatDrilldownOverview = forwardRef<HTMLDivElement, ThreatDrilldownOverviewProps>(function ThreatDrilldownOverview(
  { children, ...rest },
  ref,
) {
  return (
    <DrilldownPanel ref={ref} tab="overview" {...rest}>
      {children ?? <OverviewBody />}
    </DrilldownPanel>
  );
});

function OverviewBody() {
  const { activityId } = useDrilldownContext('Overview');
  const { t } = useThreatDeck();
  const detail = useActivityDetail(activityId);
  if (detail.error) return <ErrorNotice error={detail.error} title={t('drilldown.loadError')} onRetry={detail.refetch} />;
  if (!detail.data) return <PanelLoading label={t('drilldown.loading')} />;
  const a = detail.data;
  const hasText = !!(a.description || a.details || a.impact);
  return (
    <div data-slot="overview" data-status="idle" className="td-drilldown-overview">
      {!hasText ? <p data-slot="overview-empty">{t('drilldown.overview.empty')}</p> : null}
      <TextSection slot="description" title={t('drilldown.overview.description')}>{a.description}</TextSection>
      <TextSection slot="details" title={t('drilldown.overview.details')}>{a.details}</TextSection>
      <TextSection slot="impact" title={t('drilldown.overview.impact')}>{a.impact}</TextSection>
      <section data-slot="references" aria-label={t('drilldown.overview.references')}>
        <h3>{t('drilldown.overview.references')}</h3>
        {a.references.length === 0 ? (
          <p>{t('drilldown.overview.noReferences')}</p>
        ) : (
          REFERENCE_GROUPS.map(([kind, label]) => {
            const refs = a.references.filter((r) => r.kind === kind);
            if (refs.length === 0) return null;
            return (
              <div key={kind} data-slot="reference-group" data-kind={kind}>
                <h4>{t(label)}</h4>
                <ul>
                  {refs.map((r, i) => (
                    <li key={`${r.id}:${i}`}>
                      <ReferenceLink reference={r} />
                    </li>
                  ))}
                </ul>
              </div>
            );
          })
        )}
      </section>
    </div>
  );
}

function TextSection({ slot, title, children }: { slot: string; title: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <section data-slot={slot} aria-label={title}>
      <h3>{title}</h3>
      <p className="td-drilldown-prose">{children}</p>
    </section>
  );
}
