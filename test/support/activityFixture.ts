/**
 * The one test Activity: every suite's factory starts from it and overrides
 * only what its assertions are about.
 */
import type { Activity, ActivityDetail } from '../../src/core/model';

export function anActivity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: 'act-1',
    status: 'active',
    severity: 'high',
    type: 'rule-based',
    actor: { ip: '203.0.113.7', country: 'NL' },
    endpoint: { method: 'GET', path: '/api/users/{id}', host: 'api.example.com' },
    policy: { id: 'p1', name: 'SQL Injection' },
    category: 'Injection',
    subcategory: 'SQL Injection',
    successfulExploit: false,
    attemptCount: 3,
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_100_000,
    workItems: [],
    ...overrides,
  };
}

/** An activity's detail with empty texts. */
export function detailOf(activity: Activity, overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return { ...activity, description: '', details: '', impact: '', references: [], ...overrides };
}
