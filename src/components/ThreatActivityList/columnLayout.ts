/**
 * Fits the list's columns into the width there is (pure; no DOM).
 *
 * Each column has a minimum, a preferred size and a priority. When even the
 * minimums do not fit, the lowest-priority columns hide first (the endpoint,
 * actor and severity never do), so the columns that stay keep a readable
 * width instead of all shrinking into horizontal scroll. Space left over
 * grows the columns towards their preferred size, then beyond it in
 * proportion. A column the analyst resized keeps exactly that width.
 */

export interface ColumnLayoutInput {
  id: string;
  minSize: number;
  /** Preferred width. */
  size: number;
  maxSize: number;
  /** 1 = always shown; higher numbers hide first. */
  priority: number;
  /** A width the analyst set (column sizing state); kept as is. */
  userSize?: number | undefined;
}

export interface ColumnLayout {
  /** Column ids hidden for lack of space. */
  hidden: string[];
  /** Rendered width of every shown column, in px. */
  widths: Record<string, number>;
  totalWidth: number;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** `available` ≤ 0 means "not measured yet": nothing hides and columns take their preferred size. */
export function layoutColumns(columns: readonly ColumnLayoutInput[], available: number): ColumnLayout {
  const base = (c: ColumnLayoutInput) => (c.userSize !== undefined ? clamp(c.userSize, c.minSize, c.maxSize) : c.minSize);
  let shown = [...columns];
  const hidden: string[] = [];
  if (available > 0) {
    let needed = shown.reduce((sum, c) => sum + base(c), 0);
    while (needed > available) {
      // The lowest priority goes first; among equals, the rightmost.
      let drop = -1;
      for (let i = 0; i < shown.length; i++) {
        const c = shown[i]!;
        if (c.priority > 1 && (drop < 0 || c.priority >= shown[drop]!.priority)) drop = i;
      }
      if (drop < 0) break;
      needed -= base(shown[drop]!);
      hidden.push(shown[drop]!.id);
      shown = shown.filter((_, i) => i !== drop);
    }
  }
  const widths: Record<string, number> = {};
  const flexible = shown.filter((c) => c.userSize === undefined);
  if (available <= 0) {
    for (const c of shown) widths[c.id] = Math.round(c.userSize !== undefined ? base(c) : c.size);
  } else {
    let extra = available - shown.reduce((sum, c) => sum + base(c), 0);
    for (const c of shown) widths[c.id] = base(c);
    const toPreferred = flexible.reduce((sum, c) => sum + (c.size - c.minSize), 0);
    if (extra > 0 && toPreferred > 0) {
      const share = Math.min(1, extra / toPreferred);
      for (const c of flexible) widths[c.id]! += (c.size - c.minSize) * share;
      extra -= Math.min(extra, toPreferred);
    }
    const weight = flexible.reduce((sum, c) => sum + c.size, 0);
    if (extra > 0 && weight > 0) for (const c of flexible) widths[c.id] = Math.min(c.maxSize, widths[c.id]! + (extra * c.size) / weight);
    // Whole pixels, rounded down so the row never overflows by a rounding error.
    for (const c of shown) widths[c.id] = Math.floor(widths[c.id]!);
  }
  const totalWidth = shown.reduce((sum, c) => sum + widths[c.id]!, 0);
  return { hidden, widths, totalWidth };
}
