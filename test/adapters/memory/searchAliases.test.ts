import { createMemoryAdapter } from '../../../src/adapters/memory';
import { expandSearchAliases } from '../../../src/core/searchAliases';
import { createQuery } from '../../../src/core/query';
import { detectionEvent } from '../http/securedServerKit';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const adapter = createMemoryAdapter({ seed: 4, activities: 1500, hugeActivityAttempts: 0, now: () => NOW, live: false });
const signal = new AbortController().signal;

/** Subcategories of every activity (any status) a search finds. */
async function subcategoriesFor(search: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const status of ['active', 'under_review', 'ignored'] as const) {
    const page = await adapter.listActivities({ query: createQuery({ search, status }), pageSize: 1000, signal });
    for (const a of page.items) found.add(a.subcategory);
  }
  return found;
}

describe('search aliases (memory adapter)', () => {
  test.each([
    ['sqli', 'SQL Injection'],
    ['SQLi', 'SQL Injection'],
    [' xss ', 'XSS'],
    ['cross-site scripting', 'XSS'],
    ['ssrf', 'SSRF'],
    ['bola', 'BOLA'],
    ['idor', 'BOLA'],
    ['rce', 'Command Injection'],
    ['lfi', 'Path Traversal'],
    ['jwt', 'JWT Tampering'],
    ['nosqli', 'NoSQL Injection'],
  ])('"%s" finds %s', async (search, subcategory) => {
    const found = await subcategoriesFor(search);
    expect(found).toContain(subcategory);
  });

  test('an alias adds matches but does not turn into a match-all: "idor" finds only BOLA', async () => {
    expect([...(await subcategoriesFor('idor'))]).toEqual(['BOLA']);
  });

  test('a policy is found by the common name in its own name, whatever its subcategory says', async () => {
    const own = createMemoryAdapter({ seed: 4, activities: 50, hugeActivityAttempts: 0, now: () => NOW, live: false });
    const policy = { id: 'pol-custom-1', name: 'Guard: OS command injection in export jobs' };
    await own.ingestEvents({ events: [detectionEvent(1, { policy, category: 'Custom', subcategory: 'Export guard', timestamp: NOW - 1000 })], signal });
    for (const search of ['rce', 'cmdi', 'remote code execution']) {
      const page = await own.listActivities({ query: createQuery({ search }), pageSize: 100, signal });
      expect(page.items.map((a) => a.policy.id), search).toContain(policy.id);
    }
    const unrelated = await own.listActivities({ query: createQuery({ search: 'xss' }), pageSize: 100, signal });
    expect(unrelated.items.map((a) => a.policy.id)).not.toContain(policy.id);
  });

  test('a plain search is unchanged and counts follow the aliases', async () => {
    const plain = await adapter.listActivities({ query: createQuery({ search: 'sql injection' }), pageSize: 1, signal });
    const alias = await adapter.listActivities({ query: createQuery({ search: 'sqli' }), pageSize: 1, signal });
    expect(alias.total).toBeGreaterThan(0);
    expect(alias.counts).toEqual(plain.counts);
  });
});

describe('expandSearchAliases', () => {
  test('the typed term comes first, then the group; unknown terms and empty searches stay as they are', () => {
    expect(expandSearchAliases('  XXE ')).toEqual(['xxe', 'xml external entity', 'xml external entities']);
    expect(expandSearchAliases('csrf')).toContain('cross-site request forgery');
    expect(expandSearchAliases('/api/orders')).toEqual(['/api/orders']);
    expect(expandSearchAliases('   ')).toEqual([]);
  });
});
