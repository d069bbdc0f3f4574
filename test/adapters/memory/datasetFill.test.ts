import { ActivityIndex } from '../../../src/adapters/memory/activityIndex';
import { DatasetFill } from '../../../src/adapters/memory/datasetFill';
import { generateDemoDataset } from '../../../src/core/dataset';

const NOW = 1_748_779_200_000;

/** A fill whose slices run only when the test says, each with the idle time the test gives it. */
function manualFill(activities: number, firstChunk: number) {
  const dataset = generateDemoDataset({ seed: 5, activities, now: NOW, hugeActivityAttempts: 0, firstChunk });
  const index = new ActivityIndex(dataset.activities);
  const queue: Array<(idleMs: () => number) => void> = [];
  const fill = new DatasetFill(index, dataset, (run) => void queue.push(run));
  /** Runs the next slice with `budget` calls of idle time left (each check of the deadline uses one). */
  const runSlice = (budget: number) => {
    const run = queue.shift();
    if (!run) throw new Error('nothing scheduled');
    let left = budget;
    run(() => (left-- > 0 ? 10 : 0));
  };
  return { dataset, index, fill, queue, runSlice };
}

describe('DatasetFill (the demo dataset generated off the critical path)', () => {
  test('a slice generates while the page is idle and stops when its idle time is used up', () => {
    const { dataset, index, fill, runSlice, queue } = manualFill(5000, 100);
    expect(index.size).toBe(100);
    runSlice(0);
    // One step even with no idle time left (the fill always makes progress), then it yields.
    expect(index.size).toBe(100 + 256);
    expect(queue).toHaveLength(1);
    runSlice(3);
    expect(index.size).toBe(100 + 256 * 5);
    expect(fill.pending).toBe(true);
    expect(dataset.activities).toHaveLength(index.size);
  });

  test('once complete it builds the first search and sort ahead, in a slice of its own, and then schedules nothing', () => {
    const { index, fill, runSlice, queue } = manualFill(2000, 100);
    const prepare = vi.spyOn(index, 'prepareReads');
    runSlice(1000);
    expect(fill.pending).toBe(false);
    expect(index.size).toBe(2000);
    expect(prepare).not.toHaveBeenCalled();
    runSlice(0);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(queue).toHaveLength(0);
  });

  test('a fill completed at once by a call (a facet, a write) still builds the first search and sort ahead', () => {
    const { index, fill, runSlice, queue } = manualFill(2000, 100);
    const prepare = vi.spyOn(index, 'prepareReads');
    fill.complete();
    expect(index.size).toBe(2000);
    runSlice(10);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(queue).toHaveLength(0);
  });

  test('a complete dataset schedules no fill at all', () => {
    const { fill, queue } = manualFill(300, 300);
    expect(fill.pending).toBe(false);
    expect(queue).toHaveLength(0);
  });
});
