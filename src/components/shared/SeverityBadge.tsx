import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import type { Severity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface SeverityBadgeProps extends HTMLAttributes<HTMLSpanElement> {
  severity: Severity;
}

/** Severity as a labelled badge; colour comes from `--td-severity-*`, the text carries the meaning. */
export const SeverityBadge = forwardRef<HTMLSpanElement, SeverityBadgeProps>(function SeverityBadge(
  { severity, className, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  return (
    <span ref={ref} data-slot="severity-badge" data-severity={severity} className={clsx('td-badge', className)} {...rest}>
      {t(`severity.${severity}`)}
    </span>
  );
});
