/**
 * One timer for every relative time ("5 sec. ago") in a list. Cells
 * subscribe with the time they show; the ticker wakes at the finest cadence
 * any of them needs (every second while something is under a minute old,
 * far less often for older times) and notifies them all. Each cell compares
 * its own label (useSyncExternalStore), so only labels that changed render.
 */

/** How often a label for something `ageMs` old needs a look: its unit's size, capped so it is never far behind. */
export function relativeCadenceMs(ageMs: number): number {
  const age = Math.abs(ageMs);
  if (age < 60_000) return 1000;
  if (age < 3_600_000) return 15_000;
  if (age < 86_400_000) return 60_000;
  return 600_000;
}

export interface RelativeTicker {
  /** Calls `listener` on ticks while subscribed; `at` (epoch ms) decides how often. */
  subscribe(at: number, listener: () => void): () => void;
}

export function createRelativeTicker(now: () => number): RelativeTicker {
  const subscribers = new Map<() => void, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let due = Infinity;

  const schedule = () => {
    if (subscribers.size === 0) {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      due = Infinity;
      return;
    }
    const t = now();
    let delay = Infinity;
    for (const at of subscribers.values()) delay = Math.min(delay, relativeCadenceMs(t - at));
    // Keep a sooner wake-up already set; move a later one forward.
    if (timer !== null && due <= t + delay) return;
    if (timer !== null) clearTimeout(timer);
    due = t + delay;
    timer = setTimeout(tick, delay);
  };

  const tick = () => {
    timer = null;
    due = Infinity;
    for (const listener of [...subscribers.keys()]) listener();
    schedule();
  };

  return {
    subscribe(at, listener) {
      subscribers.set(listener, at);
      schedule();
      return () => {
        subscribers.delete(listener);
        if (subscribers.size === 0) schedule();
      };
    },
  };
}
