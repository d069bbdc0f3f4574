/**
 * Indexes a progressive demo dataset (see generateDemoDataset's `firstChunk`)
 * while it is generated: the first chunk at once, the rest in short slices
 * off the critical path (idle time in a page, timer turns in a worker), or
 * all at once when a call needs every activity.
 *
 * Which calls may run before the fill completes is the adapter's rule: a
 * newest-first page that the generated prefix answers exactly (see
 * pageWhileFilling); everything else (writes, facets, reads by id, export,
 * live traffic) completes the fill first, so no write ever meets a dataset
 * that is still growing.
 */
import type { DemoDataset } from '../../core/dataset/generateDemoDataset';
import type { ActivityIndex } from './activityIndex';

/** Generation time per background slice: short enough not to hold up a frame. */
const SLICE_MS = 6;
const ROWS_PER_STEP = 256;

type Schedule = (run: () => void) => void;

const defaultSchedule: Schedule = (run) => {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(run, { timeout: 50 });
  else {
    const t = setTimeout(run, 0);
    (t as { unref?: () => void }).unref?.();
  }
};

export class DatasetFill {
  private indexed: number;

  constructor(
    private readonly index: ActivityIndex,
    private readonly dataset: DemoDataset,
    private readonly schedule: Schedule = defaultSchedule,
  ) {
    // The index was built over the activities generated so far.
    this.indexed = dataset.activities.length;
    if (dataset.pending) this.schedule(() => this.slice());
  }

  /** Activities still to generate and index. */
  get pending(): boolean {
    return this.dataset.pending !== null || this.indexed < this.dataset.activities.length;
  }

  /** Activities when complete. */
  get total(): number {
    return this.dataset.pending?.total ?? this.dataset.activities.length;
  }

  /** The newest `lastSeen` a row not indexed yet can have (−Infinity when none is left). */
  get horizon(): number {
    if (this.indexed < this.dataset.activities.length) return this.dataset.activities[this.indexed]!.lastSeen;
    return this.dataset.pending ? this.dataset.pending.horizon : -Infinity;
  }

  /** Generates and indexes `count` more rows (or all that are left). */
  grow(count: number): void {
    this.dataset.pending?.generate(count);
    this.catchUp();
  }

  /** Generates and indexes every row left, now. */
  complete(): void {
    if (this.pending) this.grow(Infinity);
  }

  private catchUp(): void {
    const rows = this.dataset.activities;
    while (this.indexed < rows.length) this.index.addGenerated(rows[this.indexed++]!);
  }

  private slice(): void {
    if (!this.pending) return;
    const start = performance.now();
    do this.grow(ROWS_PER_STEP);
    while (this.pending && performance.now() - start < SLICE_MS);
    if (this.pending) this.schedule(() => this.slice());
  }
}
