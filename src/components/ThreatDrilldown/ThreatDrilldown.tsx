import { forwardRef, type ReactNode } from 'react';
import type { StatusReasonChoice } from '../EventActions/StatusReasonFields';
import { ThreatDrilldownActions } from './ThreatDrilldownActions';
import { ThreatDrilldownAttempt } from './ThreatDrilldownAttempt';
import { ThreatDrilldownFacts } from './ThreatDrilldownFacts';
import { ThreatDrilldownHeader } from './ThreatDrilldownHeader';
import { ThreatDrilldownHistory } from './ThreatDrilldownHistory';
import { ThreatDrilldownOverview } from './ThreatDrilldownOverview';
import { ThreatDrilldownRemediation } from './ThreatDrilldownRemediation';
import { ThreatDrilldownRoot, type ThreatDrilldownRootProps } from './ThreatDrilldownRoot';
import { ThreatDrilldownTab } from './ThreatDrilldownTab';
import { ThreatDrilldownTabs } from './ThreatDrilldownTabs';
import { ThreatDrilldownTimeline } from './ThreatDrilldownTimeline';
import { ThreatDrilldownTitle } from './ThreatDrilldownTitle';

export interface ThreatDrilldownProps extends Omit<ThreatDrilldownRootProps, 'children'> {
  /** Rendered in the header's actions slot (EventActions, BlockIpButton, CreateWorkItem…). */
  actions?: ReactNode;
  /** Offered on a zoomed timeline: "Use this range as the list filter" (see `ThreatDrilldown.Timeline`). */
  onApplyTimeRange?: (range: { from: number; to: number }) => void;
  /** Labels of the host's reason choices, for the History tab. */
  statusReasons?: readonly StatusReasonChoice[];
}

/**
 * The ready layout: header, tab list and the four panels. For another
 * arrangement, compose `ThreatDrilldown.Root` and its parts yourself: only
 * the parts you render appear (`Header` with `Title` / `Facts` / `Actions`,
 * `Tabs` with one `Tab` per panel you compose).
 */
const ThreatDrilldownLayout = forwardRef<HTMLDivElement, ThreatDrilldownProps>(function ThreatDrilldown({ actions, onApplyTimeRange, statusReasons, ...rest }, ref) {
  return (
    <ThreatDrilldownRoot ref={ref} {...rest}>
      <ThreatDrilldownHeader actions={actions} />
      <ThreatDrilldownTabs />
      <ThreatDrilldownOverview />
      <ThreatDrilldownTimeline {...(onApplyTimeRange ? { onApplyTimeRange } : {})} />
      <ThreatDrilldownAttempt />
      <ThreatDrilldownRemediation />
      <ThreatDrilldownHistory {...(statusReasons ? { statusReasons } : {})} />
    </ThreatDrilldownRoot>
  );
});

export const ThreatDrilldown = Object.assign(ThreatDrilldownLayout, {
  Root: ThreatDrilldownRoot,
  Header: ThreatDrilldownHeader,
  Title: ThreatDrilldownTitle,
  Facts: ThreatDrilldownFacts,
  Actions: ThreatDrilldownActions,
  Tabs: ThreatDrilldownTabs,
  Tab: ThreatDrilldownTab,
  Overview: ThreatDrilldownOverview,
  Timeline: ThreatDrilldownTimeline,
  Attempt: ThreatDrilldownAttempt,
  Remediation: ThreatDrilldownRemediation,
  History: ThreatDrilldownHistory,
});
