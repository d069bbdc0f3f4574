export { ThreatActivityView } from './ThreatActivityView';
export { THREAT_ACTIVITY_VIEWS } from './threatActivityViewProps';
export type { ThreatActivityViewProps, ThreatActivityViewSlots, ThreatActivityViewSlotProps, ThreatActivityViewName } from './threatActivityViewProps';
export { viewLocationFromSearchParams, viewLocationToSearchParams } from './viewUrlState';
export type { ViewLocation } from './viewUrlState';
