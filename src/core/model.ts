/**
 * The threatdeck domain model. Plain data, serialisable, no behaviour.
 *
 * Every string that originates from observed traffic (URLs, headers, bodies,
 * actor names, even policy names coming from a backend) is attacker-written:
 * the model stores it verbatim and the UI renders it as text only.
 */

export const ACTIVITY_STATUSES = ['active', 'under_review', 'ignored'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DETECTION_TYPES = ['rule-based', 'anomaly'] as const;
export type DetectionType = (typeof DETECTION_TYPES)[number];

/** Epoch milliseconds (UTC). Kept numeric so sorting and binning are cheap. */
export type Timestamp = number;

export interface Actor {
  /** Source IP as observed (IPv4 or IPv6 text form). */
  ip: string;
  /** ISO 3166-1 alpha-2 country code, when known. */
  country?: string;
  /** Optional label from the backend (user id, API key name, …). Attacker-influenced. */
  label?: string;
}

export interface Endpoint {
  method: string;
  /** Templated path, e.g. `/api/users/{id}/orders`. */
  path: string;
  host: string;
}

export interface WorkItemLink {
  targetId: string;
  key: string;
  url: string;
  title?: string;
  createdAt: Timestamp;
}

export interface BlockState {
  blockId: string;
  /** IP or CIDR that was blocked (may be wider than the actor's IP). */
  target: string;
  /** `null` when permanent. */
  expiresAt: Timestamp | null;
}

/** One row of the Threat Activity list. */
export interface Activity {
  id: string;
  status: ActivityStatus;
  severity: Severity;
  type: DetectionType;
  actor: Actor;
  endpoint: Endpoint;
  policy: { id: string; name: string };
  /** Attack family, e.g. "Injection". */
  category: string;
  /** The latest attack's subcategory, e.g. "SQL Injection". */
  subcategory: string;
  successfulExploit: boolean;
  attemptCount: number;
  firstSeen: Timestamp;
  lastSeen: Timestamp;
  /** The newest work items, at most `MAX_EMBEDDED_WORK_ITEMS`; `workItemTotal` counts them all. */
  workItems: WorkItemLink[];
  /** Work items linked in all (more than `workItems.length` when capped). Absent = `workItems.length`. */
  workItemTotal?: number;
  /** Present when the actor's IP is currently blocked (the longest-lived block covering it). */
  blocked?: BlockState;
  /** The suppression rule that ignored this activity, while it is ignored by one. */
  suppressedBy?: string;
  /** The user the case is assigned to (`User.id`); absent = unassigned. Backends with the `cases` capability. */
  assigneeId?: string;
  /** When the activity last became Active (first seen, or reactivated): the start of its age in triage. */
  activeSince?: Timestamp;
}

/** Work items embedded in an activity; older ones are counted in `workItemTotal`. */
export const MAX_EMBEDDED_WORK_ITEMS = 20;

export interface Reference {
  kind: 'owasp-api' | 'cwe' | 'other';
  /** e.g. "API1:2023" or "CWE-89". */
  id: string;
  title: string;
  /** Only http: and https: URLs are ever rendered as links. */
  url?: string;
}

export interface ActivityDetail extends Activity {
  description: string;
  details: string;
  impact: string;
  references: Reference[];
}

/** Ordered header pairs; duplicates are kept and order is significant. */
export type HeaderPairs = Array<[name: string, value: string]>;

/**
 * A message body. Text bodies are stored as strings; anything that is not valid
 * UTF-8 (or was captured as bytes) is stored as base64 so the model stays
 * JSON-serialisable.
 */
export type Body =
  | { kind: 'text'; text: string; size: number; truncated: boolean }
  | { kind: 'bytes'; base64: string; size: number; truncated: boolean };

export interface HttpRequest {
  method: string;
  /** Absolute URL (`https://host/path?query`) exactly as observed; not normalised. */
  url: string;
  /** e.g. "HTTP/1.1", "HTTP/2". */
  httpVersion: string;
  headers: HeaderPairs;
  body: Body | null;
}

export interface HttpResponse {
  status: number;
  statusText?: string;
  httpVersion: string;
  headers: HeaderPairs;
  body: Body | null;
}

export const ATTEMPT_OUTCOMES = ['blocked', 'allowed', 'exploited'] as const;
/** blocked: stopped by protection; allowed: reached the API; exploited: succeeded. */
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export interface Attempt {
  id: string;
  activityId: string;
  timestamp: Timestamp;
  sourceIp: string;
  outcome: AttemptOutcome;
  request: HttpRequest;
  response: HttpResponse | null;
}

export interface RemediationStep {
  title: string;
  explanation: string;
  /** Code or config shown as text, never interpreted. */
  example?: { language: string; code: string };
}

export interface Remediation {
  steps: RemediationStep[];
  references: Reference[];
}

export interface TimelineBucket {
  /** Inclusive start, epoch ms. */
  start: Timestamp;
  /** Exclusive end, epoch ms. */
  end: Timestamp;
  blocked: number;
  allowed: number;
  exploited: number;
}

export interface Timeline {
  from: Timestamp;
  to: Timestamp;
  bucketMs: number;
  buckets: TimelineBucket[];
  total: number;
}

/** Suppresses future detections keyed on actor + endpoint + policy. */
export interface SuppressionRule {
  id: string;
  actorIp: string;
  endpoint: Endpoint;
  policyId: string;
  reason?: string;
  createdAt: Timestamp;
  /** `null` = never expires. */
  expiresAt: Timestamp | null;
  /** How many live events this rule has dropped so far (its hit count). */
  suppressedCount: number;
  /** When the rule last dropped an event; `null` = never. */
  lastHitAt?: Timestamp | null;
}

export interface SuppressionRuleInput {
  actorIp: string;
  endpoint: Endpoint;
  policyId: string;
  reason?: string;
  expiresAt: Timestamp | null;
  /** Also move the existing matching activities to `ignored`. */
  applyToExisting?: boolean;
}

export interface IpBlock {
  blockId: string;
  /** IPv4, IPv6, or CIDR range. */
  target: string;
  reason?: string;
  /** The activity it was made from, when any. */
  activityId?: string;
  createdAt: Timestamp;
  expiresAt: Timestamp | null;
}

export type WorkItemFieldType = 'text' | 'longtext' | 'select' | 'labels' | 'assignee';

export interface WorkItemField {
  id: string;
  label: string;
  type: WorkItemFieldType;
  required: boolean;
  /** For `select` (and suggestions for `assignee` / `labels`). */
  options?: Array<{ value: string; label: string }>;
  /** Which prefill this field receives: the title or the evidence description. */
  role?: 'title' | 'description';
  maxLength?: number;
}

export interface WorkItemTarget {
  id: string;
  /** e.g. "jira", "azure-boards", "generic". */
  system: string;
  /** e.g. "SEC · Bug" */
  label: string;
  fields: WorkItemField[];
}

export type WorkItemValues = Record<string, string | string[]>;

export interface CreatedWorkItem {
  targetId: string;
  key: string;
  url: string;
  createdAt: Timestamp;
}
