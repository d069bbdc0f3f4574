import { useCallback, useEffect, useState } from 'react';

/**
 * The content width of an element, followed with a ResizeObserver (`fallback`
 * until measured, and in jsdom). A callback ref, so an element that mounts
 * later (after data arrives) is measured too.
 */
export function useElementWidth<T extends HTMLElement = HTMLDivElement>(fallback: number) {
  const [element, setElement] = useState<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  const ref = useCallback((el: T | null) => setElement(el), []);
  return [ref, width] as const;
}
