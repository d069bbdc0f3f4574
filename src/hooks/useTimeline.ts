/**
 * An activity's timeline for a range, binned into buckets sized for the chart.
 * Uses the adapter's server timeline when it offers one; otherwise loads the
 * attempts' times and outcomes once (paged, capped) and bins them in the core,
 * so zooming re-bins locally without another request.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ThreatDeckAdapter } from '../core/adapter';
import { toAdapterError, type AdapterError } from '../core/errors';
import { ATTEMPT_OUTCOMES, type Timeline } from '../core/model';
import { binAttempts, chooseBucketMs, timelineDisplayRange } from '../core/timeline';
import { summarizeTimeline, type TimelineSummary } from '../core/timelineSummary';
import { useActivityDetail } from './useActivityDetail';
import { useThreatDeck } from './ThreatDeckProvider';
import { checkAttemptPage, checkTimeline } from './checkAdapterRecords';
import { threatDeckKeys } from './threatDeckKeys';
import { supports } from '../core/capabilities';

export interface TimelineRange {
  from: number;
  to: number;
}

export interface UseTimelineOptions {
  /** The zoomed range; the activity's first..last seen when absent. */
  range?: TimelineRange | null;
  /** About how many buckets to show (the chart derives it from its width). Default 60. */
  targetBuckets?: number;
  /** Most attempts loaded for client-side binning. Default 100,000. */
  maxAttempts?: number;
}

export interface TimelineState {
  timeline: Timeline | undefined;
  summary: TimelineSummary | undefined;
  /** The whole activity's range (for "reset zoom"). */
  fullRange: TimelineRange | undefined;
  range: TimelineRange | undefined;
  bucketMs: number | undefined;
  source: 'server' | 'client';
  status: 'pending' | 'error' | 'success';
  error: AdapterError | null;
  /** Client binning only: more attempts exist than were loaded. */
  partial: { loaded: number; total: number } | null;
  refetch: () => void;
}

export interface AttemptPoints {
  timestamps: Float64Array;
  /** Index into ATTEMPT_OUTCOMES. */
  outcomes: Uint8Array;
  total: number;
}

const POINTS_PAGE = 1000;

/** Loads every attempt's time and outcome, page by page, up to `max`. */
export async function loadAttemptPoints(adapter: ThreatDeckAdapter, id: string, max: number, signal: AbortSignal): Promise<AttemptPoints> {
  const times: number[] = [];
  const outcomes: number[] = [];
  let cursor: string | undefined;
  let total = 0;
  do {
    const page = checkAttemptPage(
      await adapter.listAttempts({ id, pageSize: Math.min(POINTS_PAGE, max - times.length), signal, ...(cursor !== undefined ? { cursor } : {}) }),
    );
    total = page.total;
    for (const a of page.items) {
      times.push(a.timestamp);
      outcomes.push(ATTEMPT_OUTCOMES.indexOf(a.outcome));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && times.length < max);
  return { timestamps: Float64Array.from(times), outcomes: Uint8Array.from(outcomes), total: Math.max(total, times.length) };
}

export function useTimeline(activityId: string | null | undefined, options: UseTimelineOptions = {}): TimelineState {
  const { adapter, queryClient } = useThreatDeck();
  const detail = useActivityDetail(activityId);
  const maxAttempts = options.maxAttempts ?? 100_000;
  const serverSide = supports(adapter, 'serverTimeline');

  const fullRange = useMemo<TimelineRange | undefined>(() => {
    if (!detail.data) return undefined;
    // A single attempt (or a few within seconds) still needs a readable span around it.
    return timelineDisplayRange(detail.data.firstSeen, detail.data.lastSeen);
  }, [detail.data]);
  const range = options.range ?? fullRange;
  const bucketMs = range ? chooseBucketMs(range.to - range.from, options.targetBuckets ?? 60) : undefined;

  const server = useQuery(
    {
      queryKey: threatDeckKeys.timeline(activityId ?? '', range?.from, range?.to, bucketMs ?? 0),
      queryFn: async ({ signal }) =>
        checkTimeline(await adapter.getTimeline!({ id: activityId as string, from: range!.from, to: range!.to, bucketMs: bucketMs!, signal })),
      enabled: !!activityId && serverSide && !!range && !!bucketMs,
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
  const points = useQuery(
    {
      queryKey: [...threatDeckKeys.activity(activityId ?? ''), 'attempt-points', maxAttempts] as const,
      queryFn: ({ signal }) => loadAttemptPoints(adapter, activityId as string, maxAttempts, signal),
      enabled: !!activityId && !serverSide,
    },
    queryClient,
  );

  const clientTimeline = useMemo(() => {
    if (serverSide || !points.data || !range || !bucketMs) return undefined;
    return binAttempts({ timestamps: points.data.timestamps, outcomes: points.data.outcomes }, { from: range.from, to: range.to, bucketMs });
  }, [serverSide, points.data, range, bucketMs]);

  const timeline = serverSide ? server.data : clientTimeline;
  const firstSeen = detail.data?.firstSeen;
  const lastSeen = detail.data?.lastSeen;
  // The summary's range ends at the last attempt, not at the end of its bucket.
  const summary = useMemo(
    () => (timeline ? summarizeTimeline(timeline, firstSeen !== undefined && lastSeen !== undefined ? { seen: { first: firstSeen, last: lastSeen } } : {}) : undefined),
    [timeline, firstSeen, lastSeen],
  );
  const active = serverSide ? server : points;
  const rawError = detail.error ?? (active.error ? toAdapterError(active.error) : null);
  const status = timeline ? 'success' : rawError ? 'error' : 'pending';
  const loaded = points.data?.timestamps.length ?? 0;
  return {
    timeline,
    summary,
    fullRange,
    range,
    bucketMs,
    source: serverSide ? 'server' : 'client',
    status,
    error: timeline ? null : rawError,
    partial: !serverSide && points.data && points.data.total > loaded ? { loaded, total: points.data.total } : null,
    refetch: () => {
      if (detail.error) detail.refetch();
      else void active.refetch();
    },
  };
}
