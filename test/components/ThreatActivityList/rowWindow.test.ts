import { rowRange } from '../../../src/components/shared/useRowWindow';

describe('rowRange (fixed-height windowing)', () => {
  const o = { count: 80_000, rowHeight: 40, overscan: 8, headerHeight: 40 };

  test('at the top: the rows under the header in a 400 px viewport, plus overscan below', () => {
    // 400 px viewport, 40 px header: rows 0..8 are (partly) visible.
    expect(rowRange(0, 400, o)).toEqual({ first: 0, last: 8 + 8 });
  });

  test('scrolled: the first visible row is the one the offset lands in, overscan on both sides', () => {
    expect(rowRange(40 * 1000, 400, o)).toEqual({ first: 999 - 8, last: 1008 + 8 });
  });

  test('at the end the range stops at the last row; an empty list has none; the cost does not depend on the count', () => {
    // Scrolled past the end (the browser clamps; a stale offset may not be): rows 79,992..79,999.
    expect(rowRange(40 * 80_001, 400, o)).toEqual({ first: 79_992, last: 79_999 });
    expect(rowRange(0, 400, { ...o, count: 0 })).toEqual({ first: 0, last: -1 });
    expect(rowRange(0, 400, { ...o, count: 3 })).toEqual({ first: 0, last: 2 });
  });
});
