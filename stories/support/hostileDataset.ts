/**
 * A dataset where every attacker-controlled string is a real payload: the XSS
 * payloads (SecLists) as actor labels, paths, hosts, policy names,
 * subcategories, descriptions and remediation text, and the OWASP CRS
 * regression requests as attempts (headers, URLs and bodies verbatim). Used by
 * the "Hostile data" story and the browser test that asserts nothing runs and
 * no element or attribute is injected. Test data only: never sent anywhere.
 */
import { generateDemoDataset, type DemoDataset } from '../../src/core/dataset';
import type { Activity, Attempt, AttemptOutcome, HttpRequest } from '../../src/core/model';

export interface AttackRequestRecord {
  id: string;
  method: string;
  url: string;
  httpVersion: string;
  headers: Array<[string, string]>;
  body: string | null;
  bodyBase64?: string;
}

const OUTCOMES: AttemptOutcome[] = ['blocked', 'allowed', 'exploited'];
const ATTEMPTS_PER_ACTIVITY = 12;

export function attackRecordToRequest(record: AttackRequestRecord): HttpRequest {
  const host = record.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? 'localhost';
  const body =
    record.bodyBase64 !== undefined
      ? { kind: 'bytes' as const, base64: record.bodyBase64, size: Math.floor((record.bodyBase64.length * 3) / 4), truncated: false }
      : record.body !== null
        ? { kind: 'text' as const, text: record.body, size: new TextEncoder().encode(record.body).length, truncated: false }
        : null;
  return { method: record.method, url: `http://${host}${record.url}`, httpVersion: record.httpVersion, headers: record.headers, body };
}

export function createHostileDataset(payloads: string[], requests: AttackRequestRecord[], activities = 60): DemoDataset {
  const base = generateDemoDataset({ seed: 99, activities, hugeActivityAttempts: 0 });
  const p = (i: number) => payloads[i % payloads.length]!;
  base.activities.forEach((a, i) => {
    a.actor = { ...a.actor, label: p(i * 7) };
    a.endpoint = { method: i % 5 === 0 ? p(i * 11).slice(0, 24) : a.endpoint.method, path: `/api/${p(i * 3)}`, host: i % 4 === 0 ? p(i * 13) : a.endpoint.host };
    a.policy = { id: a.policy.id, name: p(i * 5) };
    a.subcategory = p(i * 17);
    a.attemptCount = ATTEMPTS_PER_ACTIVITY;
    a.category = i % 2 ? p(i * 19) : a.category;
    a.workItems = [{ targetId: 'jira', key: p(i * 23).slice(0, 40), url: i % 2 ? 'javascript:alert(document.domain)' : `https://tracker.example/${encodeURIComponent(p(i))}`, createdAt: a.lastSeen }];
  });
  return {
    ...base,
    activities: base.activities,
    describe: (a: Activity) => {
      const i = Number.parseInt(a.id.replace(/\D/g, ''), 10) || 0;
      return {
        description: p(i * 29),
        details: p(i * 31),
        impact: p(i * 37),
        references: [
          { kind: 'owasp-api', id: p(i * 41).slice(0, 30), title: p(i * 43), url: 'javascript:alert(1)' },
          { kind: 'cwe', id: 'CWE-79', title: p(i * 47), url: `https://cwe.mitre.org/data/definitions/79.html?${encodeURIComponent(p(i))}` },
          { kind: 'other', id: 'x', title: p(i * 53), url: ' data:text/html,<script>alert(1)</script>' },
        ],
      };
    },
    remediation: (a: Activity) => {
      const i = Number.parseInt(a.id.replace(/\D/g, ''), 10) || 0;
      return {
        steps: [0, 1, 2].map((k) => ({ title: p(i + k * 59), explanation: p(i + k * 61), example: { language: p(i + k), code: p(i + k * 67) } })),
        references: [{ kind: 'other' as const, id: p(i * 71).slice(0, 20), title: p(i * 73), url: 'vbscript:msgbox(1)' }],
      };
    },
    attemptSeries: (a: Activity) => {
      const timestamps = new Float64Array(ATTEMPTS_PER_ACTIVITY);
      const outcomes = new Uint8Array(ATTEMPTS_PER_ACTIVITY);
      for (let k = 0; k < ATTEMPTS_PER_ACTIVITY; k++) {
        timestamps[k] = a.firstSeen + ((a.lastSeen - a.firstSeen) * k) / (ATTEMPTS_PER_ACTIVITY - 1);
        outcomes[k] = k % 3;
      }
      return { timestamps, outcomes };
    },
    attempt: (a: Activity, index: number, timestamp: number, outcome: AttemptOutcome): Attempt => {
      const i = (Number.parseInt(a.id.replace(/\D/g, ''), 10) || 0) * ATTEMPTS_PER_ACTIVITY + index;
      const record = requests[i % requests.length]!;
      return {
        id: `${a.id}-h${index}`,
        activityId: a.id,
        timestamp,
        sourceIp: a.actor.ip,
        outcome: outcome ?? OUTCOMES[index % 3]!,
        request: attackRecordToRequest(record),
        response: {
          status: 200 + (index % 4) * 100,
          statusText: p(i).slice(0, 40),
          httpVersion: 'HTTP/1.1',
          headers: [
            ['Content-Type', index % 2 ? 'text/html' : 'application/json'],
            ['X-Reflected', p(i + 1)],
            ['Set-Cookie', `session=${p(i + 2)}`],
          ],
          body: { kind: 'text', text: index % 2 ? p(i + 3) : JSON.stringify({ echo: p(i + 4), html: p(i + 5) }), size: 0, truncated: false },
        },
      };
    },
  };
}
