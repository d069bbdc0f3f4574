/** Small valid payloads for tests that fake the backend by hand. */
import type { ActivityPage } from '../../../src/core/adapter';
import type { Activity } from '../../../src/core/model';
import { anActivity } from '../../support/activityFixture';

export function sampleActivity(i: number): Activity {
  return anActivity({
    id: `act-${i}`,
    actor: { ip: `203.0.113.${i}`, country: 'NL' },
    policy: { id: 'sqli', name: 'SQL injection' },
    lastSeen: 1_700_000_600_000,
  });
}

export function samplePage(size: number): ActivityPage {
  return {
    items: Array.from({ length: size }, (_, i) => sampleActivity(i)),
    total: size,
    totalIsEstimate: false,
    nextCursor: null,
    counts: { active: size, under_review: 0, ignored: 0 },
  };
}
