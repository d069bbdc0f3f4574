import type { ThreatDeckContextValue } from '../../hooks/ThreatDeckProvider';

const UNITS: Array<['day' | 'hour' | 'minute' | 'second', number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "5 minutes", "1 hour", "250 ms" through the message catalog. */
export function formatBucketSize(ms: number, t: ThreatDeckContextValue['t']): string {
  for (const [unit, size] of UNITS) {
    if (ms >= size && ms % size === 0) return t(`drilldown.timeline.unit.${unit}`, { n: ms / size });
  }
  return t('drilldown.timeline.unit.ms', { n: ms });
}
