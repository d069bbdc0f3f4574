/**
 * Collects every activity matching a query for export: through the adapter's
 * `exportActivities` stream when it has one, otherwise by paging
 * `listActivities` to the end. Not only the loaded rows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ThreatDeckAdapter } from '../core/adapter';
import { toAdapterError, type AdapterError } from '../core/errors';
import type { Activity } from '../core/model';
import type { ActivityQuery } from '../core/query';
import { useThreatDeck } from './ThreatDeckProvider';
import { checkActivityBatch, checkActivityPage } from './checkAdapterRecords';
import { supports } from '../core/capabilities';

const EXPORT_PAGE_SIZE = 1000;

export async function collectActivities(adapter: ThreatDeckAdapter, query: ActivityQuery, signal: AbortSignal): Promise<Activity[]> {
  const rows: Activity[] = [];
  const seen = new Set<string>();
  const add = (items: Activity[]) => {
    for (const item of items) {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        rows.push(item);
      }
    }
  };
  if (supports(adapter, 'export') && adapter.exportActivities) {
    for await (const batch of adapter.exportActivities({ query, signal })) add(checkActivityBatch(batch));
    return rows;
  }
  let cursor: string | undefined;
  do {
    const page = checkActivityPage(
      await adapter.listActivities({ query, pageSize: EXPORT_PAGE_SIZE, signal, ...(cursor !== undefined ? { cursor } : {}) }),
    );
    add(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return rows;
}

export type ExportState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'success'; count: number }
  | { status: 'error'; error: AdapterError };

export function useActivityExport() {
  const { adapter } = useThreatDeck();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const controllerRef = useRef<AbortController | null>(null);
  useEffect(() => () => controllerRef.current?.abort(), []);

  /** Resolves with the rows, or `null` when it failed or was superseded. */
  const run = useCallback(
    async (query: ActivityQuery): Promise<Activity[] | null> => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setState({ status: 'pending' });
      try {
        const rows = await collectActivities(adapter, query, controller.signal);
        if (controller.signal.aborted) return null;
        setState({ status: 'success', count: rows.length });
        return rows;
      } catch (error) {
        if (!controller.signal.aborted) setState({ status: 'error', error: toAdapterError(error) });
        return null;
      }
    },
    [adapter],
  );
  return { state, run };
}
