import { forwardRef } from 'react';
import { DrilldownPanel, type DrilldownPanelProps } from './DrilldownPanel';

export type ThreatDrilldownTimelineProps = DrilldownPanelProps;

// Placeholder until the timeline tab lands.
export const ThreatDrilldownTimeline = forwardRef<HTMLDivElement, ThreatDrilldownTimelineProps>(function ThreatDrilldownTimeline(props, ref) {
  return <DrilldownPanel ref={ref} tab="timeline" {...props} />;
});
