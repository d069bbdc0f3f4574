import fc from 'fast-check';
import type { Timeline, TimelineBucket } from '../../src/core/model';
import { summarizeTimeline } from '../../src/core/timelineSummary';

const MIN = 60_000;
function timeline(totals: number[], start = 0): Timeline {
  const buckets: TimelineBucket[] = totals.map((n, i) => ({
    start: start + i * MIN,
    end: start + (i + 1) * MIN,
    blocked: Math.floor(n / 2),
    allowed: n - Math.floor(n / 2) - (n > 2 ? 1 : 0),
    exploited: n > 2 ? 1 : 0,
  }));
  return { from: start, to: start + totals.length * MIN - 1, bucketMs: MIN, buckets, total: totals.reduce((a, b) => a + b, 0) };
}

describe('summarizeTimeline', () => {
  it('is empty without attempts', () => {
    expect(summarizeTimeline(timeline([0, 0, 0]))).toEqual({ total: 0, first: null, last: null, peak: null, bucketMs: MIN, bursts: [] });
    expect(summarizeTimeline(timeline([])).total).toBe(0);
  });

  it('finds first, last and the peak bucket', () => {
    const s = summarizeTimeline(timeline([0, 2, 1, 9, 1, 0, 0], 1_000_000));
    expect(s.total).toBe(13);
    expect(s.first).toBe(1_000_000 + MIN);
    expect(s.last).toBe(1_000_000 + 5 * MIN);
    expect(s.peak).toEqual({ count: 9, start: 1_000_000 + 3 * MIN, end: 1_000_000 + 4 * MIN });
  });

  it('reports runs well above the baseline as bursts, merging adjacent buckets', () => {
    const s = summarizeTimeline(timeline([1, 1, 1, 40, 50, 1, 1, 1, 1, 1, 1, 1, 1, 1, 30, 1, 1, 1, 1, 1]));
    expect(s.bursts).toEqual([
      { from: 3 * MIN, to: 5 * MIN, count: 90 },
      { from: 14 * MIN, to: 15 * MIN, count: 30 },
    ]);
  });

  it('finds no bursts in steady traffic or in tiny counts', () => {
    expect(summarizeTimeline(timeline(Array(50).fill(20))).bursts).toEqual([]);
    expect(summarizeTimeline(timeline([0, 0, 4, 0, 0, 0, 0, 0, 0, 1])).bursts).toEqual([]);
    expect(summarizeTimeline(timeline([0, 0, 4, 0, 0, 0, 0, 0, 0, 1]), { minBurstCount: 2 }).bursts).toHaveLength(1);
  });

  it('holds its invariants for any timeline', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 200 }), (totals) => {
        const s = summarizeTimeline(timeline(totals));
        const sum = totals.reduce((a, b) => a + b, 0);
        expect(s.total).toBe(sum);
        if (sum === 0) return;
        expect(s.peak!.count).toBe(Math.max(...totals));
        expect(s.first!).toBeLessThan(s.last!);
        let prevEnd = -Infinity;
        for (const b of s.bursts) {
          expect(b.from).toBeGreaterThan(prevEnd);
          expect(b.from).toBeGreaterThanOrEqual(s.first!);
          expect(b.to).toBeLessThanOrEqual(s.last!);
          prevEnd = b.to;
        }
        expect(s.bursts.reduce((a, b) => a + b.count, 0)).toBeLessThanOrEqual(sum);
      }),
    );
  });
});
