/**
 * The open activity and its tab in a URL, beside the query
 * (`queryToSearchParams`): `?open=<id>&tab=timeline`. A host (and the demo)
 * keeps the view's place in its address bar with these two functions. The
 * URL is attacker-writable: junk yields "nothing open" or the default tab,
 * never a throw.
 */
import { isDrilldownTab, type DrilldownTab } from '../ThreatDrilldown/drilldownContext';

export interface ViewLocation {
  openActivityId: string | null;
  tab: DrilldownTab;
}

/** Longer ids are not ids (and would only make every request carry them). */
const MAX_ID_LENGTH = 256;
const DEFAULT_TAB: DrilldownTab = 'overview';

export function viewLocationFromSearchParams(params: URLSearchParams): ViewLocation {
  const open = params.get('open');
  const tab = params.get('tab');
  const openActivityId = open && open.length <= MAX_ID_LENGTH ? open : null;
  return { openActivityId, tab: openActivityId && isDrilldownTab(tab) ? tab : DEFAULT_TAB };
}

/** Writes the location into `params` (a new set when omitted); the default tab and a closed panel leave no trace. */
export function viewLocationToSearchParams(location: ViewLocation, params = new URLSearchParams()): URLSearchParams {
  params.delete('open');
  params.delete('tab');
  if (location.openActivityId) {
    params.set('open', location.openActivityId);
    if (location.tab !== DEFAULT_TAB) params.set('tab', location.tab);
  }
  return params;
}
