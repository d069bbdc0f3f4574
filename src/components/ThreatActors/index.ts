export { ThreatActors } from './ThreatActors';
export type { ThreatActorsProps } from './ThreatActors';
export { ActorDrilldown } from './ActorDrilldown';
export type { ActorDrilldownProps } from './ActorDrilldown';
