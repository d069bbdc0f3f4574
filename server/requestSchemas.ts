/**
 * What the reference server accepts: valibot schemas for request bodies,
 * strict readers for query strings and the `Idempotency-Key` header, and the
 * limits behind them. Anything malformed or too large is a 400
 * `invalid_request` naming the bad field, never a silent default; bodies are
 * strict objects, so an unknown field is refused too, never silently dropped.
 */
import type { IncomingHttpHeaders } from 'node:http';
import * as v from 'valibot';
import { IDEMPOTENCY_KEY_HEADER, isValidIdempotencyKey } from '../src/adapters/http/idempotencyKey';
import { describeIssue } from '../src/core/parseRecord';
import { MAX_IDEMPOTENCY_KEY_LENGTH, MAX_INGEST_BATCH, type CollectionState } from '../src/core/adapter';
import { MAX_BLOCK_DURATION_MS } from '../src/adapters/memory/createMemoryAdapter';
import { MAX_REASON_CHOICE_LENGTH, MAX_REASON_TEXT_LENGTH, MAX_USER_ID_LENGTH } from '../src/core/cases';
import { AdapterError } from '../src/core/errors';
import { ACTIVITY_STATUSES, DETECTION_TYPES, SEVERITIES } from '../src/core/model';
import {
  EXPLOIT_VALUES,
  QUERY_LIMITS,
  SORT_FIELDS,
  TIME_PRESETS,
  normalizeQuery,
  queryFromSearchParams,
  type ActivityQuery,
} from '../src/core/query';

/** Every bound the server enforces, whatever the UI already checked. */
export const REQUEST_LIMITS = {
  /** Largest page of any list (activities, attempts, rules, blocks). */
  pageSize: 1000,
  defaultPageSize: 50,
  /** Largest page of `GET /actors`: each actor is a summary over all its activities. */
  actorPageSize: 500,
  defaultActorPageSize: 100,
  /** Ids in one request (`ids`, `excludeIds`, `activityIds`). */
  ids: 10_000,
  reasonLength: 2000,
  searchLength: QUERY_LIMITS.searchLength,
  cursorLength: 4096,
  /** An opaque list bound is short; anything longer is not one of ours. */
  asOfLength: 256,
  /** Longest timed block (10 years); `durationMs: null` is permanent. */
  blockDurationMs: MAX_BLOCK_DURATION_MS,
  /** Request body, in bytes (the server's default; `maxBodyBytes` overrides). */
  bodyBytes: 1 << 20,
  /** Ingest body (`POST /events`): a full batch carries its requests and responses. `maxIngestBodyBytes` overrides. */
  ingestBodyBytes: 16 << 20,
  /** Events in one ingest batch (413 above). */
  ingestBatch: MAX_INGEST_BATCH,
} as const;

const MAX_IDS = REQUEST_LIMITS.ids;
const shortText = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const id = shortText(512);
const epoch = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const filterList = <S extends v.GenericSchema<string, string>>(item: S) =>
  v.optional(v.pipe(v.array(item), v.maxLength(QUERY_LIMITS.valuesPerFilter)));
const freeValue = shortText(QUERY_LIMITS.valueLength);

export const activityQuerySchema = v.strictObject({
  status: v.picklist(ACTIVITY_STATUSES),
  search: v.optional(v.pipe(v.string(), v.maxLength(QUERY_LIMITS.searchLength))),
  filters: v.optional(
    v.strictObject({
      actor: filterList(freeValue),
      url: filterList(freeValue),
      host: filterList(freeValue),
      type: filterList(v.picklist(DETECTION_TYPES)),
      subcategory: filterList(freeValue),
      successfulExploit: filterList(v.picklist(EXPLOIT_VALUES)),
      severity: filterList(v.picklist(SEVERITIES)),
    }),
  ),
  time: v.optional(
    v.nullable(
      v.union([
        v.strictObject({ preset: v.picklist(TIME_PRESETS) }),
        v.pipe(
          v.strictObject({ from: epoch, to: epoch }),
          v.check((t) => t.from <= t.to, 'from must not be after to'),
        ),
      ]),
    ),
  ),
  sort: v.optional(v.strictObject({ field: v.picklist(SORT_FIELDS), direction: v.picklist(['asc', 'desc']) })),
  assignee: v.optional(v.union([v.picklist(['me', 'unassigned']), v.strictObject({ userId: shortText(MAX_USER_ID_LENGTH) })])),
});

/** Why a status changed (Ignore, Mark for Review), capped as the core caps it. */
const statusReasonBody = v.optional(v.strictObject({ choice: v.optional(v.pipe(v.string(), v.maxLength(MAX_REASON_CHOICE_LENGTH))), text: v.optional(v.pipe(v.string(), v.maxLength(MAX_REASON_TEXT_LENGTH))) }));

export const idList = (min: number) => v.pipe(v.array(id), v.minLength(min), v.maxLength(MAX_IDS));
const reason = v.optional(v.pipe(v.string(), v.maxLength(REQUEST_LIMITS.reasonLength)));

/**
 * By `ids` (optionally lifting their rules) or by `query` (optionally bounded
 * by `asOf`, excluding ids, or dry-run): each field only where it means
 * something, so a client never believes a field it sent was honoured.
 */
export const statusChangeSchema = v.pipe(
  v.strictObject({
    status: v.picklist(ACTIVITY_STATUSES),
    ids: v.optional(idList(1)),
    liftRules: v.optional(v.boolean()),
    query: v.optional(activityQuerySchema),
    excludeIds: v.optional(idList(0)),
    asOf: v.optional(shortText(REQUEST_LIMITS.asOfLength)),
    dryRun: v.optional(v.boolean()),
    reason: statusReasonBody,
  }),
  v.check((body) => (body.ids === undefined) !== (body.query === undefined), 'exactly one of ids or query'),
  v.forward(v.partialCheck([['ids'], ['liftRules']], (b) => b.ids !== undefined || b.liftRules === undefined, 'liftRules only with ids'), ['liftRules']),
  v.forward(v.partialCheck([['query'], ['excludeIds']], (b) => b.query !== undefined || b.excludeIds === undefined, 'excludeIds only with a query'), ['excludeIds']),
  v.forward(v.partialCheck([['query'], ['asOf']], (b) => b.query !== undefined || b.asOf === undefined, 'asOf only with a query'), ['asOf']),
  v.forward(v.partialCheck([['query'], ['dryRun']], (b) => b.query !== undefined || b.dryRun === undefined, 'dryRun only with a query'), ['dryRun']),
);

export const suppressionRuleInputSchema = v.strictObject({
  actorIp: shortText(100),
  endpoint: v.strictObject({
    method: shortText(32),
    path: shortText(QUERY_LIMITS.valueLength),
    host: shortText(QUERY_LIMITS.valueLength),
  }),
  policyId: id,
  reason,
  expiresAt: v.nullable(epoch),
  applyToExisting: v.optional(v.boolean()),
});

/** Ignore: the rule and the activities it was made from, in one body (one operation). */
export const ignoreRequestSchema = v.strictObject({
  rule: suppressionRuleInputSchema,
  activityIds: v.optional(idList(0)),
  statusReason: statusReasonBody,
});

export const rulePreviewRequestSchema = v.strictObject({ rule: suppressionRuleInputSchema });

export const blockRequestSchema = v.strictObject({
  target: shortText(100),
  durationMs: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_BLOCK_DURATION_MS))),
  reason,
  activityId: v.optional(id),
  acknowledgeRisk: v.optional(v.boolean()),
});

export const workItemRequestSchema = v.strictObject({
  targetId: id,
  activityId: id,
  values: v.record(
    v.pipe(v.string(), v.maxLength(256)),
    v.union([v.pipe(v.string(), v.maxLength(100_000)), v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(200))]),
  ),
});

export function invalidRequest(message: string, path?: string): AdapterError {
  return new AdapterError('invalid_request', message, path !== undefined ? { path } : {});
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** Parses a JSON body with a schema or throws `invalid_request` with the path (`body.endpoint.host`). */
export function parseBody<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const { path, expected } = describeIssue(result.issues);
  const where = path === '' ? 'body' : `body.${path}`.replace('.[', '[');
  // Bodies are strict objects: an unknown key (a misspelt `dry_run`) is refused, never stripped and ignored.
  if (expected === 'never') throw invalidRequest(`Invalid request: unknown field ${clip(where)}.`, where);
  throw invalidRequest(`Invalid request: expected ${expected} at ${clip(where)}.`, where);
}

/** The bulk query in a body, with its defaults filled in. */
export function toActivityQuery(input: v.InferOutput<typeof activityQuerySchema>): ActivityQuery {
  return normalizeQuery(input);
}

// ---------------------------------------------------------------------------
// Query strings (the list, facets, live events).

const oneOf = (values: readonly string[]) => (s: string) => values.includes(s);
const isFree = (s: string) => s.length > 0 && s.length <= QUERY_LIMITS.valueLength;
const isEpoch = (s: string) => /^\d{1,16}$/.test(s) && Number.isSafeInteger(Number(s));

/** Repeatable filter parameters (names as written by `queryToSearchParams`). */
const FILTER_PARAMS: Record<string, (s: string) => boolean> = {
  actor: isFree,
  url: isFree,
  host: isFree,
  type: oneOf(DETECTION_TYPES),
  sub: isFree,
  exploit: oneOf(EXPLOIT_VALUES),
  sev: oneOf(SEVERITIES),
};

const SINGLE_PARAMS: Record<string, (s: string) => boolean> = {
  status: oneOf(ACTIVITY_STATUSES),
  q: (s) => s.length <= QUERY_LIMITS.searchLength,
  time: oneOf(TIME_PRESETS),
  from: isEpoch,
  to: isEpoch,
  assignee: (s) => s === 'me' || s === 'unassigned' || (s.startsWith('user:') && s.length > 5 && s.length <= 5 + MAX_USER_ID_LENGTH),
  sort: (s) => {
    const [field = '', direction = '', ...rest] = s.split(':');
    return rest.length === 0 && SORT_FIELDS.includes(field as never) && (direction === 'asc' || direction === 'desc');
  },
};

/** Reads the activity query from a query string, strictly. */
export function readActivityQuery(params: URLSearchParams): ActivityQuery {
  for (const [name, accept] of Object.entries(FILTER_PARAMS)) {
    const values = params.getAll(name);
    if (values.length > QUERY_LIMITS.valuesPerFilter) throw invalidRequest(`Too many ${name} values.`, `query.${name}`);
    values.forEach((value, i) => {
      if (!accept(value)) throw invalidRequest(`query.${name}[${i}] is not a valid value.`, `query.${name}[${i}]`);
    });
  }
  for (const [name, accept] of Object.entries(SINGLE_PARAMS)) {
    const values = params.getAll(name);
    if (values.length > 1) throw invalidRequest(`query.${name} is given more than once.`, `query.${name}`);
    if (values.length === 1 && !accept(values[0]!)) throw invalidRequest(`query.${name} is not a valid value.`, `query.${name}`);
  }
  const from = params.get('from');
  const to = params.get('to');
  if ((from === null) !== (to === null)) throw invalidRequest('query.from and query.to go together.', from === null ? 'query.from' : 'query.to');
  if (from !== null && to !== null && Number(from) > Number(to)) throw invalidRequest('query.from is after query.to.', 'query.from');
  if (from !== null && params.has('time')) throw invalidRequest('Give either query.time or query.from/to.', 'query.time');
  return queryFromSearchParams(params);
}

/** An optional integer parameter within bounds, or `fallback` when absent. */
export function readInteger(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number;
export function readInteger(params: URLSearchParams, name: string, min: number, max: number): number | undefined;
export function readInteger(params: URLSearchParams, name: string, min: number, max: number, fallback?: number): number | undefined {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw invalidRequest(`query.${name} must be an integer from ${min} to ${max}.`, `query.${name}`);
  return value;
}

/** An optional string parameter with a length bound. */
export function readText(params: URLSearchParams, name: string, max: number): string | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (raw.length > max) throw invalidRequest(`query.${name} is longer than ${max} characters.`, `query.${name}`);
  return raw;
}

export const readPageSize = (params: URLSearchParams) =>
  readInteger(params, 'pageSize', 1, REQUEST_LIMITS.pageSize, REQUEST_LIMITS.defaultPageSize);
export const readCursor = (params: URLSearchParams) => readText(params, 'cursor', REQUEST_LIMITS.cursorLength);

const COLLECTION_STATES: readonly CollectionState[] = ['active', 'expired'];

/** `state`, `search`, `cursor`, `pageSize` of a paged collection (suppression rules, blocks). */
export function readCollectionQuery(params: URLSearchParams): {
  state?: CollectionState;
  search?: string;
  cursor?: string;
  pageSize: number;
} {
  for (const name of ['state', 'search', 'cursor', 'pageSize']) {
    if (params.getAll(name).length > 1) throw invalidRequest(`query.${name} is given more than once.`, `query.${name}`);
  }
  const state = params.get('state');
  if (state !== null && !COLLECTION_STATES.includes(state as CollectionState)) {
    throw invalidRequest('query.state must be active or expired.', 'query.state');
  }
  const search = readText(params, 'search', REQUEST_LIMITS.searchLength);
  const cursor = readCursor(params);
  return {
    ...(state !== null ? { state: state as CollectionState } : {}),
    ...(search !== undefined && search !== '' ? { search } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
    pageSize: readPageSize(params),
  };
}

/**
 * The `Idempotency-Key` header of a write, or `undefined` when absent. A bad
 * one is refused by name and never echoed (it is attacker text).
 */
export function readIdempotencyKey(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  // A repeated header arrives joined with ", " and so fails the check: one key per request.
  if (!isValidIdempotencyKey(raw)) {
    throw invalidRequest(
      `The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters.`,
      `header.${IDEMPOTENCY_KEY_HEADER}`,
    );
  }
  return raw;
}
