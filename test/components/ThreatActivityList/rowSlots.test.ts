import { assignRowSlots } from '../../../src/components/ThreatActivityList/rowSlots';

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => `a${from + k}`);
const slotsOf = (m: Map<string, number>, list: string[]) => list.map((id) => m.get(id));

describe('assignRowSlots (the grid recycles row DOM by slot)', () => {
  test('a first window numbers its rows 0..n-1 in order', () => {
    expect(slotsOf(assignRowSlots(new Map(), ids(10, 14)), ids(10, 14))).toEqual([0, 1, 2, 3, 4]);
  });

  test('scrolling down by two: rows still in view keep their slot, the two entering take the two freed', () => {
    const before = assignRowSlots(new Map(), ids(10, 14));
    const after = assignRowSlots(before, ids(12, 16));
    expect(slotsOf(after, ids(12, 14))).toEqual([2, 3, 4]);
    expect(new Set(slotsOf(after, ['a15', 'a16']))).toEqual(new Set([0, 1]));
    // The set of keys is unchanged while the window keeps its size: no row element is created.
    expect(new Set(after.values())).toEqual(new Set(before.values()));
  });

  test('a jump to a far-away window reuses every slot', () => {
    const before = assignRowSlots(new Map(), ids(0, 31));
    const after = assignRowSlots(before, ids(5000, 5031));
    expect([...after.values()].sort((a, b) => a - b)).toEqual([...before.values()].sort((a, b) => a - b));
  });

  test('a window that grows gets new slots above the taken ones; one that shrinks keeps a subset', () => {
    const before = assignRowSlots(new Map(), ids(0, 3));
    const grown = assignRowSlots(before, ids(0, 5));
    expect(slotsOf(grown, ids(0, 5))).toEqual([0, 1, 2, 3, 4, 5]);
    const shrunk = assignRowSlots(grown, ids(2, 3));
    expect(slotsOf(shrunk, ids(2, 3))).toEqual([2, 3]);
  });

  test('slots are unique even when the previous assignment named an id twice (a row that moved between reads)', () => {
    const previous = new Map([['a1', 0], ['a2', 0]]);
    const next = assignRowSlots(previous, ['a1', 'a2', 'a3']);
    expect(new Set(next.values()).size).toBe(3);
    expect(next.get('a1')).toBe(0);
  });
});
