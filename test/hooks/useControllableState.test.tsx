// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { useControllableState } from '../../src/hooks/useControllableState';

describe('useControllableState', () => {
  test('uncontrolled: stores the value and reports each real change once', () => {
    const onValueChange = vi.fn();
    const { result } = renderHook(() => useControllableState({ defaultValue: 'a', onValueChange }));
    act(() => result.current[1]('b'));
    expect(result.current[0]).toBe('b');
    // Radix-style double reports (pointer-down, then focus) of the same value call nothing.
    act(() => result.current[1]('b'));
    act(() => result.current[1]((prev) => `${prev}c`));
    expect(result.current[0]).toBe('bc');
    expect(onValueChange.mock.calls).toEqual([['b'], ['bc']]);
  });

  test('controlled: shows the prop, reports changes, stores nothing of its own', () => {
    const onValueChange = vi.fn();
    const { result, rerender } = renderHook(({ value }) => useControllableState({ value, defaultValue: 'x', onValueChange }), { initialProps: { value: 'a' } });
    act(() => result.current[1]('b'));
    expect(onValueChange).toHaveBeenCalledWith('b');
    expect(result.current[0]).toBe('a');
    rerender({ value: 'b' });
    expect(result.current[0]).toBe('b');
  });

  test('warns when a prop flips between controlled and uncontrolled', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = renderHook(({ value }: { value: string | undefined }) => useControllableState({ value, defaultValue: 'x', name: 'Thing.value' }), {
      initialProps: { value: undefined as string | undefined },
    });
    rerender({ value: 'a' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Thing.value changed from uncontrolled to controlled'));
    warn.mockRestore();
  });
});
