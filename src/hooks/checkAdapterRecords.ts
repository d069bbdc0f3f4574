/**
 * The hooks' boundary check on what an adapter returns, whatever the adapter:
 * every read goes through the core's schemas (the same ones the HTTP adapter
 * parses responses with), and a malformed record becomes a typed
 * `invalid_response` error naming the bad field, instead of a crash deep
 * inside a component.
 */
import * as v from 'valibot';
import type { ActivityPage, AttemptPage, FacetResult, RulePreview } from '../core/adapter';
import type { Activity, ActivityDetail, Remediation, Timeline, WorkItemTarget } from '../core/model';
import { checkRecord } from '../core/parseRecord';
import {
  activityDetailSchema,
  activityPageSchema,
  activitySchema,
  attemptPageSchema,
  facetResultSchema,
  remediationSchema,
  rulePreviewSchema,
  timelineSchema,
  workItemTargetSchema,
} from '../core/schemas';

const activityBatchSchema = v.array(activitySchema);
const workItemTargetsSchema = v.array(workItemTargetSchema);

export const checkActivityPage = (page: unknown): ActivityPage => checkRecord(activityPageSchema, page, 'activity page');
export const checkActivityBatch = (batch: unknown): Activity[] => checkRecord(activityBatchSchema, batch, 'exported activities');
export const checkActivityDetail = (detail: unknown): ActivityDetail => checkRecord(activityDetailSchema, detail, 'activity detail');
export const checkAttemptPage = (page: unknown): AttemptPage => checkRecord(attemptPageSchema, page, 'attempt page');
export const checkRemediation = (remediation: unknown): Remediation => checkRecord(remediationSchema, remediation, 'remediation');
export const checkTimeline = (timeline: unknown): Timeline => checkRecord(timelineSchema, timeline, 'timeline');
export const checkFacet = (facet: unknown): FacetResult => checkRecord(facetResultSchema, facet, 'facet');
export const checkRulePreview = (preview: unknown): RulePreview => checkRecord(rulePreviewSchema, preview, 'rule preview');
export const checkWorkItemTargets = (targets: unknown): WorkItemTarget[] => checkRecord(workItemTargetsSchema, targets, 'work-item targets');
