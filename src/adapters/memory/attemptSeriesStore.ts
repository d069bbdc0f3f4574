/**
 * The attempts behind each activity: generated on demand from the dataset
 * (a few recent series cached, since a huge activity's series is megabytes),
 * plus the live attempts appended since generation.
 */
import type { AttemptSeries, DemoDataset } from '../../core/dataset/generateDemoDataset';
import { ATTEMPT_OUTCOMES, type Activity, type AttemptOutcome } from '../../core/model';

const SERIES_CACHE = 8;

export interface ActivitySeries {
  /** Chronological. */
  timestamps: ArrayLike<number>;
  /** Indices into ATTEMPT_OUTCOMES. */
  outcomes: ArrayLike<number>;
  /** Generated attempts; the rest arrived live. */
  base: number;
  total: number;
}

export class AttemptSeriesStore {
  private readonly cache = new Map<string, AttemptSeries>();
  private readonly live = new Map<string, { timestamps: number[]; outcomes: number[] }>();

  constructor(private readonly dataset: DemoDataset) {}

  seriesOf(activity: Activity): ActivitySeries {
    let series = this.cache.get(activity.id);
    if (!series) {
      series = this.dataset.attemptSeries(activity);
      if (this.cache.size >= SERIES_CACHE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(activity.id, series);
    }
    const extra = this.live.get(activity.id);
    const base = series.timestamps.length;
    if (!extra) return { ...series, base, total: base };
    const timestamps = new Float64Array(base + extra.timestamps.length);
    timestamps.set(series.timestamps);
    timestamps.set(extra.timestamps, base);
    const outcomes = new Uint8Array(timestamps.length);
    outcomes.set(series.outcomes);
    outcomes.set(extra.outcomes, base);
    return { timestamps, outcomes, base, total: timestamps.length };
  }

  /** Records a live attempt (the caller updates the activity's count and lastSeen). */
  append(activityId: string, at: number, outcome: AttemptOutcome): void {
    const extra = this.live.get(activityId) ?? { timestamps: [], outcomes: [] };
    this.live.set(activityId, extra);
    extra.timestamps.push(at);
    extra.outcomes.push(ATTEMPT_OUTCOMES.indexOf(outcome));
  }
}
