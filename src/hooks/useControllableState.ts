/**
 * One pattern for every stateful part: `value / defaultValue / onValueChange`
 * (docs/CONVENTIONS.md). Controlled when `value` is not undefined; the setter
 * calls `onValueChange` on every change and stores the value itself only when
 * uncontrolled. Warns once per flip
 * when a component flips between controlled and uncontrolled.
 */
import { useCallback, useRef, useState } from 'react';

export interface UseControllableStateParams<T> {
  value?: T | undefined;
  defaultValue: T | (() => T);
  /** Called on every change, controlled or not (never for a set to the current value). */
  onValueChange?: ((value: T) => void) | undefined;
  /** Used in the controlled/uncontrolled warning, e.g. "ThreatActivityList.query". */
  name?: string;
}

export type SetControllableState<T> = (next: T | ((prev: T) => T)) => void;

export function useControllableState<T>({
  value,
  defaultValue,
  onValueChange,
  name = 'value',
}: UseControllableStateParams<T>): [T, SetControllableState<T>] {
  const [own, setOwn] = useState<T>(defaultValue);
  const isControlled = value !== undefined;
  const wasControlled = useRef(isControlled);
  if (wasControlled.current !== isControlled) {
    console.warn(
      `threatdeck: ${name} changed from ${wasControlled.current ? 'controlled' : 'uncontrolled'} to ${
        isControlled ? 'controlled' : 'uncontrolled'
      }. Decide between \`value\` and \`defaultValue\` for the component's lifetime.`,
    );
    wasControlled.current = isControlled;
  }
  const current = isControlled ? (value as T) : own;
  // Refs keep the setter stable while reading the latest value and handler.
  const currentRef = useRef(current);
  currentRef.current = current;
  const onChangeRef = useRef(onValueChange);
  onChangeRef.current = onValueChange;
  const controlledRef = useRef(isControlled);
  controlledRef.current = isControlled;

  const set = useCallback<SetControllableState<T>>((next) => {
    const resolved = typeof next === 'function' ? (next as (prev: T) => T)(currentRef.current) : next;
    if (Object.is(resolved, currentRef.current)) return;
    currentRef.current = resolved;
    if (!controlledRef.current) setOwn(resolved);
    onChangeRef.current?.(resolved);
  }, []);
  return [current, set];
}
