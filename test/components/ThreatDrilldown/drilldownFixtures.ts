/** Hand-made records for ThreatDrilldown tests. */
import type { ActivityDetail, Attempt, Remediation } from '../../../src/core/model';

export const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

export function makeDetail(overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    id: 'act-1',
    status: 'active',
    severity: 'critical',
    type: 'rule-based',
    actor: { ip: '203.0.113.7', country: 'NL', label: 'api-key-ci' },
    endpoint: { method: 'POST', path: '/api/users/{id}/orders', host: 'shop.example.com' },
    policy: { id: 'pol-sqli', name: 'SQL injection in body' },
    category: 'Injection',
    subcategory: 'SQL Injection',
    successfulExploit: true,
    attemptCount: 42,
    firstSeen: T0 - 3_600_000,
    lastSeen: T0,
    workItems: [{ targetId: 'jira', key: 'SEC-12', url: 'https://jira.example.com/browse/SEC-12', title: 'Fix SQLi', createdAt: T0 }],
    description: 'Attacker sends SQL fragments in the order body.',
    details: 'The payload closes a string literal and appends a UNION SELECT.',
    impact: 'Data exfiltration of customer orders.',
    references: [
      { kind: 'owasp-api', id: 'API8:2023', title: 'Security Misconfiguration', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { kind: 'cwe', id: 'CWE-89', title: 'SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' },
      { kind: 'other', id: 'X-1', title: 'Internal runbook', url: 'javascript:alert(1)' },
    ],
    ...overrides,
  };
}

export function makeAttempt(i: number, overrides: Partial<Attempt> = {}): Attempt {
  return {
    id: `att-${i}`,
    activityId: 'act-1',
    timestamp: T0 - i * 60_000,
    sourceIp: '203.0.113.7',
    outcome: i % 3 === 0 ? 'exploited' : i % 3 === 1 ? 'blocked' : 'allowed',
    request: {
      method: 'POST',
      url: `https://shop.example.com/api/users/${i}/orders?debug=1`,
      httpVersion: 'HTTP/1.1',
      headers: [
        ['Host', 'shop.example.com'],
        ['Content-Type', 'application/json'],
        ['Authorization', 'Bearer secret-token-123'],
        ['Cookie', 'session=abc'],
        ['Cookie', 'theme=dark'],
      ],
      body: { kind: 'text', text: `{"item":"' OR 1=1 --","n":${i}}`, size: 26, truncated: false },
    },
    response: {
      status: i % 3 === 1 ? 403 : 200,
      statusText: i % 3 === 1 ? 'Forbidden' : 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [
        ['Content-Type', 'application/json'],
        ['Set-Cookie', 'a=1'],
      ],
      body: { kind: 'text', text: '{"ok":true}', size: 11, truncated: false },
    },
    ...overrides,
  };
}

export function makeRemediation(overrides: Partial<Remediation> = {}): Remediation {
  return {
    steps: [
      { title: 'Use parameterised queries', explanation: 'Never build SQL from request data.', example: { language: 'ts', code: "db.query('SELECT * FROM o WHERE id = $1', [id])" } },
      { title: 'Block the actor', explanation: 'Block the source IP while you fix the endpoint.' },
    ],
    references: [{ kind: 'cwe', id: 'CWE-89', title: 'SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' }],
    ...overrides,
  };
}

/** A promise that never settles: the loading state. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
