import { MAX_OVERVIEW_GROUPS, OTHER_GROUP, binOverviewSeries, bucketTotal } from '../../src/core/overview';
import { createSeededRandom } from '../../src/core/dataset/seededRandom';
import { SEVERITIES } from '../../src/core/model';
import { anActivity } from '../support/activityFixture';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);

describe('binOverviewSeries', () => {
  test('places each activity in the bucket of its lastSeen, stacked by severity in severity order', () => {
    const activities = [
      anActivity({ id: 'a', severity: 'low', lastSeen: T0 + 10, attemptCount: 2 }),
      anActivity({ id: 'b', severity: 'critical', lastSeen: T0 + HOUR + 5, attemptCount: 7 }),
      anActivity({ id: 'c', severity: 'critical', lastSeen: T0 + HOUR + 6, attemptCount: 1 }),
    ];
    const s = binOverviewSeries(activities, { groupBy: 'severity', maxBuckets: 4, range: { from: T0, to: T0 + 4 * HOUR - 1 } });
    expect(s.groups).toEqual([...SEVERITIES]);
    expect(s.bucketMs).toBe(HOUR);
    expect(s.buckets.map((b) => b.start)).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
    const critical = SEVERITIES.indexOf('critical');
    expect(s.buckets[1]!.activities[critical]).toBe(2);
    expect(s.buckets[1]!.attempts[critical]).toBe(8);
    expect(s.buckets[0]!.activities[SEVERITIES.indexOf('low')]).toBe(1);
    expect(s.totals).toEqual({ activities: 3, attempts: 10 });
  });

  test('an activity exactly at the end of the range is counted, and none outside it', () => {
    const range = { from: T0, to: T0 + 2 * HOUR };
    const s = binOverviewSeries(
      [anActivity({ id: 'end', lastSeen: range.to }), anActivity({ id: 'before', lastSeen: T0 - 1 }), anActivity({ id: 'after', lastSeen: range.to + 1 })],
      { groupBy: 'severity', maxBuckets: 2, range },
    );
    expect(s.totals.activities).toBe(1);
    expect(s.buckets.at(-1)!.start + s.bucketMs).toBeGreaterThan(range.to);
  });

  test('subcategories are ranked by count and the rarest are summed as one "other" stack', () => {
    const activities = Array.from({ length: 40 }, (_, i) => anActivity({ id: `a${i}`, subcategory: `sub-${i % 10}`, lastSeen: T0 + i }));
    activities.push(...Array.from({ length: 5 }, (_, i) => anActivity({ id: `top${i}`, subcategory: 'sub-7', lastSeen: T0 })));
    const s = binOverviewSeries(activities, { groupBy: 'subcategory', maxBuckets: 10, range: null });
    expect(s.groups).toHaveLength(MAX_OVERVIEW_GROUPS);
    expect(s.groups[0]).toBe('sub-7');
    expect(s.groups.at(-1)).toBe(OTHER_GROUP);
    const sum = s.buckets.reduce((n, b) => n + bucketTotal(b, 'activities'), 0);
    expect(sum).toBe(45);
  });

  test('without a range it spans the activities; with none it is empty', () => {
    expect(binOverviewSeries([], { groupBy: 'severity', maxBuckets: 10, range: null }).buckets).toEqual([]);
    const s = binOverviewSeries([anActivity({ lastSeen: T0 + 5 * HOUR }), anActivity({ id: 'x', lastSeen: T0 })], { groupBy: 'severity', maxBuckets: 10, range: null });
    expect(s.from).toBeLessThanOrEqual(T0);
    expect(s.to).toBeGreaterThan(T0 + 5 * HOUR);
    expect(s.buckets.length).toBeLessThanOrEqual(10);
  });

  test('property: every activity in range is counted once, in the bucket holding its lastSeen, under maxBuckets', () => {
    const rng = createSeededRandom(7);
    const random = () => rng.next();
    for (let run = 0; run < 50; run++) {
      const n = Math.floor(random() * 300);
      const span = 1 + Math.floor(random() * 90 * 24 * HOUR);
      const maxBuckets = 1 + Math.floor(random() * 120);
      const activities = Array.from({ length: n }, (_, i) =>
        anActivity({ id: `r${i}`, severity: SEVERITIES[i % 5]!, lastSeen: T0 + Math.floor(random() * span), attemptCount: 1 + (i % 4) }),
      );
      const s = binOverviewSeries(activities, { groupBy: 'severity', maxBuckets, range: { from: T0, to: T0 + span } });
      expect(s.buckets.length).toBeLessThanOrEqual(maxBuckets + 1);
      expect(s.buckets.reduce((sum, b) => sum + bucketTotal(b, 'activities'), 0)).toBe(n);
      for (const a of activities.slice(0, 20)) {
        const i = Math.floor((a.lastSeen - s.from) / s.bucketMs);
        expect(s.buckets[i]!.activities[SEVERITIES.indexOf(a.severity)]).toBeGreaterThan(0);
      }
    }
  });
});
