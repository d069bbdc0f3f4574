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

/** Generation time per background slice when the page gives no idle deadline (a timer turn, or an idle callback that timed out). */
const SLICE_MS = 6;
const ROWS_PER_STEP = 256;

/** `idleMs()` is how long the slice may run: the idle callback's time remaining, or SLICE_MS. */
type Schedule = (run: (idleMs: () => number) => void) => void;

const defaultSchedule: Schedule = (run) => {
  const idle = (globalThis as { requestIdleCallback?: (cb: (deadline: IdleDeadline) => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) {
    idle(
      (deadline) => {
        const start = performance.now();
        run(() => (deadline.didTimeout ? SLICE_MS - (performance.now() - start) : deadline.timeRemaining()));
      },
      { timeout: 50 },
    );
  } else {
    const t = setTimeout(() => {
      const start = performance.now();
      run(() => SLICE_MS - (performance.now() - start));
    }, 0);
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
    if (dataset.pending) this.schedule((idleMs) => this.slice(idleMs));
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

  // Idle time is used whole (an idle callback's deadline ends before the next frame is due), so the
  // fill ends in seconds on an idle page and never holds up a frame on a busy one.
  private slice(idleMs: () => number): void {
    if (!this.pending) {
      // Whole (filled by the slices, or at once by a call that needed every row): what the first search
      // and the first other sort would build on first use is built now, in a slice of its own.
      this.index.prepareReads();
      return;
    }
    do this.grow(ROWS_PER_STEP);
    while (this.pending && idleMs() > 1);
    this.schedule((next) => this.slice(next));
  }
}
