/** Small valid payloads for tests that fake the backend by hand. */
import type { ActivityPage } from '../../../src/core/adapter';
import type { Activity } from '../../../src/core/model';

export function sampleActivity(i: number): Activity {
  return {
    id: `act-${i}`,
    status: 'active',
    severity: 'high',
    type: 'rule-based',
    actor: { ip: `203.0.113.${i}`, country: 'NL' },
    endpoint: { method: 'GET', path: '/api/users/{id}', host: 'api.example.com' },
    policy: { id: 'sqli', name: 'SQL injection' },
    category: 'Injection',
    subcategory: 'SQL Injection',
    successfulExploit: false,
    attemptCount: 3,
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_600_000,
    workItems: [],
  };
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
