import fc from 'fast-check';
import { binAttempts, chooseBucketMs, NICE_BUCKETS_MS } from '../../src/core/timeline';

describe('binAttempts', () => {
  it('counts per aligned bucket and outcome, including empty buckets and the inclusive end', () => {
    const t = binAttempts(
      { timestamps: [1000, 1500, 2500, 9000, 10_000, 50], outcomes: ['blocked', 'allowed', 'exploited', 0, 1, 'blocked'] },
      { from: 1000, to: 10_000, bucketMs: 1000 },
    );
    expect(t.total).toBe(5); // 50 is out of range
    expect(t.buckets).toHaveLength(10);
    expect(t.buckets[0]).toEqual({ start: 1000, end: 2000, blocked: 1, allowed: 1, exploited: 0 });
    expect(t.buckets[1]).toEqual({ start: 2000, end: 3000, blocked: 0, allowed: 0, exploited: 1 });
    expect(t.buckets[5]).toEqual({ start: 6000, end: 7000, blocked: 0, allowed: 0, exploited: 0 });
    expect(t.buckets[9]).toEqual({ start: 10_000, end: 11_000, blocked: 0, allowed: 1, exploited: 0 });
  });

  it('aligns buckets to multiples of bucketMs', () => {
    const t = binAttempts({ timestamps: [1234], outcomes: [0] }, { from: 1234, to: 5000, bucketMs: 1000 });
    expect(t.buckets[0]!.start).toBe(1000);
    expect(t.from).toBe(1234);
  });

  it('rejects bad options', () => {
    const input = { timestamps: [], outcomes: [] };
    expect(() => binAttempts(input, { from: 0, to: 10, bucketMs: 0 })).toThrow(RangeError);
    expect(() => binAttempts(input, { from: 10, to: 0, bucketMs: 1 })).toThrow(RangeError);
    expect(() => binAttempts(input, { from: 0, to: 1e12, bucketMs: 1 })).toThrow(/too many buckets/);
  });

  it('never loses an attempt in range (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 200 }), // bucketMs >= 2: at 1 ms the inclusive end makes 100,001 buckets, over the documented cap.
        fc.integer({ min: 2, max: 20_000 }), (ts, bucketMs) => {
        const outcomes = ts.map((t) => t % 3);
        const t = binAttempts({ timestamps: ts, outcomes }, { from: 0, to: 100_000, bucketMs });
        const sum = t.buckets.reduce((n, b) => n + b.blocked + b.allowed + b.exploited, 0);
        return sum === ts.length && t.total === ts.length && t.buckets.every((b, i) => i === 0 || b.start === t.buckets[i - 1]!.end);
      }),
    );
  });

  it('bins 100k attempts quickly with typed arrays', () => {
    const n = 100_000;
    const timestamps = new Float64Array(n);
    const outcomes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = i * 2_600;
      outcomes[i] = i % 3;
    }
    const start = performance.now();
    const t = binAttempts({ timestamps, outcomes }, { from: 0, to: timestamps[n - 1]!, bucketMs: chooseBucketMs(timestamps[n - 1]!, 200) });
    expect(performance.now() - start).toBeLessThan(100);
    expect(t.total).toBe(n);
  });
});

describe('chooseBucketMs', () => {
  it('picks the smallest nice size that stays within the target', () => {
    expect(chooseBucketMs(3_600_000, 60)).toBe(60_000);
    expect(chooseBucketMs(3_600_000, 100)).toBe(60_000);
    expect(chooseBucketMs(86_400_000, 100)).toBe(15 * 60_000);
    expect(chooseBucketMs(0, 100)).toBe(1000);
    expect(chooseBucketMs(1e13, 10)).toBeGreaterThanOrEqual(1e12);
  });

  it('never exceeds the target bucket count (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e11 }), fc.integer({ min: 1, max: 2000 }), (range, target) => {
        const size = chooseBucketMs(range, target);
        return Math.ceil(range / size) <= target && (size >= 365 * 86_400_000 || NICE_BUCKETS_MS.includes(size));
      }),
    );
  });
});
