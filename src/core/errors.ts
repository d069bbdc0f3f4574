/**
 * Typed adapter errors. Components switch on `code` to say something useful;
 * `detail` names what was wrong (e.g. the path of an invalid field).
 */
export const ADAPTER_ERROR_CODES = [
  'not_found',
  'forbidden',
  'unauthorized',
  'conflict',
  'rate_limited',
  'network',
  'timeout',
  'invalid_request',
  'invalid_response',
  'unsupported',
  'server',
  'aborted',
  'unknown',
] as const;
export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

export interface AdapterErrorOptions {
  /** Extra context for developers (never request or response bodies). */
  detail?: string;
  /** For `invalid_response`: where in the payload the problem is, e.g. `items[3].status`. */
  path?: string;
  /** For `rate_limited`: when to retry, in ms. */
  retryAfterMs?: number;
  /** HTTP status, when the error came from HTTP. */
  status?: number;
  cause?: unknown;
}

export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly code: AdapterErrorCode;
  readonly detail?: string;
  readonly path?: string;
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(code: AdapterErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    if (options.detail !== undefined) this.detail = options.detail;
    if (options.path !== undefined) this.path = options.path;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
  }
}

export function isAdapterError(error: unknown): error is AdapterError {
  return error instanceof AdapterError || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AdapterError' && typeof (error as { code?: unknown }).code === 'string');
}

/** True for a cancellation, whether a DOMException AbortError or our `aborted` code. */
export function isAbortError(error: unknown): boolean {
  if (isAdapterError(error)) return error.code === 'aborted';
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Throws the signal's abort reason as a DOMException named AbortError. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

export function abortError(signal?: AbortSignal): DOMException {
  const reason = signal?.reason;
  if (reason instanceof DOMException && reason.name === 'AbortError') return reason;
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Normalises anything thrown into an AdapterError (aborts stay aborts). */
export function toAdapterError(error: unknown): AdapterError {
  if (isAdapterError(error)) return error as AdapterError;
  if (isAbortError(error)) return new AdapterError('aborted', 'The request was cancelled.', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new AdapterError('unknown', message, { cause: error });
}

/**
 * Codes after which a write may or may not have been applied: the request was
 * sent and no definitive answer came back (cut connection, timeout, an
 * unreadable response, a gateway's 502). Such a write is retried with its
 * idempotency key or read back, and never reported as "nothing was saved".
 * A backend's own error (4xx, or a 500 from the server that rolled back) is
 * definitive.
 */
const OUTCOME_UNKNOWN_CODES: ReadonlySet<AdapterErrorCode> = new Set(['network', 'timeout', 'invalid_response', 'unknown']);

export function isWriteOutcomeUnknown(error: unknown): boolean {
  const e = toAdapterError(error);
  return OUTCOME_UNKNOWN_CODES.has(e.code) || e.status === 502;
}
