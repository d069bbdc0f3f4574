export { ThreatActivityView, THREAT_ACTIVITY_VIEWS } from './ThreatActivityView';
export type { ThreatActivityViewProps, ThreatActivityViewSlots, ThreatActivityViewSlotProps, ThreatActivityViewName } from './ThreatActivityView';
export { viewLocationFromSearchParams, viewLocationToSearchParams } from './viewUrlState';
export type { ViewLocation } from './viewUrlState';
