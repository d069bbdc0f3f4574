/**
 * Where each navigation key takes the grid's focus, as a keyboard delegate
 * (the shape React Aria's grid uses: "the row below this one", "the first
 * row", …), kept apart from the hook that applies it so the rules read in one
 * place and are tested without a DOM. Rows are addressed by position; the
 * hook turns positions into activity ids.
 */
export interface RowKeyboardDelegate {
  getFirstKey(): number | null;
  getLastKey(): number | null;
  getKeyBelow(index: number): number | null;
  getKeyAbove(index: number): number | null;
  getKeyPageBelow(index: number): number | null;
  getKeyPageAbove(index: number): number | null;
}

export function createRowKeyboardDelegate(rowCount: number, rowsPerPage: number): RowKeyboardDelegate {
  const clamp = (i: number) => (rowCount === 0 ? null : Math.max(0, Math.min(rowCount - 1, i)));
  const page = Math.max(1, rowsPerPage);
  return {
    getFirstKey: () => clamp(0),
    getLastKey: () => clamp(rowCount - 1),
    // From no focused row (-1) the first step down lands on the first row.
    getKeyBelow: (index) => clamp(index + 1),
    getKeyAbove: (index) => clamp(index < 0 ? 0 : index - 1),
    getKeyPageBelow: (index) => clamp(Math.max(0, index) + page),
    getKeyPageAbove: (index) => clamp(Math.max(0, index) - page),
  };
}

/** The grid's navigation keys (vim-style j / k too); anything else is not navigation. */
export function targetForKey(delegate: RowKeyboardDelegate, key: string, focused: number): number | null | undefined {
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return delegate.getKeyBelow(focused);
    case 'ArrowUp':
    case 'k':
      return delegate.getKeyAbove(focused);
    case 'Home':
      return delegate.getFirstKey();
    case 'End':
      return delegate.getLastKey();
    case 'PageDown':
      return delegate.getKeyPageBelow(focused);
    case 'PageUp':
      return delegate.getKeyPageAbove(focused);
    default:
      return undefined;
  }
}
