/**
 * Work items: the targets a backend offers (Jira project + issue type, Azure
 * Boards work-item type, …), the evidence draft for an activity, and the
 * single-flight create. The adapter saves the created item's link onto the
 * activity; the activity is refetched so the drilldown header shows it.
 */
import { queryReadState } from './queryReadState';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { toCurl } from '../core/export/toCurl';
import { AdapterError, toAdapterError } from '../core/errors';
import type { Activity, CreatedWorkItem, WorkItemTarget, WorkItemValues } from '../core/model';
import { DEFAULT_REDACTION } from '../core/redaction';
import { buildWorkItemDraft, type WorkItemDraft } from '../core/workItemDraft';
import { useAttempts, useRemediation } from './useActivityDetail';
import { checkWorkItemTargets } from './checkAdapterRecords';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities, threatDeckKeys } from './threatDeckKeys';
import { useGuardedMutation, type GuardedMutation, type WriteOutcome } from './useGuardedMutation';
import { supports } from '../core/capabilities';

/** Whether the adapter can list targets and create items. */
export function useWorkItemsSupported(): boolean {
  const { adapter } = useThreatDeck();
  return supports(adapter, 'workItems');
}

export function useWorkItemTargets(options: { enabled?: boolean } = {}) {
  const { adapter, queryClient } = useThreatDeck();
  const supported = useWorkItemsSupported();
  const result = useQuery(
    {
      queryKey: threatDeckKeys.workItemTargets(),
      queryFn: async ({ signal }): Promise<WorkItemTarget[]> => {
        if (!adapter.listWorkItemTargets) throw new AdapterError('unsupported', 'This backend cannot create work items.');
        return checkWorkItemTargets(await adapter.listWorkItemTargets({ signal }));
      },
      enabled: supported && (options.enabled ?? true),
      staleTime: 5 * 60_000,
    },
    queryClient,
  );
  const { data, ...read } = queryReadState(result);
  return { supported, targets: data ?? [], ...read };
}

/**
 * The prefilled title and description for an activity: its facts, the latest
 * attempt's request as a cURL command (redacted unless `redact` is false) and
 * the remediation steps. `evidence` is 'pending' until attempts and
 * remediation have answered (either way).
 */
export function useWorkItemDraft(activity: Activity, options: { enabled?: boolean; redact?: boolean } = {}) {
  const { t, format } = useThreatDeck();
  const enabled = options.enabled ?? true;
  const redact = options.redact ?? true;
  const id = enabled ? activity.id : null;
  const attempts = useAttempts(id, { pageSize: 1 });
  const remediation = useRemediation(id);
  const latest = attempts.attempts[0] ?? null;
  const draft = useMemo<WorkItemDraft>(() => {
    const latestRequest = latest
      ? { text: toCurl(latest.request, redact ? { redact: DEFAULT_REDACTION, lineContinuation: true } : { lineContinuation: true }).text, timestamp: latest.timestamp, redacted: redact }
      : null;
    return buildWorkItemDraft({ activity, latestRequest, remediation: remediation.data ?? null }, { t, dateTime: format.dateTime, number: format.number });
  }, [activity, latest, redact, remediation.data, t, format]);
  const evidence: 'pending' | 'ready' = enabled && (attempts.status === 'pending' || remediation.status === 'pending') ? 'pending' : 'ready';
  return { draft, evidence };
}

export interface CreateWorkItemVariables {
  targetId: string;
  activityId: string;
  values: WorkItemValues;
}

export interface UseCreateWorkItemOptions {
  onCreated?: (item: CreatedWorkItem, variables: CreateWorkItemVariables) => void;
  /** `outcome` is `unknown` when the item may have been created (a retry with the same key yields the same item). */
  onError?: (error: AdapterError, variables: CreateWorkItemVariables, outcome: WriteOutcome) => void;
}

export interface CreateWorkItemState extends GuardedMutation<CreatedWorkItem, CreateWorkItemVariables> {
  create: (variables: CreateWorkItemVariables) => Promise<CreatedWorkItem | undefined>;
  supported: boolean;
}

export function useCreateWorkItem(options: UseCreateWorkItemOptions = {}): CreateWorkItemState {
  const { adapter, queryClient } = useThreatDeck();
  const supported = useWorkItemsSupported();
  const mutation = useGuardedMutation<CreatedWorkItem, CreateWorkItemVariables>({
    mutationFn: ({ targetId, activityId, values }, { idempotencyKey, signal }) =>
      supported && adapter.createWorkItem
        ? adapter.createWorkItem({ targetId, activityId, values, signal, idempotencyKey })
        : Promise.reject(new AdapterError('unsupported', 'This backend cannot create work items.')),
    onSuccess: (item, variables) => {
      // Only a created item changes the activity (its link); a failure changes nothing.
      void invalidateActivities(queryClient, [variables.activityId]);
      options.onCreated?.(item, variables);
    },
    onError: (error, variables, _c, outcome) => {
      // The item may exist: its activity is read again so a created link shows up.
      if (outcome === 'unknown') void invalidateActivities(queryClient, [variables.activityId]);
      options.onError?.(toAdapterError(error), variables, outcome);
    },
  });
  return { ...mutation, create: mutation.run, supported };
}
