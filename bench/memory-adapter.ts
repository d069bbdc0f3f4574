/**
 * Memory adapter figures at 100k activities: dataset generation (plus walking
 * the attempts of a sample), and one filter + sort + count pass
 * (listActivities) over varied queries, median and p95. Run: node bench/run-memory.mjs
 */
import { createMemoryAdapter } from '../src/adapters/memory/index';
import { generateDemoDataset } from '../src/core/dataset/index';
import { createQuery, SORT_FIELDS, type ActivityQuery } from '../src/core/query';
import { binAttempts } from '../src/core/timeline';

const N = Number(process.argv[2] ?? 100_000);
const NOW = 1_748_779_200_000;
const signal = new AbortController().signal;
const ms = (t: number) => `${t.toFixed(1)} ms`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!, max: s[s.length - 1]! };
};

let t = performance.now();
const dataset = generateDemoDataset({ seed: 42, activities: N, now: NOW });
const genMs = performance.now() - t;
const heapMb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);

// Walk every attempt of a sample of 200 activities (timestamps, outcomes and full request/response).
t = performance.now();
let attempts = 0;
for (let k = 0; k < 200; k++) {
  const a = dataset.activities[1 + Math.floor((k * (N - 1)) / 200)]!;
  const s = dataset.attemptSeries(a);
  for (let i = 0; i < s.timestamps.length; i++) dataset.attempt(a, i, s.timestamps[i]!, 'blocked');
  attempts += s.timestamps.length;
}
const walkMs = performance.now() - t;

t = performance.now();
const huge = dataset.activities[0]!;
const series = dataset.attemptSeries(huge);
const seriesMs = performance.now() - t;
t = performance.now();
binAttempts(series, { from: huge.firstSeen, to: huge.lastSeen, bucketMs: 3_600_000 });
const binMs = performance.now() - t;

t = performance.now();
const adapter = createMemoryAdapter({ dataset, now: () => NOW, live: false });
const indexMs = performance.now() - t;

const some = dataset.activities.slice(0, 50);
const queries: ActivityQuery[] = [];
for (let k = 0; k < 50; k++) {
  const a = some[k]!;
  const variants: ActivityQuery[] = [
    createQuery(),
    createQuery({ search: ['sql', '185.220', 'orders', 'admin', 'xss'][k % 5]! }),
    createQuery({ filters: { severity: ['critical', 'high'] } }),
    createQuery({ status: 'under_review', filters: { host: [a.endpoint.host] } }),
    createQuery({ filters: { subcategory: [a.subcategory], type: ['anomaly'] }, time: { preset: '7d' } }),
    createQuery({ search: 'api', filters: { successfulExploit: ['no'], url: [a.endpoint.path] } }),
  ];
  const q = variants[k % variants.length]!;
  q.sort = { field: SORT_FIELDS[k % SORT_FIELDS.length]!, direction: k % 2 ? 'asc' : 'desc' };
  queries.push(q);
}
// Warm up (JIT, cached sort orders), then measure.
for (const q of queries) await adapter.listActivities({ query: q, pageSize: 50, signal });
const times: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const q of queries) {
    const s = performance.now();
    await adapter.listActivities({ query: q, pageSize: 50, signal });
    times.push(performance.now() - s);
  }
}
const facetTimes: number[] = [];
for (const q of queries.slice(0, 20)) {
  const s = performance.now();
  await adapter.getFacet({ query: q, field: 'actor', limit: 50, signal });
  facetTimes.push(performance.now() - s);
}
const list = stats(times);
const facet = stats(facetTimes);

console.log(`memory adapter @ ${N.toLocaleString('en')} activities (node ${process.version})`);
console.log(`  generateDemoDataset:            ${ms(genMs)}  (heap after: ${heapMb} MB)`);
console.log(`  walk attempts of 200 activities: ${ms(walkMs)}  (${attempts.toLocaleString('en')} attempts built)`);
console.log(`  attemptSeries of the ${huge.attemptCount.toLocaleString('en')}-attempt activity: ${ms(seriesMs)}; binAttempts (hourly): ${ms(binMs)}`);
console.log(`  createMemoryAdapter (indexing): ${ms(indexMs)}`);
console.log(`  listActivities filter+sort+count, ${times.length} runs: median ${ms(list.median)}, p95 ${ms(list.p95)}, max ${ms(list.max)}`);
console.log(`  getFacet(actor), ${facetTimes.length} runs: median ${ms(facet.median)}, p95 ${ms(facet.p95)}`);
