export { ThreatActivityView } from './ThreatActivityView';
export type { ThreatActivityViewProps, ThreatActivityViewSlots, ThreatActivityViewSlotProps } from './ThreatActivityView';
