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

describe('claim', () => {
  it('reserves a key while its request runs: the same request waits, another is refused, a failure releases it', async () => {
    const registry = createIdempotencyKeyRegistry();
    const first = await registry.claim('k', fp(1));
    await expect(registry.claim('k', fp(2))).rejects.toMatchObject({ code: 'conflict' });
    let waited = false;
    const second = registry.claim('k', fp(1)).then((claim) => ((waited = true), claim));
    await new Promise((r) => setTimeout(r, 10));
    expect(waited).toBe(false);
    first.settle(false); // released: the waiting request now runs as the first
    const claim = await second;
    await expect(registry.claim('k', fp(2))).rejects.toMatchObject({ code: 'conflict' });
    claim.settle(true);
    expect(() => registry.check('k', fp(2))).toThrow(expect.objectContaining({ code: 'conflict' }));
    (await registry.claim('k', fp(1))).settle(true);
  });
});
