/**
 * Valibot schemas for every record that crosses from a backend: the one
 * definition of a well-formed Activity, page, detail, attempt, rule, block,
 * work-item target… The HTTP adapter parses every response through one of
 * these, and the hooks check every adapter read with the same ones (backend
 * data is untrusted, whatever the adapter). Optional fields are absent, never
 * `null` (as in the OpenAPI document).
 */
import * as v from 'valibot';
import type {
  ActivityPage,
  AdapterCapabilities,
  AffectedResult,
  AttemptPage,
  FacetResult,
  IgnoreResult,
  LiveEvent,
  Page,
  RulePreview,
} from './adapter';
import { ADAPTER_ERROR_CODES } from './errors';
import {
  ACTIVITY_STATUSES,
  ATTEMPT_OUTCOMES,
  DETECTION_TYPES,
  MAX_EMBEDDED_WORK_ITEMS,
  SEVERITIES,
  type Activity,
  type ActivityDetail,
  type CreatedWorkItem,
  type IpBlock,
  type Remediation,
  type SuppressionRule,
  type Timeline,
  type WorkItemTarget,
} from './model';
import { FILTER_FIELDS } from './query';
import { count, optionalString, pageOf, timestamp } from './schemaParts';


export const endpointSchema = v.object({ method: v.string(), path: v.string(), host: v.string() });

const activityEntries = {
  id: v.string(),
  status: v.picklist(ACTIVITY_STATUSES),
  severity: v.picklist(SEVERITIES),
  type: v.picklist(DETECTION_TYPES),
  actor: v.object({ ip: v.string(), country: optionalString, label: optionalString }),
  endpoint: endpointSchema,
  policy: v.object({ id: v.string(), name: v.string() }),
  category: v.string(),
  subcategory: v.string(),
  successfulExploit: v.boolean(),
  attemptCount: count,
  firstSeen: timestamp,
  lastSeen: timestamp,
  // Capped so that one activity with thousands of tickets cannot blow up every list page.
  workItems: v.pipe(
    v.array(v.object({ targetId: v.string(), key: v.string(), url: v.string(), title: optionalString, createdAt: timestamp })),
    v.maxLength(MAX_EMBEDDED_WORK_ITEMS),
  ),
  workItemTotal: v.optional(count),
  blocked: v.optional(v.object({ blockId: v.string(), target: v.string(), expiresAt: v.nullable(timestamp) })),
  suppressedBy: optionalString,
  assigneeId: optionalString,
  activeSince: v.optional(timestamp),
};

/** `workItemTotal` counts every link, so it is never below the embedded ones. */
const workItemsConsistent = (a: { workItems: unknown[]; workItemTotal?: number | undefined }) =>
  a.workItemTotal === undefined || a.workItemTotal >= a.workItems.length;
const WORK_ITEMS_INCONSISTENT = 'workItemTotal at least the number of embedded work items';

export const activitySchema = v.pipe(
  v.object(activityEntries),
  v.forward(v.partialCheck([['workItems'], ['workItemTotal']], workItemsConsistent, WORK_ITEMS_INCONSISTENT), ['workItemTotal']),
);

const referenceSchema = v.object({
  kind: v.picklist(['owasp-api', 'cwe', 'other']),
  id: v.string(),
  title: v.string(),
  url: optionalString,
});

export const activityDetailSchema = v.pipe(
  v.object({
    ...activityEntries,
    description: v.string(),
    details: v.string(),
    impact: v.string(),
    references: v.array(referenceSchema),
  }),
  v.forward(v.partialCheck([['workItems'], ['workItemTotal']], workItemsConsistent, WORK_ITEMS_INCONSISTENT), ['workItemTotal']),
);

export const activityPageSchema = v.object({
  items: v.array(activitySchema),
  total: count,
  totalIsEstimate: v.boolean(),
  nextCursor: v.nullable(v.string()),
  counts: v.object({ active: count, under_review: count, ignored: count }),
  asOf: optionalString,
});

/** A page of a bounded collection (`Page<T>`). */

export const facetResultSchema = v.object({
  field: v.picklist(FILTER_FIELDS),
  options: v.array(v.object({ value: v.string(), count, label: optionalString })),
  totalOptions: count,
  countsAreEstimates: v.optional(v.boolean()),
});

const bodySchema = v.nullable(
  v.variant('kind', [
    v.object({ kind: v.literal('text'), text: v.string(), size: count, truncated: v.boolean() }),
    v.object({ kind: v.literal('bytes'), base64: v.pipe(v.string(), v.base64()), size: count, truncated: v.boolean() }),
  ]),
);
const headersSchema = v.array(v.tuple([v.string(), v.string()]));

export const attemptPageSchema = v.object({
  items: v.array(
    v.object({
      id: v.string(),
      activityId: v.string(),
      timestamp,
      sourceIp: v.string(),
      outcome: v.picklist(ATTEMPT_OUTCOMES),
      request: v.object({
        method: v.string(),
        url: v.string(),
        httpVersion: v.string(),
        headers: headersSchema,
        body: bodySchema,
      }),
      response: v.nullable(
        v.object({
          status: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
          statusText: optionalString,
          httpVersion: v.string(),
          headers: headersSchema,
          body: bodySchema,
        }),
      ),
    }),
  ),
  total: count,
  nextCursor: v.nullable(v.string()),
});

export const timelineSchema = v.object({
  from: timestamp,
  to: timestamp,
  bucketMs: v.pipe(v.number(), v.minValue(1)),
  buckets: v.array(v.object({ start: timestamp, end: timestamp, blocked: count, allowed: count, exploited: count })),
  total: count,
});

export const remediationSchema = v.object({
  steps: v.array(
    v.object({
      title: v.string(),
      explanation: v.string(),
      example: v.optional(v.object({ language: v.string(), code: v.string() })),
    }),
  ),
  references: v.array(referenceSchema),
});

export const affectedResultSchema = v.object({ affected: count, liftedRuleIds: v.optional(v.array(v.string())) });

export const suppressionRuleSchema = v.object({
  id: v.string(),
  actorIp: v.string(),
  endpoint: endpointSchema,
  policyId: v.string(),
  reason: optionalString,
  createdAt: timestamp,
  expiresAt: v.nullable(timestamp),
  suppressedCount: count,
  lastHitAt: v.optional(v.nullable(timestamp)),
});

export const ignoreResultSchema = v.object({ rule: suppressionRuleSchema, affected: count });
export const suppressionRulePageSchema = pageOf(suppressionRuleSchema);

export const rulePreviewSchema = v.object({
  activities: count,
  events: count,
  windowMs: v.pipe(count, v.minValue(1)),
});

export const ipBlockSchema = v.object({
  blockId: v.string(),
  target: v.string(),
  reason: optionalString,
  activityId: optionalString,
  createdAt: timestamp,
  expiresAt: v.nullable(timestamp),
});
export const ipBlockPageSchema = pageOf(ipBlockSchema);

export const workItemTargetSchema = v.object({
  id: v.string(),
  system: v.string(),
  label: v.string(),
  fields: v.array(
    v.object({
      id: v.string(),
      label: v.string(),
      type: v.picklist(['text', 'longtext', 'select', 'labels', 'assignee']),
      required: v.boolean(),
      options: v.optional(v.array(v.object({ value: v.string(), label: v.string() }))),
      role: v.optional(v.picklist(['title', 'description'])),
      maxLength: v.optional(count),
    }),
  ),
});
export const workItemTargetListSchema = v.object({ items: v.array(workItemTargetSchema) });

export const createdWorkItemSchema = v.object({
  targetId: v.string(),
  key: v.string(),
  url: v.string(),
  createdAt: timestamp,
});

export const capabilitiesSchema = v.object({
  sortableFields: v.optional(v.array(v.string())),
  live: v.boolean(),
  block: v.boolean(),
  unblock: v.boolean(),
  workItems: v.boolean(),
  bulkByQuery: v.boolean(),
  export: v.boolean(),
  suppressionRules: v.boolean(),
  serverTimeline: v.boolean(),
  idempotentWrites: v.optional(v.boolean()),
  rulePreview: v.optional(v.boolean()),
  blockList: v.optional(v.boolean()),
  offsetPaging: v.optional(v.boolean()),
  overview: v.optional(v.boolean()),
  actors: v.optional(v.boolean()),
  cases: v.optional(v.boolean()),
});

/** The `data` of a live event: the LiveEvent itself, tagged by `type`. */
export const liveEventSchema = v.variant('type', [
  v.object({ type: v.literal('activity'), activity: activitySchema, isNew: v.boolean() }),
  v.object({ type: v.literal('suppressed'), ruleId: v.string(), count }),
]);

/** Every non-2xx response carries this envelope (extra context is optional). */
export const errorBodySchema = v.object({
  error: v.object({
    code: v.picklist(ADAPTER_ERROR_CODES),
    message: v.string(),
    detail: optionalString,
    path: optionalString,
  }),
});

export * from './caseSchemas';
export * from './pivotSchemas';

// Compile-time proof (types only, nothing at runtime) that each schema yields its model type.
type Expect<T extends true> = T;
type Yields<S extends v.GenericSchema, T> = [v.InferOutput<S>] extends [T] ? true : false;
export type RecordSchemaChecks = [
  Expect<Yields<typeof activitySchema, Activity>>,
  Expect<Yields<typeof activityDetailSchema, ActivityDetail>>,
  Expect<Yields<typeof activityPageSchema, ActivityPage>>,
  Expect<Yields<typeof facetResultSchema, FacetResult>>,
  Expect<Yields<typeof attemptPageSchema, AttemptPage>>,
  Expect<Yields<typeof timelineSchema, Timeline>>,
  Expect<Yields<typeof remediationSchema, Remediation>>,
  Expect<Yields<typeof affectedResultSchema, AffectedResult>>,
  Expect<Yields<typeof ignoreResultSchema, IgnoreResult>>,
  Expect<Yields<typeof suppressionRulePageSchema, Page<SuppressionRule>>>,
  Expect<Yields<typeof rulePreviewSchema, RulePreview>>,
  Expect<Yields<typeof ipBlockSchema, IpBlock>>,
  Expect<Yields<typeof ipBlockPageSchema, Page<IpBlock>>>,
  Expect<Yields<typeof workItemTargetSchema, WorkItemTarget>>,
  Expect<Yields<typeof workItemTargetListSchema, { items: WorkItemTarget[] }>>,
  Expect<Yields<typeof createdWorkItemSchema, CreatedWorkItem>>,
  Expect<Yields<typeof capabilitiesSchema, AdapterCapabilities>>,
  Expect<Yields<typeof liveEventSchema, LiveEvent>>,
];
