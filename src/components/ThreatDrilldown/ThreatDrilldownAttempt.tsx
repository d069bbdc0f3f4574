import { forwardRef } from 'react';
import { DrilldownPanel, type DrilldownPanelProps } from './DrilldownPanel';

export type ThreatDrilldownAttemptProps = DrilldownPanelProps;

// Placeholder until the attempt tab lands.
export const ThreatDrilldownAttempt = forwardRef<HTMLDivElement, ThreatDrilldownAttemptProps>(function ThreatDrilldownAttempt(props, ref) {
  return <DrilldownPanel ref={ref} tab="attempt" {...props} />;
});
