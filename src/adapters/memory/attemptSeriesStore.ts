/**
 * The attempts behind each activity: generated on demand from the dataset
 * (a few recent series cached, since a huge activity's series is megabytes),
 * plus the live attempts appended since generation. Ingested attempts keep
 * the request and response the detector sent; an activity that ingest
 * created has no generated series at all.
 */
import type { AttemptSeries, DemoDataset } from '../../core/dataset/generateDemoDataset';
import { ATTEMPT_OUTCOMES, type Activity, type Attempt, type AttemptOutcome } from '../../core/model';

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
  private readonly live = new Map<string, { timestamps: number[]; outcomes: number[]; recorded: Array<Attempt | undefined> }>();
  /** Activities that ingest created: every attempt is a recorded one. */
  private readonly ingestedOnly = new Set<string>();

  constructor(private readonly dataset: DemoDataset) {}

  seriesOf(activity: Activity): ActivitySeries {
    let series = this.ingestedOnly.has(activity.id) ? { timestamps: new Float64Array(0), outcomes: new Uint8Array(0) } : this.cache.get(activity.id);
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

  /** The activity was created by ingest: it has no generated attempts. */
  markIngested(activityId: string): void {
    this.ingestedOnly.add(activityId);
  }

  /**
   * Records a live attempt (the caller updates the activity's count and
   * lastSeen), in time order among the live ones (a detector may deliver
   * late), with the attempt itself when it was ingested.
   */
  append(activityId: string, at: number, outcome: AttemptOutcome, attempt?: Attempt): void {
    const extra = this.live.get(activityId) ?? { timestamps: [], outcomes: [], recorded: [] };
    this.live.set(activityId, extra);
    let i = extra.timestamps.length;
    while (i > 0 && extra.timestamps[i - 1]! > at) i--;
    extra.timestamps.splice(i, 0, at);
    extra.outcomes.splice(i, 0, ATTEMPT_OUTCOMES.indexOf(outcome));
    extra.recorded.splice(i, 0, attempt);
  }

  /** The ingested attempt at chronological index `index` of `seriesOf`, if that one was ingested. */
  recorded(activity: Activity, series: ActivitySeries, index: number): Attempt | undefined {
    return index < series.base ? undefined : this.live.get(activity.id)?.recorded[index - series.base];
  }
}
