import { MAX_ACTOR_SUBCATEGORIES, compareActors, summarizeActors, ACTOR_SORT_FIELDS } from '../../src/core/actors';
import { anActivity } from '../support/activityFixture';

describe('summarizeActors', () => {
  test('groups by actor IP with counts, distinct endpoints and subcategories, the seen range and the worst severity', () => {
    const ip = '203.0.113.9';
    const actors = summarizeActors([
      anActivity({ id: 'a', actor: { ip, country: 'NL' }, severity: 'low', attemptCount: 2, firstSeen: 100, lastSeen: 200, subcategory: 'XSS' }),
      anActivity({ id: 'b', actor: { ip, country: 'DE' }, severity: 'critical', attemptCount: 5, firstSeen: 50, lastSeen: 400, subcategory: 'SQL Injection', successfulExploit: true, endpoint: { method: 'POST', path: '/login', host: 'a.example' } }),
      anActivity({ id: 'c', actor: { ip }, severity: 'medium', attemptCount: 1, firstSeen: 300, lastSeen: 300, subcategory: 'XSS' }),
      anActivity({ id: 'd', actor: { ip: '198.51.100.1' }, lastSeen: 100 }),
    ]);
    expect(actors.map((a) => a.ip)).toEqual([ip, '198.51.100.1']);
    expect(actors[0]).toMatchObject({
      activities: 3,
      attempts: 8,
      endpoints: 2,
      subcategories: ['XSS', 'SQL Injection'],
      subcategoryCount: 2,
      firstSeen: 50,
      lastSeen: 400,
      severity: 'critical',
      successfulExploit: true,
      // From the newest activity.
      country: 'DE',
    });
  });

  test('the block state is the newest activity’s, and subcategories are capped', () => {
    const ip = '192.0.2.1';
    const blocked = { blockId: 'b1', target: ip, expiresAt: null };
    const many = Array.from({ length: MAX_ACTOR_SUBCATEGORIES + 3 }, (_, i) => anActivity({ id: `s${i}`, actor: { ip }, subcategory: `sub-${i}`, lastSeen: i }));
    many.push(anActivity({ id: 'newest', actor: { ip }, blocked, lastSeen: 1000 }));
    const [actor] = summarizeActors(many);
    expect(actor!.blocked).toEqual(blocked);
    expect(actor!.subcategories).toHaveLength(MAX_ACTOR_SUBCATEGORIES);
    expect(actor!.subcategoryCount).toBe(MAX_ACTOR_SUBCATEGORIES + 4);
  });

  test('every sort is a total order (ties by IP), in both directions', () => {
    const activities = Array.from({ length: 60 }, (_, i) =>
      anActivity({ id: `x${i}`, actor: { ip: `10.0.0.${i % 17}` }, attemptCount: i % 3, lastSeen: (i % 5) * 10, firstSeen: 0, severity: (['low', 'high', 'info'] as const)[i % 3] }),
    );
    const actors = summarizeActors(activities);
    for (const field of ACTOR_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        const cmp = compareActors({ field, direction });
        const sorted = [...actors].sort(cmp);
        for (let i = 1; i < sorted.length; i++) expect(cmp(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
      }
    }
  });
});
