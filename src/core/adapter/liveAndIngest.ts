/** Live updates (subscribe) and detections fed in by a detector (ingest). */
import type {
  Activity,
  Actor,
  AttemptOutcome,
  DetectionType,
  Endpoint,
  HttpRequest,
  HttpResponse,
  Severity,
} from '../model';
import type { ActivityQuery } from '../query';
import type { WriteOptions } from './callOptions';

/** Live updates: `retry:` from a server is clamped into this range (ms). */
export const LIVE_RETRY_MIN_MS = 1000;
export const LIVE_RETRY_MAX_MS = 60_000;

/** Live updates: activities created or changed since subscription. */
export type LiveEvent =
  | { type: 'activity'; activity: Activity; isNew: boolean }
  | { type: 'suppressed'; ruleId: string; count: number };

export interface SubscribeParams {
  query: ActivityQuery;
  onEvent: (event: LiveEvent) => void;
  onError?: (error: unknown) => void;
  signal: AbortSignal;
}

/**
 * One detection as a detector reports it (`POST /events`). Ingest is keyed on
 * `eventId`: a batch sent twice records each event once. The event creates or
 * updates the activity of its actor + endpoint + policy; a suppression rule
 * that matches it counts a hit and the event never shows as Active.
 */
export interface DetectionEvent {
  /** The detector's id for this event (1–128 visible ASCII characters). */
  eventId: string;
  timestamp: number;
  actor: Actor;
  endpoint: Endpoint;
  policy: { id: string; name: string };
  severity: Severity;
  type: DetectionType;
  category: string;
  subcategory: string;
  outcome: AttemptOutcome;
  request: HttpRequest;
  response: HttpResponse | null;
}

/** Most events accepted in one ingest batch (the server answers 413 above it). */
export const MAX_INGEST_BATCH = 1000;

export interface IngestParams extends WriteOptions {
  events: DetectionEvent[];
}

export interface IngestResult {
  /** Events recorded now (new event ids). */
  accepted: number;
  /** Events whose id was already recorded (nothing changed for them). */
  duplicates: number;
  /** Of `accepted`, events a suppression rule matched. */
  suppressed: number;
  /** Activities created or updated by this batch. */
  activityIds: string[];
}
