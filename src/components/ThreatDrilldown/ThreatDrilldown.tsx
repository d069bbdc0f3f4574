import { forwardRef, type ReactNode } from 'react';
import { ThreatDrilldownAttempt } from './ThreatDrilldownAttempt';
import { ThreatDrilldownHeader } from './ThreatDrilldownHeader';
import { ThreatDrilldownOverview } from './ThreatDrilldownOverview';
import { ThreatDrilldownRemediation } from './ThreatDrilldownRemediation';
import { ThreatDrilldownRoot, type ThreatDrilldownRootProps } from './ThreatDrilldownRoot';
import { ThreatDrilldownTabs } from './ThreatDrilldownTabs';
import { ThreatDrilldownTimeline } from './ThreatDrilldownTimeline';

export interface ThreatDrilldownProps extends Omit<ThreatDrilldownRootProps, 'children'> {
  /** Rendered in the header's actions slot (EventActions, BlockIpButton, CreateWorkItem…). */
  actions?: ReactNode;
  /** Offered on a zoomed timeline: "Use this range as the list filter" (see `ThreatDrilldown.Timeline`). */
  onApplyTimeRange?: (range: { from: number; to: number }) => void;
}

/**
 * The ready layout: header, tab list and the four panels. For another
 * arrangement, compose `ThreatDrilldown.Root` and its parts yourself.
 */
const ThreatDrilldownLayout = forwardRef<HTMLDivElement, ThreatDrilldownProps>(function ThreatDrilldown({ actions, onApplyTimeRange, ...rest }, ref) {
  return (
    <ThreatDrilldownRoot ref={ref} {...rest}>
      <ThreatDrilldownHeader actions={actions} />
      <ThreatDrilldownTabs />
      <ThreatDrilldownOverview />
      <ThreatDrilldownTimeline {...(onApplyTimeRange ? { onApplyTimeRange } : {})} />
      <ThreatDrilldownAttempt />
      <ThreatDrilldownRemediation />
    </ThreatDrilldownRoot>
  );
});

export const ThreatDrilldown = Object.assign(ThreatDrilldownLayout, {
  Root: ThreatDrilldownRoot,
  Header: ThreatDrilldownHeader,
  Tabs: ThreatDrilldownTabs,
  Overview: ThreatDrilldownOverview,
  Timeline: ThreatDrilldownTimeline,
  Attempt: ThreatDrilldownAttempt,
  Remediation: ThreatDrilldownRemediation,
});
