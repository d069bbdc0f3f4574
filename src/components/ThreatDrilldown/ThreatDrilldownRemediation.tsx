import { forwardRef } from 'react';
import { useRemediation } from '../../hooks/useActivityDetail';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ErrorNotice } from '../shared/ErrorNotice';
import { DrilldownPanel, type DrilldownPanelProps } from './DrilldownPanel';
import { useDrilldownContext } from './drilldownContext';
import { PanelLoading } from './PanelLoading';
import { ReferenceLink } from './ReferenceLink';

export type ThreatDrilldownRemediationProps = DrilldownPanelProps;

/** Ordered steps (title, explanation, example as text) and references. */
export const ThreatDrilldownRemediation = forwardRef<HTMLDivElement, ThreatDrilldownRemediationProps>(
  function ThreatDrilldownRemediation({ children, ...rest }, ref) {
    return (
      <DrilldownPanel ref={ref} tab="remediation" {...rest}>
        {children ?? <RemediationBody />}
      </DrilldownPanel>
    );
  },
);

function RemediationBody() {
  const { activityId } = useDrilldownContext('Remediation');
  const { t } = useThreatDeck();
  const remediation = useRemediation(activityId);
  if (remediation.error) {
    return <ErrorNotice error={remediation.error} title={t('drilldown.remediation.error')} onRetry={remediation.refetch} />;
  }
  if (!remediation.data) return <PanelLoading label={t('drilldown.remediation.loading')} />;
  const { steps, references } = remediation.data;
  if (steps.length === 0 && references.length === 0) {
    return (
      <p data-slot="remediation-empty" data-status="empty" className="td-alert">
        {t('drilldown.remediation.empty')}
      </p>
    );
  }
  return (
    <div data-slot="remediation" data-status="idle" className="td-drilldown-remediation">
      {steps.length === 0 ? (
        <p data-slot="remediation-empty" className="td-alert">{t('drilldown.remediation.empty')}</p>
      ) : (
        <section aria-label={t('drilldown.remediation.steps')}>
          <h3>{t('drilldown.remediation.steps')}</h3>
          <ol data-slot="remediation-steps" className="td-drilldown-steps">
            {steps.map((step, i) => (
              <li key={i} data-slot="remediation-step">
                <h4 data-slot="step-title">{step.title}</h4>
                <p data-slot="step-explanation" className="td-drilldown-prose">{step.explanation}</p>
                {step.example ? (
                  <figure data-slot="step-example" className="td-drilldown-example">
                    <figcaption>{t('drilldown.remediation.example', { language: step.example.language })}</figcaption>
                    <pre className="td-mono" tabIndex={0}>
                      <code>{step.example.code}</code>
                    </pre>
                  </figure>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      )}
      {references.length > 0 ? (
        <section aria-label={t('drilldown.remediation.references')}>
          <h3>{t('drilldown.remediation.references')}</h3>
          <ul data-slot="remediation-references">
            {references.map((r, i) => (
              <li key={`${r.id}:${i}`}>
                <ReferenceLink reference={r} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
