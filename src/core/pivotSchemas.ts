/**
 * Valibot schemas for the pivots of a query (the overview's series and top
 * lists, the actor summaries), re-exported by `./schemas`.
 */
import * as v from 'valibot';
import { MAX_ACTOR_SUBCATEGORIES } from './actors';
import { SEVERITIES } from './model';
import { MAX_OVERVIEW_BUCKETS, MAX_OVERVIEW_GROUPS, MAX_OVERVIEW_TOP, OVERVIEW_FIELDS, OVERVIEW_GROUPINGS } from './overview';
import { count, optionalString, pageOf, timestamp } from './schemaParts';

const facetOptionSchema = v.object({ value: v.string(), count, label: optionalString });
const overviewTopListSchema = v.pipe(v.array(facetOptionSchema), v.maxLength(MAX_OVERVIEW_TOP));

/** `GET /overview`: the series of a query (buckets per stack, in the order of `groups`) and its top lists. */
export const threatOverviewSchema = v.pipe(
  v.object({
    groupBy: v.picklist(OVERVIEW_GROUPINGS),
    groups: v.pipe(v.array(v.string()), v.maxLength(MAX_OVERVIEW_GROUPS)),
    from: timestamp,
    to: timestamp,
    bucketMs: count,
    buckets: v.pipe(v.array(v.object({ start: timestamp, activities: v.array(count), attempts: v.array(count) })), v.maxLength(MAX_OVERVIEW_BUCKETS + 1)),
    totals: v.object({ activities: count, attempts: count }),
    top: v.object({ subcategory: overviewTopListSchema, url: overviewTopListSchema, actor: overviewTopListSchema, severity: overviewTopListSchema }),
    estimatedTop: v.optional(v.array(v.picklist(OVERVIEW_FIELDS))),
    partial: v.null(),
  }),
  // Every bucket has one count per stack: a chart indexes them by the stack's position.
  v.check((o) => o.buckets.every((b) => b.activities.length === o.groups.length && b.attempts.length === o.groups.length), 'every bucket has one count per group'),
);

/** One actor of `GET /actors` (ActorSummary). */
export const actorSummarySchema = v.object({
  ip: v.string(),
  country: optionalString,
  label: optionalString,
  activities: count,
  endpoints: count,
  subcategories: v.pipe(v.array(v.string()), v.maxLength(MAX_ACTOR_SUBCATEGORIES)),
  subcategoryCount: count,
  attempts: count,
  firstSeen: timestamp,
  lastSeen: timestamp,
  severity: v.picklist(SEVERITIES),
  successfulExploit: v.boolean(),
  blocked: v.optional(v.object({ blockId: v.string(), target: v.string(), expiresAt: v.nullable(timestamp) })),
});
export const actorPageSchema = pageOf(actorSummarySchema);

