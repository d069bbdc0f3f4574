import type { ActivityPage, StatusCounts } from '../../../src/core/adapter';
import type { Activity, Attempt } from '../../../src/core/model';
import { anActivity } from '../../support/activityFixture';

export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

export function makeActivity(overrides: Partial<Activity> = {}): Activity {
  return anActivity({
    actor: { ip: '185.220.101.4', country: 'DE' },
    endpoint: { method: 'POST', path: '/api/users/{id}/orders', host: 'shop.example.com' },
    policy: { id: 'pol-sqli', name: 'SQL Injection in body' },
    attemptCount: 42,
    firstSeen: NOW - 3 * 3_600_000,
    lastSeen: NOW - 60_000,
    ...overrides,
  });
}

export function makePage(items: Activity[], counts: StatusCounts): ActivityPage {
  return { items, total: items.length, totalIsEstimate: false, nextCursor: null, counts };
}

/** A promise whose settlement the test controls. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The latest attempt of `makeActivity()`: a SQL injection with a bearer token (for redaction). */
export function makeAttempt(overrides: Partial<Attempt> = {}): Attempt {
  return {
    id: 'att-1',
    activityId: 'act-1',
    timestamp: NOW - 60_000,
    sourceIp: '185.220.101.4',
    outcome: 'allowed',
    request: {
      method: 'POST',
      url: 'https://shop.example.com/api/users/7/orders',
      httpVersion: 'HTTP/1.1',
      headers: [
        ['Host', 'shop.example.com'],
        ['Authorization', 'Bearer s3cr3t-token'],
      ],
      body: { kind: 'text', text: "id=1' OR 1=1--", size: 14, truncated: false },
    },
    response: null,
    ...overrides,
  };
}
