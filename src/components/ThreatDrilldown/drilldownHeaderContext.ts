import { createContext, useContext } from 'react';
import type { ActivityDetail } from '../../core/model';

export interface DrilldownHeaderContextValue {
  activity: ActivityDetail;
  /** The id of the heading `ThreatDrilldown.Title` renders, which names the header group. */
  titleId: string;
  /** A Title registers while mounted, so the header is labelled by it only when it exists. */
  registerTitle: () => () => void;
}

export const DrilldownHeaderContext = createContext<DrilldownHeaderContextValue | null>(null);

/** The loaded activity for a header part; parts render only once it has loaded. */
export function useDrilldownHeaderContext(part: string): DrilldownHeaderContextValue {
  const ctx = useContext(DrilldownHeaderContext);
  if (!ctx) throw new Error(`threatdeck: <ThreatDrilldown.${part}> must be inside <ThreatDrilldown.Header>.`);
  return ctx;
}
