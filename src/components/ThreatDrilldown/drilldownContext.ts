import { createContext, useContext } from 'react';

export const DRILLDOWN_TABS = ['overview', 'timeline', 'attempt', 'remediation', 'history'] as const;
export type DrilldownTab = (typeof DRILLDOWN_TABS)[number];

export function isDrilldownTab(value: unknown): value is DrilldownTab {
  return typeof value === 'string' && (DRILLDOWN_TABS as readonly string[]).includes(value);
}

export interface DrilldownContextValue {
  activityId: string;
  /** Prefix for ids inside this drilldown (several may be on a page). */
  idBase: string;
}

export const DrilldownContext = createContext<DrilldownContextValue | null>(null);

export function useDrilldownContext(part: string): DrilldownContextValue {
  const ctx = useContext(DrilldownContext);
  if (!ctx) throw new Error(`threatdeck: <ThreatDrilldown.${part}> must be inside <ThreatDrilldown.Root>.`);
  return ctx;
}
