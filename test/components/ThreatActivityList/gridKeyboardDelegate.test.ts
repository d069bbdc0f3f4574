import { createRowKeyboardDelegate, targetForKey } from '../../../src/components/shared/gridKeyboardDelegate';

describe('the grid keyboard delegate', () => {
  const d = createRowKeyboardDelegate(100, 10);

  test('arrows and j / k move one row, clamped at both ends; from no focused row the first step lands on the first row', () => {
    expect(targetForKey(d, 'ArrowDown', 5)).toBe(6);
    expect(targetForKey(d, 'j', 5)).toBe(6);
    expect(targetForKey(d, 'ArrowUp', 5)).toBe(4);
    expect(targetForKey(d, 'k', 0)).toBe(0);
    expect(targetForKey(d, 'ArrowDown', 99)).toBe(99);
    expect(targetForKey(d, 'ArrowDown', -1)).toBe(0);
    expect(targetForKey(d, 'ArrowUp', -1)).toBe(0);
  });

  test('Home / End go to the first and last row; PageDown / PageUp move by a page, clamped', () => {
    expect(targetForKey(d, 'Home', 50)).toBe(0);
    expect(targetForKey(d, 'End', 50)).toBe(99);
    expect(targetForKey(d, 'PageDown', 50)).toBe(60);
    expect(targetForKey(d, 'PageDown', 95)).toBe(99);
    expect(targetForKey(d, 'PageUp', 5)).toBe(0);
    expect(targetForKey(d, 'PageDown', -1)).toBe(10);
  });

  test('a page is at least one row; an empty grid has nowhere to go; other keys are not navigation', () => {
    expect(targetForKey(createRowKeyboardDelegate(100, -2), 'PageDown', 3)).toBe(4);
    expect(targetForKey(createRowKeyboardDelegate(0, 10), 'ArrowDown', -1)).toBeNull();
    expect(targetForKey(createRowKeyboardDelegate(0, 10), 'End', -1)).toBeNull();
    expect(targetForKey(d, 'Enter', 5)).toBeUndefined();
    expect(targetForKey(d, 'a', 5)).toBeUndefined();
  });
});
