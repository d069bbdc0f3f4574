/**
 * The view's place in a URL, beside the query (`queryToSearchParams`): the
 * open activity and its tab (`?open=<id>&tab=timeline`), the view
 * (`view=actors`) and the actor open there (`actor=<ip>`). A host (and the
 * demo) keeps the view's place in its address bar with these two functions.
 * The URL is attacker-writable: junk yields "nothing open", the default tab or
 * the activities view, never a throw.
 */
import { isDrilldownTab, type DrilldownTab } from '../ThreatDrilldown/drilldownContext';
import { THREAT_ACTIVITY_VIEWS, type ThreatActivityViewName } from './threatActivityViewProps';

export interface ViewLocation {
  openActivityId: string | null;
  tab: DrilldownTab;
  /** Omitted: the activities view. */
  view?: ThreatActivityViewName;
  /** The actor open in the Actors view (only kept with `view: 'actors'`). */
  openActorIp?: string | null;
}

/** Longer ids are not ids (and would only make every request carry them). */
const MAX_ID_LENGTH = 256;
/** An actor is an IP (at most 45 characters as text); the ingest bound is 100. */
const MAX_ACTOR_LENGTH = 100;
const DEFAULT_TAB: DrilldownTab = 'overview';
const DEFAULT_VIEW: ThreatActivityViewName = 'activities';

const isView = (v: string | null): v is ThreatActivityViewName => (THREAT_ACTIVITY_VIEWS as readonly (string | null)[]).includes(v);

export function viewLocationFromSearchParams(params: URLSearchParams): Required<ViewLocation> {
  const open = params.get('open');
  const tab = params.get('tab');
  const viewParam = params.get('view');
  const actor = params.get('actor');
  const openActivityId = open && open.length <= MAX_ID_LENGTH ? open : null;
  const view = isView(viewParam) ? viewParam : DEFAULT_VIEW;
  const openActorIp = view === 'actors' && actor && actor.length <= MAX_ACTOR_LENGTH ? actor : null;
  return { openActivityId, tab: openActivityId && isDrilldownTab(tab) ? tab : DEFAULT_TAB, view, openActorIp };
}

/** Writes the location into `params` (a new set when omitted); defaults (tab, view) and closed panels leave no trace. */
export function viewLocationToSearchParams(location: ViewLocation, params = new URLSearchParams()): URLSearchParams {
  for (const key of ['open', 'tab', 'view', 'actor']) params.delete(key);
  if (location.openActivityId) {
    params.set('open', location.openActivityId);
    if (location.tab !== DEFAULT_TAB) params.set('tab', location.tab);
  }
  const view = location.view ?? DEFAULT_VIEW;
  if (view !== DEFAULT_VIEW) params.set('view', view);
  if (view === 'actors' && location.openActorIp) params.set('actor', location.openActorIp);
  return params;
}
