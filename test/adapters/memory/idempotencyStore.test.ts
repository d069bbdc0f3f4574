import { canonicalJson, createIdempotencyStore } from '../../../src/adapters/memory/idempotencyStore';

describe('canonicalJson', () => {
  it('is independent of key order and undefined members, not of array order or values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson([undefined])).toBe('[null]');
  });
});

describe('createIdempotencyStore', () => {
  it('replays, conflicts, forgets after the TTL and drops expired entries as writes arrive', () => {
    const clock = { now: 0 };
    const store = createIdempotencyStore({ now: () => clock.now, ttlMs: 1000 });
    let runs = 0;
    const apply = () => ({ n: ++runs });
    expect(store.run('m', { idempotencyKey: 'a', x: 1 } as never, apply)).toEqual({ n: 1 });
    expect(store.run('m', { idempotencyKey: 'a', x: 1 } as never, apply)).toEqual({ n: 1 });
    expect(store.run('other', { idempotencyKey: 'a', x: 1 } as never, apply)).toEqual({ n: 2 });
    expect(() => store.run('m', { idempotencyKey: 'a', x: 2 } as never, apply)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(store.run('m', { x: 1 } as never, apply)).toEqual({ n: 3 }); // no key: always runs
    clock.now = 999;
    expect(store.run('m', { idempotencyKey: 'b' } as never, apply)).toEqual({ n: 4 });
    expect(store.size).toBe(3);
    clock.now = 1000;
    expect(store.run('m', { idempotencyKey: 'a', x: 2 } as never, apply)).toEqual({ n: 5 }); // expired: a new intent
    expect(store.size).toBe(2); // 'other'/a went; m/b and the new m/a stay
  });

  it('stores nothing when apply throws', () => {
    const store = createIdempotencyStore({ now: () => 0, ttlMs: 1000 });
    expect(() => store.run('m', { idempotencyKey: 'k' }, () => { throw new Error('no'); })).toThrow('no');
    expect(store.size).toBe(0);
    expect(store.run('m', { idempotencyKey: 'k' }, () => 'ok')).toBe('ok');
  });
});
