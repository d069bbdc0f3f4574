/**
 * A duration ("3 h", "2 days") in its largest whole unit, through the message
 * catalog, for ages such as the time an activity has waited in triage.
 */
import type { MessageKey } from '../../i18n/en';

import type { MessageValues } from '../../i18n/formatMessage';

type Translate = (key: MessageKey, values?: MessageValues) => string;

const AGE_UNITS: Array<[MessageKey, number]> = [
  ['age.days', 86_400_000],
  ['age.hours', 3_600_000],
  ['age.minutes', 60_000],
];

export function formatAge(ms: number, t: Translate): string {
  for (const [key, size] of AGE_UNITS) {
    if (ms >= size) return t(key, { count: Math.floor(ms / size) });
  }
  return t('age.seconds', { count: Math.max(0, Math.floor(ms / 1000)) });
}
