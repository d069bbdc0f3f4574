/** Issue 15 (Drilldown): a single attempt gets a readable span, the summary ends at the last attempt, tooltips stay inside. */
import { binAttempts, chooseBucketMs, MIN_TIMELINE_SPAN_MS, timelineDisplayRange } from '../../src/core/timeline';
import { summarizeTimeline } from '../../src/core/timelineSummary';
import { placeTooltip, timeTicks } from '../../src/core/timeScale';

const T = Date.UTC(2026, 2, 10, 12, 0, 7, 250);

describe('timelineDisplayRange', () => {
  it('widens a single instant to the minimum span, centred on it', () => {
    const r = timelineDisplayRange(T, T);
    expect(r.to - r.from).toBe(MIN_TIMELINE_SPAN_MS);
    expect(r.from).toBeLessThan(T);
    expect(r.to).toBeGreaterThan(T);
  });

  it('keeps a range wider than the minimum as it is', () => {
    expect(timelineDisplayRange(T, T + 3_600_000)).toEqual({ from: T, to: T + 3_600_000 });
  });

  it('gives one attempt many buckets and round (≥ 1 s) ticks, not one bar and 500 ms ticks', () => {
    const r = timelineDisplayRange(T, T);
    const bucketMs = chooseBucketMs(r.to - r.from, 80);
    const tl = binAttempts({ timestamps: [T], outcomes: ['blocked'] }, { ...r, bucketMs });
    expect(tl.buckets.length).toBeGreaterThanOrEqual(30);
    expect(tl.buckets.filter((b) => b.blocked > 0)).toHaveLength(1);
    expect(timeTicks(r.from, r.to, 6).step).toBeGreaterThanOrEqual(10_000);
  });
});

describe('summarizeTimeline range', () => {
  const attempts = [T - 50 * 60_000, T - 20 * 60_000, T];
  const tl = binAttempts({ timestamps: attempts, outcomes: [0, 1, 2] }, { from: attempts[0]!, to: T, bucketMs: 15 * 60_000 });

  it('ends at the last attempt, not at the end of its bucket (which lies in the future)', () => {
    const lastBucketEnd = tl.buckets[tl.buckets.length - 1]!.end;
    expect(lastBucketEnd).toBeGreaterThan(T);
    const s = summarizeTimeline(tl, { seen: { first: attempts[0]!, last: T } });
    expect(s.last).toBe(T);
    expect(s.first).toBe(attempts[0]);
  });

  it('never ends after the range binned, even without the seen times', () => {
    expect(summarizeTimeline(tl).last).toBe(T);
  });

  it('stays within the non-empty buckets when the seen times disagree with the attempts', () => {
    const s = summarizeTimeline(tl, { seen: { first: 0, last: T + 86_400_000 } });
    expect(s.first).toBeGreaterThanOrEqual(tl.buckets[0]!.start);
    expect(s.last).toBeLessThanOrEqual(tl.buckets[tl.buckets.length - 1]!.end);
  });
});

describe('placeTooltip', () => {
  it('goes right of the bar when it fits, else left of it', () => {
    expect(placeTooltip(100, 110, 200, 640)).toBe(114);
    expect(placeTooltip(500, 510, 200, 640)).toBe(296);
  });

  it('is shifted inside the container when it fits on neither side', () => {
    const left = placeTooltip(300, 310, 400, 640);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left + 400).toBeLessThanOrEqual(640);
  });

  it('starts at the left edge when wider than the container', () => {
    expect(placeTooltip(100, 110, 900, 640)).toBe(0);
  });
});
