/** The public props of ThreatActivityView: controlled state, slots and the views it switches between. */
import type { HTMLAttributes, ReactNode } from 'react';
import type { ActivitySelection } from '../../core/activitySelection';
import type { Activity } from '../../core/model';
import type { StatusReasonChoice } from '../EventActions/StatusReasonFields';
import type { ActivityQuery } from '../../core/query';
import type { DrilldownTab } from '../ThreatDrilldown';

export interface ThreatActivityViewSlotProps {
  query: ActivityQuery;
  onQueryChange: (query: ActivityQuery) => void;
  openActivityId: string | null;
  /** Opens an activity in the drilldown (focus moves there); `null` closes it. */
  onOpenActivityChange: (id: string | null) => void;
}

export interface ThreatActivityViewSlots {
  filterBar?: (props: ThreatActivityViewSlotProps) => ReactNode;
  list?: (props: ThreatActivityViewSlotProps) => ReactNode;
  drilldown?: (
    props: ThreatActivityViewSlotProps & { activityId: string; actions: ReactNode; tab: DrilldownTab; onTabChange: (tab: DrilldownTab) => void },
  ) => ReactNode;
  /** Actions shown in the drilldown header for the open activity. */
  actions?: (activity: Activity) => ReactNode;
  /** Replaces the Suppression rules view. */
  suppressionRules?: (props: ThreatActivityViewSlotProps) => ReactNode;
  /** Replaces the Blocks view. */
  blockList?: (props: ThreatActivityViewSlotProps) => ReactNode;
  /** Replaces the Actors view's pivot (the FilterBar above it stays). */
  actors?: (props: ThreatActivityViewSlotProps & { openActorIp: string | null; onOpenActorIpChange: (ip: string | null) => void; onActivityOpen: (id: string) => void }) => ReactNode;
}

export const THREAT_ACTIVITY_VIEWS = ['activities', 'actors', 'suppression-rules', 'blocks'] as const;
/** What the view shows: the activities (list and drilldown), the query pivoted by actor, the suppression rules, or the IP blocks. */
export type ThreatActivityViewName = (typeof THREAT_ACTIVITY_VIEWS)[number];

export interface ThreatActivityViewProps extends Omit<HTMLAttributes<HTMLDivElement>, 'defaultValue'> {
  /** SLA for the time an activity waits in triage (ms); the list marks ages past it. */
  triageSlaMs?: number;
  /** Reasons offered on Ignore and Mark for Review (default: the catalog's); kept in the history. */
  statusReasons?: readonly StatusReasonChoice[];
  /** Ignore and Mark for Review only with a reason. */
  requireReason?: boolean;
  /** The signed-in analyst's user id (as the adapter's listUsers names them): offers "Assign to me". */
  currentUserId?: string;
  query?: ActivityQuery;
  defaultQuery?: ActivityQuery;
  onQueryChange?: (query: ActivityQuery) => void;
  /** The activity open in the drilldown (`null` for none). */
  openActivityId?: string | null;
  defaultOpenActivityId?: string | null;
  onOpenActivityChange?: (id: string | null) => void;
  /** The drilldown's tab; it stays as the analyst steps between activities. Keep it in the URL with the open activity (`viewLocationToSearchParams`). */
  tab?: DrilldownTab;
  defaultTab?: DrilldownTab;
  onTabChange?: (tab: DrilldownTab) => void;
  /**
   * After Mark for Review, Ignore or Reactivate takes the open activity out of
   * the list, show the next one (the previous when it was last). `true` by default.
   */
  advanceAfterTriage?: boolean;
  /** The host's own addresses (NAT egress, analyst IP): blocking them asks twice. */
  ownAddresses?: string[];
  slots?: ThreatActivityViewSlots;
  /** The list's selection, when controlled (see ThreatActivityList `selection`); a new query starts with none. */
  selection?: ActivitySelection;
  defaultSelection?: ActivitySelection;
  onSelectionChange?: (selection: ActivitySelection) => void;
  /** Width of the drilldown panel in px, when controlled (kept within 360–1100). */
  panelWidth?: number;
  /** Initial width of the drilldown panel in px when uncontrolled (the user can resize it). */
  defaultPanelWidth?: number;
  /** Called on every resize (splitter keys or drag), controlled or not. */
  onPanelWidthChange?: (width: number) => void;
  /**
   * Activities, Actors, Suppression rules or Blocks. Actors pivots the same
   * query (the FilterBar is shared); the switch offers rules and blocks only
   * when the adapter can list them; an unavailable view shows the activities.
   * Keep it in the URL with `viewLocationToSearchParams`.
   */
  view?: ThreatActivityViewName;
  defaultView?: ThreatActivityViewName;
  onViewChange?: (view: ThreatActivityViewName) => void;
  /** The actor open in the Actors view's drilldown (`null` for none). */
  openActorIp?: string | null;
  defaultOpenActorIp?: string | null;
  onOpenActorIpChange?: (ip: string | null) => void;
}
