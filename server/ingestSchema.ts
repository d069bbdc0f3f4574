/**
 * What `POST /events` accepts: `{ events: DetectionEvent[] }`, strict at
 * every level (an unknown field is refused by name, never dropped), with
 * bounds on every string and list. The batch bound is checked before the
 * schema so an oversized batch is a 413, not a 400.
 */
import * as v from 'valibot';
import type { DetectionEvent } from '../src/core/adapter';
import { AdapterError } from '../src/core/errors';
import { ATTEMPT_OUTCOMES, DETECTION_TYPES, SEVERITIES } from '../src/core/model';
import { QUERY_LIMITS } from '../src/core/query';
import { parseBody, REQUEST_LIMITS } from './requestSchemas';

const text = (min: number, max: number) => v.pipe(v.string(), v.minLength(min), v.maxLength(max));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** A captured body: at most 1 MiB of text or base64 per message (the whole batch is bounded by the body limit too). */
const MAX_CAPTURED = 1 << 20;
const bodySchema = v.nullable(
  v.variant('kind', [
    v.strictObject({ kind: v.literal('text'), text: v.pipe(v.string(), v.maxLength(MAX_CAPTURED)), size: count, truncated: v.boolean() }),
    v.strictObject({ kind: v.literal('bytes'), base64: v.pipe(v.string(), v.maxLength(MAX_CAPTURED), v.base64()), size: count, truncated: v.boolean() }),
  ]),
);
const headersSchema = v.pipe(v.array(v.tuple([text(1, 256), v.pipe(v.string(), v.maxLength(8192))])), v.maxLength(200));
const httpVersion = text(1, 16);

export const detectionEventSchema = v.strictObject({
  eventId: v.pipe(v.string(), v.regex(/^[!-~]{1,128}$/, '1–128 visible ASCII characters')),
  timestamp: count,
  actor: v.strictObject({
    ip: text(1, 100),
    country: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'))),
    label: v.optional(text(1, 256)),
  }),
  endpoint: v.strictObject({ method: text(1, 32), path: text(1, QUERY_LIMITS.valueLength), host: text(1, QUERY_LIMITS.valueLength) }),
  policy: v.strictObject({ id: text(1, 512), name: text(1, 256) }),
  severity: v.picklist(SEVERITIES),
  type: v.picklist(DETECTION_TYPES),
  category: text(1, 256),
  subcategory: text(1, 256),
  outcome: v.picklist(ATTEMPT_OUTCOMES),
  request: v.strictObject({ method: text(1, 32), url: text(1, 8192), httpVersion, headers: headersSchema, body: bodySchema }),
  response: v.nullable(
    v.strictObject({
      status: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599)),
      statusText: v.optional(v.pipe(v.string(), v.maxLength(256))),
      httpVersion,
      headers: headersSchema,
      body: bodySchema,
    }),
  ),
});

export const ingestRequestSchema = v.strictObject({ events: v.pipe(v.array(detectionEventSchema), v.minLength(1), v.maxLength(REQUEST_LIMITS.ingestBatch)) });

/** The batch, or 413 when it has more than `MAX_INGEST_BATCH` events, or 400 naming the bad field. */
export function parseIngestRequest(body: unknown): { events: DetectionEvent[] } {
  const events = body && typeof body === 'object' ? (body as { events?: unknown }).events : undefined;
  if (Array.isArray(events) && events.length > REQUEST_LIMITS.ingestBatch) {
    throw new AdapterError('invalid_request', `At most ${REQUEST_LIMITS.ingestBatch} events per batch.`, { status: 413, path: 'body.events' });
  }
  return parseBody(ingestRequestSchema, body);
}

// Compile-time proof that the schema yields the contract's type.
type Expect<T extends true> = T;
export type IngestSchemaYieldsDetectionEvent = Expect<[v.InferOutput<typeof detectionEventSchema>] extends [DetectionEvent] ? true : false>;
