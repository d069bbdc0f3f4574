import { clsx } from 'clsx';
import { forwardRef, useLayoutEffect, type HTMLAttributes } from 'react';
import { SeverityBadge } from '../shared/SeverityBadge';
import { useDrilldownHeaderContext } from './drilldownHeaderContext';

export type ThreatDrilldownTitleProps = HTMLAttributes<HTMLDivElement>;

/**
 * The title bar: severity and the endpoint as the drilldown's heading, which
 * names the header. Children go beside the heading (`ThreatDrilldown.Actions`).
 */
export const ThreatDrilldownTitle = forwardRef<HTMLDivElement, ThreatDrilldownTitleProps>(function ThreatDrilldownTitle(
  { className, children, ...rest },
  ref,
) {
  const { activity: a, titleId, registerTitle } = useDrilldownHeaderContext('Title');
  useLayoutEffect(registerTitle, [registerTitle]);
  return (
    <div ref={ref} data-slot="drilldown-title" className={clsx('td-drilldown-titlebar', className)} {...rest}>
      <SeverityBadge severity={a.severity} />
      <h2 id={titleId} data-slot="drilldown-endpoint" className="td-drilldown-title">
        <span data-slot="endpoint-method" className="td-mono">{a.endpoint.method}</span>{' '}
        <span data-slot="endpoint-path" className="td-mono">{a.endpoint.path}</span>
      </h2>
      {children}
    </div>
  );
});
