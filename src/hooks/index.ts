export { ThreatDeckProvider, useThreatDeck, createThreatDeckQueryClient } from './ThreatDeckProvider';
export type { ThreatDeckProviderProps, ThreatDeckContextValue, ThemeName } from './ThreatDeckProvider';
export { threatDeckKeys, invalidateActivities } from './threatDeckKeys';
export { useActivityList } from './useActivityList';
export type { ActivityListState, UseActivityListOptions } from './useActivityList';
export { useFacet } from './useFacet';
export type { UseFacetOptions } from './useFacet';
export { useActivityDetail, useAttempts, useRemediation } from './useActivityDetail';
