/**
 * The `Idempotency-Key` header: one rule for the client that sends it and the
 * reference server that reads it, so a key the client accepts is never a 400.
 */
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../core/adapter';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** 1 … MAX_IDEMPOTENCY_KEY_LENGTH visible ASCII characters (no spaces, no controls: a header value that cannot split or fold). */
export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key);
}
