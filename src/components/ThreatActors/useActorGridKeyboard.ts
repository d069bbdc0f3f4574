/**
 * The actor grid's keyboard (WAI-ARIA grid, row focus), on the list's keyboard
 * delegate: one tab stop, the focused row kept by actor IP (so it survives new
 * pages and a new sort), arrows / j k, Home / End, PageUp / PageDown move,
 * Enter opens. A click focuses and opens the row.
 */
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ActorSummary } from '../../core/actors';
import { createRowKeyboardDelegate, targetForKey } from '../shared/gridKeyboardDelegate';

export interface ActorGridKeyboardOptions {
  actors: readonly ActorSummary[];
  openIp: string | null;
  rowsPerPage: () => number;
  firstRowInView: () => number;
  isRendered: (index: number) => boolean;
  scrollToIndex: (index: number) => void;
  focusGrid: () => void;
  onOpen: (ip: string) => void;
}

export function useActorGridKeyboard(o: ActorGridKeyboardOptions) {
  const { actors, openIp } = o;
  const [focusedIp, setFocusedIp] = useState<string | null>(null);
  // Position by IP, rebuilt only when the rows change (the grid renders on every range move).
  const positions = useRef<{ actors: readonly ActorSummary[]; byIp: Map<string, number> } | null>(null);
  if (positions.current?.actors !== actors) positions.current = { actors, byIp: new Map(actors.map((a, i) => [a.ip, i])) };
  const byIp = positions.current.byIp;
  const focusedIndex = focusedIp !== null ? (byIp.get(focusedIp) ?? -1) : -1;

  // Returning from the drilldown lands on the actor that was open.
  useLayoutEffect(() => {
    if (openIp) setFocusedIp(openIp);
  }, [openIp]);

  const moveTo = (index: number | null) => {
    if (index === null) return;
    setFocusedIp(actors[index]?.ip ?? null);
    o.scrollToIndex(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys typed on a sort button keep their meaning.
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = targetForKey(createRowKeyboardDelegate(actors.length, o.rowsPerPage()), event.key, focusedIndex);
    if (target !== undefined) moveTo(target);
    else if (event.key === 'Enter') {
      const ip = focusedIndex >= 0 ? actors[focusedIndex]?.ip : undefined;
      if (!ip) return;
      o.onOpen(ip);
    } else return;
    event.preventDefault();
  };

  const onFocus = () => {
    if (actors.length === 0) return;
    if (focusedIndex >= 0) {
      if (!o.isRendered(focusedIndex)) o.scrollToIndex(focusedIndex);
      return;
    }
    const open = openIp ? (byIp.get(openIp) ?? -1) : -1;
    setFocusedIp(actors[open >= 0 ? open : o.firstRowInView()]?.ip ?? null);
  };

  // Stable, so memoised rows re-render only when their own state changes.
  const clickRef = useRef<(ip: string) => void>(() => {});
  clickRef.current = (ip) => {
    setFocusedIp(ip);
    o.focusGrid();
    o.onOpen(ip);
  };
  const onRowClick = useCallback((ip: string) => clickRef.current(ip), []);

  return { focusedIndex, onKeyDown, onFocus, onRowClick };
}
