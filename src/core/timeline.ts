/**
 * Timeline binning: counts attempts per fixed-size bucket and outcome. Pure and
 * allocation-light (one pass, typed arrays) so 100k attempts bin in about a
 * millisecond; used by the memory adapter and for adapters without a server timeline.
 */
import { type AttemptOutcome, type Timeline, type TimelineBucket } from './model';

export interface BinInput {
  /** Epoch ms, any order. */
  timestamps: ArrayLike<number>;
  /** Per timestamp: an outcome, or its index in `ATTEMPT_OUTCOMES`. */
  outcomes: ArrayLike<AttemptOutcome | number>;
}

export interface BinOptions {
  from: number;
  /** Inclusive. */
  to: number;
  bucketMs: number;
}

/** More buckets than this is a mistake (and a memory hazard), not a chart. */
export const MAX_TIMELINE_BUCKETS = 100_000;

// Same order as ATTEMPT_OUTCOMES.
const OUTCOME_INDEX: Record<AttemptOutcome, number> = { blocked: 0, allowed: 1, exploited: 2 };

/**
 * Bins attempts in [from, to] into buckets aligned to multiples of `bucketMs`
 * (epoch-aligned, so ticks stay round); buckets cover the whole range, empty ones included.
 * Throws RangeError for a non-positive bucket, a reversed range or too many buckets.
 */
export function binAttempts(input: BinInput, options: BinOptions): Timeline {
  const { from, to, bucketMs } = options;
  if (!(bucketMs > 0) || !Number.isFinite(bucketMs)) throw new RangeError('bucketMs must be a positive number');
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) throw new RangeError('from must be <= to');
  const start = Math.floor(from / bucketMs) * bucketMs;
  const count = Math.floor((to - start) / bucketMs) + 1;
  if (count > MAX_TIMELINE_BUCKETS) throw new RangeError(`too many buckets (${count} > ${MAX_TIMELINE_BUCKETS})`);
  const counts = new Uint32Array(count * 3);
  const { timestamps, outcomes } = input;
  let total = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    if (t < from || t > to) continue;
    const o = outcomes[i];
    const oi = typeof o === 'number' ? o : o === undefined ? 0 : OUTCOME_INDEX[o];
    if (oi < 0 || oi > 2) continue;
    counts[Math.floor((t - start) / bucketMs) * 3 + oi]!++;
    total++;
  }
  const buckets: TimelineBucket[] = new Array(count);
  for (let b = 0; b < count; b++) {
    const s = start + b * bucketMs;
    buckets[b] = { start: s, end: s + bucketMs, blocked: counts[b * 3]!, allowed: counts[b * 3 + 1]!, exploited: counts[b * 3 + 2]! };
  }
  return { from, to, bucketMs, buckets, total };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Round bucket sizes a reader recognises. */
export const NICE_BUCKETS_MS: readonly number[] = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY,
];

/**
 * The narrowest span the timeline shows. A single attempt (or a burst within
 * a second) over its own 1 s span would draw one bar across the whole chart
 * with 500 ms ticks; a minute around it reads as "one attempt, at that time".
 */
export const MIN_TIMELINE_SPAN_MS = MINUTE;

/**
 * The range the chart shows for attempts seen from `first` to `last`: the
 * range itself, or — when narrower than `minSpanMs` — widened to it, centred
 * on the attempts, so they appear as narrow bars with round ticks around them.
 */
export function timelineDisplayRange(first: number, last: number, minSpanMs = MIN_TIMELINE_SPAN_MS): { from: number; to: number } {
  const lo = Math.min(first, last);
  const hi = Math.max(first, last);
  if (hi - lo >= minSpanMs) return { from: lo, to: hi };
  const centre = (lo + hi) / 2;
  const from = Math.floor(centre - minSpanMs / 2);
  return { from, to: from + minSpanMs };
}

/** The smallest nice bucket size giving at most `targetBuckets` buckets over `rangeMs`. */
export function chooseBucketMs(rangeMs: number, targetBuckets: number): number {
  const target = Math.max(1, Math.floor(targetBuckets));
  const ideal = Math.max(0, rangeMs) / target;
  for (const size of NICE_BUCKETS_MS) if (size >= ideal) return size;
  // Beyond a year per bucket: whole multiples of a year.
  return Math.ceil(ideal / (365 * DAY)) * 365 * DAY;
}
