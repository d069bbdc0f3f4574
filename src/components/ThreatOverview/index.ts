export { ThreatOverview, OVERVIEW_MEASURES } from './ThreatOverview';
export type { ThreatOverviewProps, OverviewMeasure } from './ThreatOverview';
