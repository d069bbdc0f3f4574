import { describe, expect, it } from 'vitest';
import { isPlaceholderActivity, isPlaceholderId, withPlaceholders } from '../../src/hooks/useOffsetRows';
import type { Activity } from '../../src/core/model';

const loadedAt = (length: number, at: Record<number, string>) => {
  const loaded = new Array<Activity>(length);
  for (const [i, id] of Object.entries(at)) loaded[Number(i)] = { id } as Activity;
  return loaded;
};

describe('offset rows: the sparse loaded rows read as a dense list', () => {
  it('answers a placeholder at every position with no row, and the row where there is one', () => {
    const rows = withPlaceholders(loadedAt(100_000, { 0: 'a', 99_999: 'z' }), []);
    expect(rows.length).toBe(100_000);
    expect(rows[0]!.id).toBe('a');
    expect(rows[99_999]!.id).toBe('z');
    expect(isPlaceholderActivity(rows[50_000])).toBe(true);
    expect(isPlaceholderId(rows[50_000]!.id)).toBe(true);
    expect(rows[100_000]).toBeUndefined();
    expect(rows[-1]).toBeUndefined();
  });

  it('slices and maps without holes (both skip positions that are not there)', () => {
    const rows = withPlaceholders(loadedAt(10, { 3: 'd' }), []);
    const slice = rows.slice(2, 5);
    expect(slice).toHaveLength(3);
    expect(slice.every((r) => r !== undefined)).toBe(true);
    expect(slice[1]!.id).toBe('d');
    expect(rows.map((r) => r.id).filter((id) => !isPlaceholderId(id))).toEqual(['d']);
    expect(2 in rows).toBe(true);
    expect(10 in rows).toBe(false);
    expect([...rows]).toHaveLength(10);
  });

  it('keeps a placeholder\u2019s identity across reads and across rebuilt views (row memos rely on it)', () => {
    const cache: Activity[] = [];
    const first = withPlaceholders(loadedAt(10, {}), cache);
    const again = withPlaceholders(loadedAt(10, { 1: 'b' }), cache);
    expect(first[7]).toBe(first[7]);
    expect(again[7]).toBe(first[7]);
    expect(again[1]!.id).toBe('b');
  });

  it('makes placeholders only for the positions read', () => {
    const cache: Activity[] = [];
    const rows = withPlaceholders(loadedAt(100_000, {}), cache);
    rows.slice(40, 60);
    expect(Object.keys(cache)).toHaveLength(20);
  });
});
