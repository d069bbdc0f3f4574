/**
 * The History tab: an append-only note composer over the activity's history
 * (status changes with reasons, rules, blocks, work items, assignments,
 * notes). Needs the adapter's case handling; says so otherwise.
 */
import { forwardRef } from 'react';
import { useCapabilities } from '../../hooks/useCapabilities';
import { HistoryList } from '../Cases/HistoryList';
import { NoteComposer } from '../Cases/NoteComposer';
import type { StatusReasonChoice } from '../EventActions/StatusReasonFields';
import { useDrilldownContext } from './drilldownContext';
import { DrilldownPanel, type DrilldownPanelProps } from './DrilldownPanel';

export interface ThreatDrilldownHistoryProps extends DrilldownPanelProps {
  /** Labels for reason choices in the history (default: the catalog's). */
  statusReasons?: readonly StatusReasonChoice[];
}

export const ThreatDrilldownHistory = forwardRef<HTMLDivElement, ThreatDrilldownHistoryProps>(function ThreatDrilldownHistory(
  { statusReasons, ...rest },
  ref,
) {
  const { activityId } = useDrilldownContext('History');
  const capabilities = useCapabilities();
  return (
    <DrilldownPanel ref={ref} tab="history" {...rest}>
      {capabilities.cases ? <NoteComposer key={activityId} activityId={activityId} /> : null}
      <HistoryList activityId={activityId} {...(statusReasons ? { statusReasons } : {})} />
    </DrilldownPanel>
  );
});
