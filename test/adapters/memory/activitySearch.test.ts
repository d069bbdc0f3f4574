/**
 * The memory adapter's free-text search at 100k is built per distinct actor,
 * endpoint and policy (issue 15, "Speed at 100k"); what it finds must stay
 * exactly what a substring search in each activity's joined text finds:
 * id, actor IP, country, label, method, path, host, policy, category,
 * subcategory, case-insensitive — including host-made activities that share
 * nothing, and live rows added after the first search.
 */
import { expandSearchAliases } from '../../../src/core/searchAliases';
import fc from 'fast-check';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { generateDemoDataset } from '../../../src/core/dataset';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;
const joined = (a: Activity) =>
  [a.id, a.actor.ip, a.actor.country ?? '', a.actor.label ?? '', a.endpoint.method, a.endpoint.path, a.endpoint.host, a.policy.name, a.category, a.subcategory]
    .join('\n')
    .toLowerCase();

function setup() {
  const dataset = generateDemoDataset({ seed: 3, activities: 600, hugeActivityAttempts: 0, now: NOW });
  // Host-made records: own objects, a label, mixed case and non-ASCII text.
  dataset.activities.push(
    { ...dataset.activities[5]!, id: 'HOST-Ä1', actor: { ip: '2001:DB8::1', country: 'NL', label: 'Partner Scanner Ω' }, endpoint: { method: 'DELETE', path: '/Tenants/{id}', host: 'Admin.Example' } },
    { ...dataset.activities[9]!, id: 'host-2', policy: { id: 'custom', name: 'Custom SQLi Rule' }, category: 'Injection', subcategory: 'Blind SQLi' },
  );
  const adapter = createMemoryAdapter({ dataset, now: () => NOW, live: false });
  return { adapter, rows: [...dataset.activities] };
}

async function idsFound(adapter: ReturnType<typeof setup>['adapter'], search: string) {
  const ids: string[] = [];
  for (const status of ['active', 'under_review', 'ignored'] as const) {
    const page = await adapter.listActivities({ query: createQuery({ status, search }), pageSize: 1000, signal: signal() });
    ids.push(...page.items.map((a) => a.id));
  }
  return ids.sort();
}

it('finds exactly the activities whose joined text contains the needle or one of its aliases', async () => {
  const { adapter, rows } = setup();
  const texts = rows.map(joined);
  const needle = fc.oneof(
    // A piece of some row's text (often spanning two fields), in any case.
    fc.tuple(fc.nat(rows.length - 1), fc.nat(200), fc.integer({ min: 1, max: 12 }), fc.boolean()).map(([r, at, len, upper]) => {
      const t = texts[r]!;
      const s = t.slice(at % t.length, (at % t.length) + len);
      return upper ? s.toUpperCase() : s;
    }),
    fc.constantFrom('sql', 'SQLi', 'ω', 'partner scanner', 'de', '185.220', 'post', '/api/v1/', 'act-0001', '\nget', 'zzz-none'),
  );
  await fc.assert(
    fc.asyncProperty(needle, async (raw) => {
      const n = raw.trim().toLowerCase();
      const expected = n === '' ? rows.map((a) => a.id).sort() : rows.filter((_, i) => expandSearchAliases(n).some((term) => texts[i]!.includes(term))).map((a) => a.id).sort();
      expect(await idsFound(adapter, raw)).toEqual(expected);
    }),
    { numRuns: 150 },
  );
});

it('finds live rows added after the first search of the same text', async () => {
  const { adapter } = setup();
  const before = await idsFound(adapter, 'api');
  const created = adapter.simulateLiveEvents(60).flatMap((e) => (e.type === 'activity' && e.isNew ? [e.activity] : []));
  const after = await idsFound(adapter, 'api');
  const newMatches = created.filter((a) => joined(a).includes('api')).map((a) => a.id);
  expect(newMatches.length).toBeGreaterThan(0);
  expect(after).toEqual([...before, ...newMatches].sort());
});
