import { generateDemoDataset } from '../../../src/core/dataset';
import { ATTACK_KINDS } from '../../../src/core/dataset/attackCatalog';
import { createSeededRandom } from '../../../src/core/dataset/seededRandom';
import { ATTEMPT_OUTCOMES } from '../../../src/core/model';
import { validateActivity } from '../../../src/core/parseRecord';

const NOW = 1_748_779_200_000;
const make = (seed = 5, activities = 3000) => generateDemoDataset({ seed, activities, now: NOW, hugeActivityAttempts: 0 });

describe('generateDemoDataset', () => {
  it('is deterministic: same seed, same activities and attempts; another seed differs', () => {
    const a = make();
    const b = make();
    expect(b.activities).toEqual(a.activities);
    const x = a.activities[10]!;
    const s = a.attemptSeries(x);
    expect(b.attemptSeries(b.activities[10]!)).toEqual(s);
    expect(b.attempt(b.activities[10]!, 0, s.timestamps[0]!, 'blocked')).toEqual(a.attempt(x, 0, s.timestamps[0]!, 'blocked'));
    expect(make(6).activities.map((y) => y.actor.ip)).not.toEqual(a.activities.map((y) => y.actor.ip));
  });

  it('produces valid, plausible activities', () => {
    const { activities } = make();
    expect(activities).toHaveLength(3000);
    expect(new Set(activities.map((a) => a.id)).size).toBe(3000);
    for (const [i, a] of activities.entries()) {
      validateActivity(a, `activities[${i}]`);
      expect(a.firstSeen).toBeLessThanOrEqual(a.lastSeen);
      expect(a.lastSeen).toBeLessThanOrEqual(NOW);
      expect(a.attemptCount).toBeGreaterThanOrEqual(1);
    }
    const share = (p: (a: (typeof activities)[number]) => boolean) => activities.filter(p).length / activities.length;
    expect(share((a) => a.successfulExploit)).toBeLessThan(0.08); // exploits are rare
    expect(share((a) => a.successfulExploit)).toBeGreaterThan(0);
    expect(share((a) => a.type === 'anomaly')).toBeGreaterThan(0.1);
    expect(share((a) => a.type === 'rule-based')).toBeGreaterThan(0.3);
    expect(share((a) => a.status === 'active')).toBeGreaterThan(0.6);
    expect(new Set(activities.map((a) => a.subcategory)).size).toBe(ATTACK_KINDS.length);
    expect(new Set(activities.map((a) => a.endpoint.host)).size).toBeGreaterThan(4);
    expect(new Set(activities.map((a) => a.actor.country)).size).toBeGreaterThan(8);
    expect(activities.some((a) => a.actor.ip.includes(':'))).toBe(true); // IPv6 actors too
    expect(activities.some((a) => a.endpoint.path.includes('{'))).toBe(true); // templated paths
  });

  it('references carry https URLs and every category has remediation steps', () => {
    const d = make(5, 500);
    for (const kind of ATTACK_KINDS) {
      const a = d.activities.find((x) => x.policy.id === kind.policyId);
      if (!a) continue;
      const detail = d.describe(a);
      expect(detail.description.length).toBeGreaterThan(20);
      expect(detail.references.some((r) => r.kind === 'cwe')).toBe(true);
      for (const r of detail.references) expect(r.url).toMatch(/^https:\/\//);
      const rem = d.remediation(a);
      expect(rem.steps.length).toBeGreaterThan(0);
      expect(rem.steps[0]!.title).not.toBe('');
    }
    expect(ATTACK_KINDS.flatMap((k) => k.references).some((r) => r.id === 'API1:2023')).toBe(true);
  });

  it('builds attempts lazily: the series length equals attemptCount, bursty and sorted, with rare exploits', () => {
    const d = generateDemoDataset({ seed: 9, activities: 50, now: NOW, hugeActivityAttempts: 100_000 });
    const huge = d.activities[0]!;
    expect(huge.attemptCount).toBe(100_000);
    const s = d.attemptSeries(huge);
    expect(s.timestamps.length).toBe(100_000);
    expect(s.timestamps[0]).toBe(huge.firstSeen);
    expect(s.timestamps[s.timestamps.length - 1]).toBe(huge.lastSeen);
    for (let i = 1; i < s.timestamps.length; i++) if (s.timestamps[i]! < s.timestamps[i - 1]!) throw new Error('not sorted');
    // Bursty: the busiest hour holds far more than an even share.
    const hours = new Map<number, number>();
    for (const t of s.timestamps) hours.set(Math.floor(t / 3_600_000), (hours.get(Math.floor(t / 3_600_000)) ?? 0) + 1);
    expect(Math.max(...hours.values())).toBeGreaterThan((3 * 100_000) / hours.size);
    for (const a of d.activities) {
      const series = d.attemptSeries(a);
      expect(series.timestamps.length).toBe(a.attemptCount);
      const exploited = [...series.outcomes].filter((o) => ATTEMPT_OUTCOMES[o] === 'exploited').length;
      if (a.successfulExploit) expect(exploited).toBeGreaterThan(0);
      else expect(exploited).toBe(0);
    }
  });

  it('attempts carry real payloads, JSON/form/binary bodies, duplicate headers and absolute URLs', () => {
    const d = make(21, 3000);
    const attempts = d.activities.slice(0, 1500).map((a, i) => d.attempt(a, i % 3, a.lastSeen, 'allowed'));
    const types = new Set(attempts.flatMap((a) => a.request.headers.filter(([n]) => n === 'Content-Type').map(([, v]) => v)));
    expect(types).toContain('application/json');
    expect(types).toContain('application/x-www-form-urlencoded');
    expect(attempts.some((a) => a.request.body?.kind === 'bytes')).toBe(true);
    expect(attempts.some((a) => a.request.headers.filter(([n]) => n === 'Cookie').length === 2)).toBe(true);
    for (const a of attempts) {
      expect(a.request.url).toMatch(/^https:\/\/[a-z.]+\.example\//);
      if (a.request.body?.kind === 'text') expect(a.request.body.size).toBeGreaterThanOrEqual(a.request.body.text.length);
    }
    const text = attempts.map((a) => `${a.request.url} ${a.request.body?.kind === 'text' ? a.request.body.text : ''}`).join('\n');
    expect(text).toMatch(/UNION ALL select/i); // CRS SQLi
    expect(text).toMatch(/onerror|<script>|onload/i); // SecLists XSS
    expect(text).toMatch(/169\.254\.169\.254|0xA9\.0xFE/); // SSRF
    expect(text).toMatch(/\$ne|\$regex|\$text|\$exists|\$nor|\$elemMatch|\$lte/); // NoSQL
    expect(text).toMatch(/\.\.\/|%00/); // traversal
  });

  it('createActivity makes a new live activity, optionally repeating an existing key', () => {
    const d = make(5, 100);
    const like = d.activities[3]!;
    const a = d.createActivity(createSeededRandom(1), NOW, like);
    expect(a.id).not.toBe(like.id);
    expect([a.actor.ip, a.endpoint, a.policy.id, a.status, a.attemptCount]).toEqual([like.actor.ip, like.endpoint, like.policy.id, 'active', 1]);
    expect(d.attemptSeries(a).timestamps).toEqual(new Float64Array([NOW]));
  });
});

describe('generateDemoDataset: newest first, and progressive', () => {
  it('generates newest first: every activity after the first two is no newer than the one before it', () => {
    const { activities, pending } = generateDemoDataset({ seed: 3, activities: 5000, now: NOW });
    expect(pending).toBeNull();
    // act-000001 is the timeline benchmark's huge activity (an hour old); the rest descend.
    for (let i = 2; i < activities.length; i++) expect(activities[i]!.lastSeen).toBeLessThanOrEqual(activities[i - 1]!.lastSeen);
    // Still spread over the 30-day window, busier in recent days.
    const day = 86_400_000;
    const within = (days: number) => activities.filter((a) => a.lastSeen >= NOW - days * day).length / activities.length;
    expect(within(7.5)).toBeGreaterThan(0.45);
    expect(within(7.5)).toBeLessThan(0.55);
    expect(Math.min(...activities.map((a) => a.lastSeen))).toBeGreaterThan(NOW - 30 * day - 1);
  });

  it('a progressive dataset holds the same activities as an eager one, chunk by chunk, and keeps its horizon', async () => {
    const eager = generateDemoDataset({ seed: 3, activities: 5000, now: NOW });
    const lazy = generateDemoDataset({ seed: 3, activities: 5000, now: NOW, firstChunk: 300 });
    expect(lazy.activities).toHaveLength(300);
    let settled = false;
    void lazy.complete.then(() => (settled = true));
    while (lazy.pending) {
      const { horizon } = lazy.pending;
      const before = lazy.activities.length;
      expect(lazy.pending.generate(777)).toBe(Math.min(777, 5000 - before));
      // Nothing generated later is newer than the horizon announced before it.
      for (let i = before; i < lazy.activities.length; i++) expect(lazy.activities[i]!.lastSeen).toBeLessThanOrEqual(horizon);
      expect(lazy.activities[before - 1]!.lastSeen).toBeGreaterThanOrEqual(horizon - 1);
    }
    await Promise.resolve();
    expect(settled).toBe(true);
    expect(lazy.activities).toEqual(eager.activities);
    expect(lazy.attemptSeries(lazy.activities[4000]!)).toEqual(eager.attemptSeries(eager.activities[4000]!));
  });
});
