/**
 * How the view moves between the list and the drilldown: opening (focus into
 * the panel), stepping to the next / previous activity, moving on after a
 * triage took the open activity out of the list, and closing (focus back to
 * the list, on the row that was open — the grid's focus follows the open
 * activity, see useRowFocus).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ActivityStatus } from '../../core/model';
import type { ActivityListState } from '../../hooks/useActivityList';
import type { StatusChange } from '../EventActions';

export interface DrilldownFlowOptions {
  list: Pick<ActivityListState, 'rows' | 'indexOf' | 'hasNextPage' | 'fetchNextPage'>;
  openId: string | null;
  setOpenId: (id: string | null) => void;
  /** The status the list shows: a triage to another status takes the activity out of it. */
  listStatus: ActivityStatus;
  advanceAfterTriage: boolean;
  listRef: RefObject<HTMLElement | null>;
  drilldownRef: RefObject<HTMLElement | null>;
}

export type FlowNotice = { kind: 'advanced' | 'advancedLast'; status: ActivityStatus } | { kind: 'unavailable'; action: string } | null;

export function useDrilldownFlow({ list, openId, setOpenId, listStatus, advanceAfterTriage, listRef, drilldownRef }: DrilldownFlowOptions) {
  const focusTarget = useRef<'drilldown' | 'list' | null>(null);
  const [notice, setNotice] = useState<FlowNotice>(null);
  const openIndex = openId ? list.indexOf(openId) : -1;
  // Where the open activity was, so "next" still works after it left the list (e.g. ignored).
  const lastIndex = useRef(-1);
  if (openIndex >= 0) lastIndex.current = openIndex;

  const focusList = useCallback(() => {
    const container = listRef.current;
    if (!container) return;
    // The grid (one tab stop) when the list is ours; a host's list gets its first focusable element.
    const target =
      container.querySelector<HTMLElement>('[role="grid"]') ??
      container.querySelector<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])');
    target?.focus();
  }, [listRef]);

  const open = useCallback(
    (id: string | null, { focus = false }: { focus?: boolean } = {}) => {
      focusTarget.current = focus && id !== null ? 'drilldown' : null;
      setNotice(null);
      setOpenId(id);
    },
    [setOpenId],
  );

  const close = useCallback(() => {
    focusTarget.current = 'list';
    setNotice(null);
    setOpenId(null);
  }, [setOpenId]);

  useEffect(() => {
    const target = focusTarget.current;
    if (target === 'drilldown' && openId && drilldownRef.current) {
      focusTarget.current = null;
      drilldownRef.current.focus();
    } else if (target === 'list' && openId === null) {
      focusTarget.current = null;
      focusList();
    }
  }, [openId, drilldownRef, focusList]);

  const step = (delta: 1 | -1) => {
    const from = openIndex >= 0 ? openIndex : lastIndex.current - (delta === 1 ? 1 : 0);
    const next = list.rows[from + delta];
    if (next) open(next.id);
    else if (delta === 1 && list.hasNextPage) list.fetchNextPage();
  };
  const hasPrev = (openIndex >= 0 ? openIndex : lastIndex.current) > 0;
  const hasNext = openIndex >= 0 ? openIndex + 1 < list.rows.length || list.hasNextPage : lastIndex.current < list.rows.length;

  /** EventActions' success callback: the open activity left the list, so show its neighbour. */
  const onStatusChanged = (change: StatusChange) => {
    if (!advanceAfterTriage || !openId || change.status === listStatus) return;
    if (!('ids' in change.target) || !change.target.ids.includes(openId)) return;
    const i = list.indexOf(openId);
    // Still listed (no optimistic removal): its neighbours are around it; removed: the next one took its place.
    const after = i >= 0 ? list.rows[i + 1] : list.rows[lastIndex.current];
    const before = i >= 0 ? list.rows[i - 1] : list.rows[lastIndex.current - 1];
    const next = after ?? before;
    if (!next || next.id === openId) return;
    open(next.id, { focus: true });
    setNotice({ kind: after ? 'advanced' : 'advancedLast', status: change.status });
  };

  return { open, close, step, hasPrev, hasNext, onStatusChanged, focusList, notice, setNotice };
}
