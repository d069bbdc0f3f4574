// @vitest-environment jsdom
/** The write machinery: one key per intent, honest outcomes, provider-wide single flight, undo. */
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AdapterError } from '../../src/core/errors';
import { ThreatDeckProvider } from '../../src/hooks/ThreatDeckProvider';
import { useGuardedMutation, type WriteAttempt } from '../../src/hooks/useGuardedMutation';
import { createTestAdapter } from '../../src/testing/createTestAdapter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Most cases run on a backend that honours idempotency keys; the last block on one that does not.
const keyedAdapter = createTestAdapter({ capabilities: { idempotentWrites: true } });
const unkeyedAdapter = createTestAdapter();

function wrapperFor(adapter: ReturnType<typeof createTestAdapter>) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <ThreatDeckProvider adapter={adapter} writeRetry={{ retries: 2, delayMs: () => 5 }}>
        {children}
      </ThreatDeckProvider>
    );
  };
}
const wrapper = wrapperFor(keyedAdapter);

type Fn = (v: { n: number }, w: WriteAttempt) => Promise<string>;

function setup(fn: Fn, extra: { locks?: (v: { n: number }) => string[]; graceMs?: number; idempotent?: boolean } = {}, adapter = keyedAdapter) {
  const mutationFn = vi.fn(fn);
  const hook = renderHook(() => useGuardedMutation<string, { n: number }>({ mutationFn, ...extra }), { wrapper: wrapperFor(adapter) });
  return { mutationFn, hook };
}

const keys = (fn: ReturnType<typeof vi.fn>) => fn.mock.calls.map((c) => (c[1] as WriteAttempt).idempotencyKey);

describe('useGuardedMutation: idempotency key per intent', () => {
  it('reuses the key when the same input is retried after a failure, and makes a new one after success or new input', async () => {
    let fail = true;
    const { mutationFn, hook } = setup(async () => {
      if (fail) throw new AdapterError('server', 'boom');
      return 'ok';
    });
    await act(() => hook.result.current.run({ n: 1 }));
    expect(hook.result.current.status).toBe('error');
    fail = false;
    await act(() => hook.result.current.run({ n: 1 }));
    expect(hook.result.current.status).toBe('success');
    await act(() => hook.result.current.run({ n: 1 }));
    await act(() => hook.result.current.run({ n: 2 }));
    const [k1, k2, k3, k4] = keys(mutationFn);
    expect(k1).toMatch(UUID);
    expect(k2).toBe(k1); // the retry of a failed intent
    expect(k3).not.toBe(k2); // a new intent after success
    expect(k4).not.toBe(k3); // another input
  });

  it('keeps the intent start time on a retry, so a request derived from time is the same', async () => {
    let fail = true;
    const { mutationFn, hook } = setup(async () => {
      if (fail) throw new AdapterError('network', 'cut');
      return 'ok';
    });
    await act(() => hook.result.current.run({ n: 1 }));
    fail = false;
    await act(() => hook.result.current.run({ n: 1 }));
    const starts = new Set(mutationFn.mock.calls.map((c) => (c[1] as WriteAttempt).startedAt));
    expect(starts.size).toBe(1);
  });
});

describe('useGuardedMutation: outcome unknown', () => {
  it('retries with the same key while "checking", then reports the success', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { mutationFn, hook } = setup(async () => {
      calls++;
      if (calls === 1) throw new AdapterError('network', 'response lost');
      await gate;
      return 'ok';
    });
    let run!: Promise<string | undefined>;
    act(() => {
      run = hook.result.current.run({ n: 1 });
    });
    await waitFor(() => expect(hook.result.current.status).toBe('checking'));
    release();
    await act(async () => {
      expect(await run).toBe('ok');
    });
    expect(hook.result.current.status).toBe('success');
    expect(mutationFn).toHaveBeenCalledTimes(2);
    const [k1, k2] = keys(mutationFn);
    expect(k2).toBe(k1);
    expect(mutationFn.mock.calls.map((c) => (c[1] as WriteAttempt).attempt)).toEqual([0, 1]);
  });

  it('after the bounded retries says "unknown" (never a definitive failure); a manual retry keeps the key', async () => {
    const { mutationFn, hook } = setup(async () => {
      throw new AdapterError('timeout', 'no answer');
    });
    await act(() => hook.result.current.run({ n: 1 }));
    expect(mutationFn).toHaveBeenCalledTimes(3); // 1 + 2 retries
    expect(hook.result.current.status).toBe('unknown');
    expect(hook.result.current.error?.code).toBe('timeout');
    await act(() => hook.result.current.run({ n: 1 }));
    expect(new Set(keys(mutationFn)).size).toBe(1);
  });

  it('does not retry a definitive error', async () => {
    const { mutationFn, hook } = setup(async () => {
      throw new AdapterError('forbidden', 'no');
    });
    await act(() => hook.result.current.run({ n: 1 }));
    expect(mutationFn).toHaveBeenCalledTimes(1);
    expect(hook.result.current.status).toBe('error');
  });
});

describe('useGuardedMutation: single flight', () => {
  it('refuses a second run while one is in flight, and across hooks holding the same lock', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fn = vi.fn(async () => {
      await gate;
      return 'ok';
    });
    const locks = () => ['activity:a'];
    const { result } = renderHook(
      () => ({
        a: useGuardedMutation<string, { n: number }>({ mutationFn: fn, locks }),
        b: useGuardedMutation<string, { n: number }>({ mutationFn: fn, locks }),
      }),
      { wrapper },
    );
    let first: Promise<string | undefined>;
    let second: string | undefined = 'not run';
    let third: string | undefined = 'not run';
    await act(async () => {
      first = result.current.a.run({ n: 1 });
      second = await result.current.a.run({ n: 1 });
      third = await result.current.b.run({ n: 2 });
    });
    expect(second).toBeUndefined();
    expect(third).toBeUndefined();
    await act(async () => {
      release();
      await first;
    });
    expect(fn).toHaveBeenCalledTimes(1);
    // Released once settled.
    await act(() => result.current.b.run({ n: 2 }));
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('useGuardedMutation: undoable', () => {
  it('sends nothing when undone during the grace period', async () => {
    const onUndo = vi.fn();
    const mutationFn = vi.fn(async () => 'ok');
    const { result } = renderHook(() => useGuardedMutation<string, { n: number }>({ mutationFn, graceMs: 200, onUndo }), { wrapper });
    let run!: Promise<string | undefined>;
    act(() => {
      run = result.current.run({ n: 1 });
    });
    await waitFor(() => expect(result.current.canUndo).toBe(true));
    act(() => {
      expect(result.current.undo()).toBe(true);
    });
    await act(async () => {
      expect(await run).toBeUndefined();
    });
    expect(mutationFn).not.toHaveBeenCalled();
    expect(onUndo).toHaveBeenCalledTimes(1);
    expect(result.current.status).toBe('idle');
  });

  it('sends after the grace period when not undone', async () => {
    const mutationFn = vi.fn(async () => 'ok');
    const { result } = renderHook(() => useGuardedMutation<string, { n: number }>({ mutationFn, graceMs: 20 }), { wrapper });
    await act(() => result.current.run({ n: 1 }));
    expect(mutationFn).toHaveBeenCalledTimes(1);
    expect(result.current.status).toBe('success');
    expect(result.current.undo()).toBe(false);
  });
});

describe('useGuardedMutation: a failing onMutate', () => {
  it('sends nothing, reports a failure and releases its lock', async () => {
    const mutationFn = vi.fn(async () => 'ok');
    let fail = true;
    const onMutate = () => {
      if (fail) throw new AdapterError('invalid_request', 'bad input');
    };
    const { result } = renderHook(() => useGuardedMutation<string, { n: number }>({ mutationFn, onMutate, locks: () => ['activity:x'] }), { wrapper });
    await act(() => result.current.run({ n: 1 }));
    expect(result.current.status).toBe('error');
    expect(mutationFn).not.toHaveBeenCalled();
    fail = false;
    await act(() => result.current.run({ n: 1 }));
    expect(result.current.status).toBe('success');
  });
});

describe('useGuardedMutation: a backend that ignores idempotency keys', () => {
  it('does not repeat a create whose outcome is unknown, and says a repeat is not known to be safe', async () => {
    const { mutationFn, hook } = setup(async () => {
      throw new AdapterError('network', 'response lost');
    }, {}, unkeyedAdapter);
    await act(() => hook.result.current.run({ n: 1 }));
    expect(mutationFn).toHaveBeenCalledTimes(1);
    expect(hook.result.current.status).toBe('unknown');
    expect(hook.result.current.retrySafe).toBe(false);
  });

  it('still confirms a write that is idempotent by nature (a status change) by repeating it', async () => {
    let calls = 0;
    const { mutationFn, hook } = setup(async () => {
      if (++calls === 1) throw new AdapterError('timeout', 'no answer');
      return 'ok';
    }, { idempotent: true }, unkeyedAdapter);
    await act(() => hook.result.current.run({ n: 1 }));
    expect(mutationFn).toHaveBeenCalledTimes(2);
    expect(hook.result.current.status).toBe('success');
    expect(hook.result.current.retrySafe).toBe(true);
  });
});
