import { useMemo } from 'react';
import { supportedFeatures, type SupportedFeatures } from '../core/capabilities';
import { useThreatDeck } from './ThreatDeckProvider';

/** What the provider's adapter can do (`supports` for every feature), so components never read the adapter. */
export function useCapabilities(): SupportedFeatures {
  const { adapter } = useThreatDeck();
  return useMemo(() => supportedFeatures(adapter), [adapter]);
}
