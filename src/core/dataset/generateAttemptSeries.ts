/**
 * The generated attempts of one demo activity: bursty timing, outcomes with
 * rare exploits, all from the activity's own seed (so any activity's series
 * can be rebuilt on demand, in any order).
 */
import { ATTEMPT_OUTCOMES } from '../model';
import { createSeededRandom } from './seededRandom';

/** Attempts of one activity in chronological order; outcomes index `ATTEMPT_OUTCOMES`. */
export interface AttemptSeries {
  timestamps: Float64Array;
  outcomes: Uint8Array;
}

export interface GenerationSpec {
  seed: number;
  count: number;
  firstSeen: number;
  lastSeen: number;
  successfulExploit: boolean;
}

/** Bursty timing: most attempts cluster in a few dense bursts, the rest are spread out. */
export function generateSeries(spec: GenerationSpec): AttemptSeries {
  const n = Math.max(0, spec.count);
  const random = createSeededRandom(spec.seed ^ 0x9e3779b9);
  const timestamps = new Float64Array(n);
  const outcomes = new Uint8Array(n);
  const { firstSeen: first, lastSeen: last } = spec;
  const span = last - first;
  const bursts = Array.from({ length: 1 + Math.min(6, Math.floor(Math.log2(n + 1))) }, () => ({
    center: first + random.next() * span,
    width: span * (0.002 + random.next() * 0.05),
  }));
  for (let i = 0; i < n; i++) {
    let t: number;
    if (random.next() < 0.85) {
      const b = bursts[random.int(bursts.length)]!;
      t = b.center + (random.next() + random.next() - 1) * b.width;
    } else t = first + random.next() * span;
    timestamps[i] = Math.round(Math.min(last, Math.max(first, t)));
  }
  timestamps.sort();
  if (n > 0) {
    timestamps[0] = first;
    timestamps[n - 1] = last;
  }
  const blockedRate = 0.5 + random.next() * 0.4;
  const BLOCKED = ATTEMPT_OUTCOMES.indexOf('blocked');
  const ALLOWED = ATTEMPT_OUTCOMES.indexOf('allowed');
  const EXPLOITED = ATTEMPT_OUTCOMES.indexOf('exploited');
  for (let i = 0; i < n; i++) outcomes[i] = random.next() < blockedRate ? BLOCKED : ALLOWED;
  if (spec.successfulExploit && n > 0) {
    // Successful exploits are rare: one guaranteed, a few more at most.
    outcomes[random.int(n)] = EXPLOITED;
    for (let i = 0; i < n; i++) if (outcomes[i] === ALLOWED && random.next() < 0.01) outcomes[i] = EXPLOITED;
  }
  return { timestamps, outcomes };
}
