/**
 * A text summary of a binned timeline, for readers who cannot see the chart:
 * when attempts started and stopped, the peak rate, and the bursts — runs of
 * buckets well above the activity's own baseline.
 */
import type { Timeline } from './model';

export interface TimelineBurst {
  /** Start of the burst's first bucket. */
  from: number;
  /** End (exclusive) of its last bucket. */
  to: number;
  count: number;
}

export interface TimelineSummary {
  total: number;
  /** Start of the first non-empty bucket, or the first attempt when `seen` says so (`null` when empty). */
  first: number | null;
  /** End of the last non-empty bucket, or the last attempt when `seen` says so (`null` when empty). */
  last: number | null;
  /** The busiest bucket: its count is the peak rate per `bucketMs`. */
  peak: { count: number; start: number; end: number } | null;
  bucketMs: number;
  /** Chronological. */
  bursts: TimelineBurst[];
}

export interface SummaryOptions {
  /** A bucket belongs to a burst when it holds at least this many attempts… Default 5. */
  minBurstCount?: number;
  /** …and at least this many times the mean per bucket between first and last. Default 3. */
  burstFactor?: number;
  /**
   * When the attempts were first and last seen. A bucket's end usually lies
   * after the last attempt (often in the future): the summary's range is
   * clamped to these instants, within the first and last non-empty buckets.
   */
  seen?: { first: number; last: number };
}

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

export function summarizeTimeline(timeline: Timeline, options: SummaryOptions = {}): TimelineSummary {
  const { buckets, bucketMs } = timeline;
  const minBurst = options.minBurstCount ?? 5;
  const factor = options.burstFactor ?? 3;
  let firstIdx = -1;
  let lastIdx = -1;
  let total = 0;
  let peakIdx = -1;
  let peakCount = 0;
  const totals = new Array<number>(buckets.length);
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    const n = b.blocked + b.allowed + b.exploited;
    totals[i] = n;
    if (n === 0) continue;
    if (firstIdx === -1) firstIdx = i;
    lastIdx = i;
    total += n;
    if (n > peakCount) {
      peakCount = n;
      peakIdx = i;
    }
  }
  if (firstIdx === -1) return { total: 0, first: null, last: null, peak: null, bucketMs, bursts: [] };

  const mean = total / (lastIdx - firstIdx + 1);
  const threshold = Math.max(minBurst, factor * mean);
  const bursts: TimelineBurst[] = [];
  let run: TimelineBurst | null = null;
  for (let i = firstIdx; i <= lastIdx; i++) {
    const n = totals[i]!;
    const b = buckets[i]!;
    if (n >= threshold) {
      if (run) {
        run.to = b.end;
        run.count += n;
      } else run = { from: b.start, to: b.end, count: n };
    } else if (run) {
      bursts.push(run);
      run = null;
    }
  }
  if (run) bursts.push(run);
  const peak = buckets[peakIdx]!;
  const firstBucket = buckets[firstIdx]!;
  const lastBucket = buckets[lastIdx]!;
  const seen = options.seen;
  const first = clamp(Math.max(seen?.first ?? -Infinity, timeline.from), firstBucket.start, firstBucket.end);
  // Never later than the range binned either (a zoom's end), nor the last attempt.
  const last = clamp(Math.min(seen?.last ?? Infinity, timeline.to), lastBucket.start, lastBucket.end);
  return {
    total,
    first,
    last,
    peak: { count: peakCount, start: peak.start, end: peak.end },
    bucketMs,
    // Bursts are bucket runs: they too end where the attempts do.
    bursts: bursts.map((b) => ({ ...b, from: clamp(b.from, first, last), to: clamp(b.to, first, last) })),
  };
}
