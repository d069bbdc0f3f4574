/** The reference server's key registry: one request per key, for the key's lifetime, in bounded memory. */
import { createIdempotencyKeyRegistry, requestFingerprint } from '../../../server/idempotencyKeyRegistry';

const fp = (body: unknown) => requestFingerprint('POST', '/status-changes', {}, body);

describe('createIdempotencyKeyRegistry', () => {
  it('accepts the same request again and refuses another one under the same key', () => {
    const registry = createIdempotencyKeyRegistry();
    registry.remember('k', fp({ ids: ['a'], status: 'ignored' }));
    expect(() => registry.check('k', fp({ status: 'ignored', ids: ['a'] }))).not.toThrow(); // key order does not matter
    expect(() => registry.check('k', fp({ ids: ['b'], status: 'ignored' }))).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => registry.check('k', requestFingerprint('DELETE', '/blocks/:id', { id: 'a' }, null))).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => registry.check('other', fp({ ids: ['b'] }))).not.toThrow();
  });

  it('forgets keys after their lifetime and beyond its capacity, oldest first', () => {
    let now = 0;
    const registry = createIdempotencyKeyRegistry({ maxKeys: 2, ttlMs: 1000, now: () => now });
    registry.remember('a', fp(1));
    registry.remember('b', fp(1));
    registry.remember('c', fp(1));
    expect(() => registry.check('a', fp(2))).not.toThrow();
    expect(() => registry.check('b', fp(2))).toThrow();
    now = 1000;
    expect(() => registry.check('b', fp(2))).not.toThrow();
    expect(() => registry.check('c', fp(2))).not.toThrow();
  });
});
