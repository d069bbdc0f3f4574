import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_STATUSES, DETECTION_TYPES, SEVERITIES } from '../../src/core/model';
import {
  EXPLOIT_VALUES,
  QUERY_LIMITS,
  SORT_FIELDS,
  TIME_PRESETS,
  createQuery,
  defaultQuery,
  normalizeQuery,
  queryFromSearchParams,
  queryToSearchParams,
  resolveTimeRange,
  type ActivityQuery,
} from '../../src/core/query';

const freeValue = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const uniqueList = <T>(arb: fc.Arbitrary<T>, max = 6) => fc.uniqueArray(arb, { maxLength: max });

/** Every valid query: within the limits, values deduplicated, time ranges ordered. */
const validQuery: fc.Arbitrary<ActivityQuery> = fc.record({
  status: fc.constantFrom(...ACTIVITY_STATUSES),
  search: fc.string({ maxLength: QUERY_LIMITS.searchLength, unit: 'grapheme-composite' }).filter((s) => s.length <= QUERY_LIMITS.searchLength),
  filters: fc.record({
    actor: uniqueList(fc.oneof(fc.ipV4(), fc.ipV6(), freeValue)),
    url: uniqueList(fc.oneof(fc.webPath().filter((p) => p.length > 0), freeValue)),
    host: uniqueList(fc.oneof(fc.domain(), freeValue)),
    type: uniqueList(fc.constantFrom(...DETECTION_TYPES)),
    subcategory: uniqueList(freeValue),
    successfulExploit: uniqueList(fc.constantFrom(...EXPLOIT_VALUES)),
    severity: uniqueList(fc.constantFrom(...SEVERITIES)),
  }),
  time: fc.oneof(
    fc.constant(null),
    fc.record({ preset: fc.constantFrom(...TIME_PRESETS) }),
    fc
      .tuple(fc.nat({ max: 4_102_444_800_000 }), fc.nat({ max: 4_102_444_800_000 }))
      .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
  ),
  sort: fc.record({ field: fc.constantFrom(...SORT_FIELDS), direction: fc.constantFrom('asc' as const, 'desc' as const) }),
});

describe('ActivityQuery URL serialisation', () => {
  it('round-trips every valid query through URLSearchParams and its string form', () => {
    fc.assert(
      fc.property(validQuery, (query) => {
        expect(normalizeQuery(query)).toEqual(query);
        expect(queryFromSearchParams(queryToSearchParams(query))).toEqual(query);
        expect(queryFromSearchParams(queryToSearchParams(query).toString())).toEqual(query);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps the default query out of the URL', () => {
    expect(queryToSearchParams(defaultQuery()).toString()).toBe('');
    expect(queryFromSearchParams('')).toEqual(defaultQuery());
  });

  it('turns junk into a valid query and never throws', () => {
    const junkParams = fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom('status', 'q', 'actor', 'url', 'host', 'type', 'sub', 'exploit', 'sev', 'time', 'from', 'to', 'sort'), fc.string()),
        fc.oneof(fc.string(), fc.string({ minLength: 10_000, maxLength: 10_240 }), fc.constantFrom('__proto__', 'constructor', 'NaN', '-1', '1e400')),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(junkParams, (pairs) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        const q = queryFromSearchParams(params);
        // A parsed query is a fixed point: valid by construction.
        expect(normalizeQuery(q)).toEqual(q);
        expect(q.search.length).toBeLessThanOrEqual(QUERY_LIMITS.searchLength);
        for (const values of Object.values(q.filters)) {
          for (const v of values) expect(v.length).toBeLessThanOrEqual(QUERY_LIMITS.valueLength);
        }
        expect(queryFromSearchParams(queryToSearchParams(q))).toEqual(q);
      }),
      { numRuns: 800 },
    );
  });

  it('ignores unknown keys and drops invalid values while keeping valid ones', () => {
    const q = queryFromSearchParams(
      'status=bogus&sev=high&sev=apocalyptic&type=anomaly&type=magic&exploit=maybe&exploit=yes&sort=drop:table&time=forever&from=5&to=1&extra=1&q=' +
        'x'.repeat(10_240),
    );
    expect(q.status).toBe('active');
    expect(q.filters.severity).toEqual(['high']);
    expect(q.filters.type).toEqual(['anomaly']);
    expect(q.filters.successfulExploit).toEqual(['yes']);
    expect(q.sort).toEqual({ field: 'lastSeen', direction: 'desc' });
    expect(q.time).toBeNull();
    expect(q.search).toHaveLength(QUERY_LIMITS.searchLength);
  });

  it('normalizes non-objects and hostile objects without throwing', () => {
    for (const input of [null, undefined, 42, 'str', [], { filters: 'x' }, { filters: { actor: [1, null, {}, 'ok'] } }, JSON.parse('{"__proto__":{"status":"ignored"}}')]) {
      const q = normalizeQuery(input);
      expect(normalizeQuery(q)).toEqual(q);
    }
    expect(normalizeQuery({ filters: { actor: [1, null, 'ok', 'ok'] } }).filters.actor).toEqual(['ok']);
  });

  it('builds partial queries and resolves relative time at a given now', () => {
    const q = createQuery({ status: 'ignored', filters: { host: ['api.example.com'] }, time: { preset: '24h' } });
    expect(q.filters.host).toEqual(['api.example.com']);
    expect(resolveTimeRange(q.time, 100_000_000)).toEqual({ from: 100_000_000 - 86_400_000, to: 100_000_000 });
    expect(resolveTimeRange({ from: 1, to: 2 }, 0)).toEqual({ from: 1, to: 2 });
  });
});
