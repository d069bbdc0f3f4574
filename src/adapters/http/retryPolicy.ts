/**
 * When and how long to wait before retrying a read (or a write that carries
 * an idempotency key and whose outcome is unknown): bounded attempts,
 * exponential backoff with full jitter, and the server's `Retry-After` when it
 * sends one (429/503).
 */
export interface RetryOptions {
  /** Retries after the first attempt (reads, and keyed writes). Default 2. */
  retries?: number;
  /** First backoff ceiling in ms; doubles per retry. Default 300. */
  baseDelayMs?: number;
  /** Largest backoff in ms. Default 5000. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is returned instead. Default 30000. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 2,
  baseDelayMs: 300,
  maxDelayMs: 5000,
  maxRetryAfterMs: 30_000,
};

/** HTTP statuses worth another try for an idempotent read. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Statuses after which a keyed write is retried with the same key: a gateway
 * that lost the backend's answer (502, 504) or an overloaded one (503). The
 * key makes the retry replay whatever the backend did the first time.
 */
export const OUTCOME_UNKNOWN_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Full jitter: uniform in [0, min(max, base * 2^retry)]. */
export function backoffDelay(retry: number, options: Required<RetryOptions>, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/** `Retry-After` as ms from `now`: delta-seconds or an HTTP date; `undefined` when absent or junk. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d{1,10}$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names its day and month; bare numbers like "-5" are junk, not years.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
