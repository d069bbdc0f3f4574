import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { createMemoryAdapter } from '../src/adapters/memory';
import { FilterBar } from '../src/components/FilterBar';
import { ThreatActors } from '../src/components/ThreatActors';
import { DEMO_DEFAULT_NOW } from '../src/core/dataset/generateDemoDataset';
import { AdapterError } from '../src/core/errors';
import { createQuery, type ActivityQuery } from '../src/core/query';
import { createTestAdapter } from '../src/testing/createTestAdapter';

const now = DEMO_DEFAULT_NOW;
const memory = (activities: number) => createMemoryAdapter({ seed: 7, activities, hugeActivityAttempts: 0, live: false, now: () => now });
const params = (adapter: () => ReturnType<typeof createTestAdapter>, theme?: 'dark') => ({ threatdeck: { adapter, now, ...(theme ? { theme } : {}) } });
/** The first actor of the seeded demo data, for the story with the drilldown open. */
const FIRST_ACTOR = (() => {
  let ip: string | null = null;
  return async () => {
    if (ip) return ip;
    const page = await memory(2_000).listActors!({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 1, signal: new AbortController().signal });
    ip = page.items[0]?.ip ?? null;
    return ip;
  };
})();

const meta = {
  title: 'ThreatActors',
  component: ThreatActors,
  parameters: {
    layout: 'padded',
    ...params(() => memory(2_000)),
    docs: {
      description: {
        component:
          'The list’s query pivoted by actor: one row per actor IP with its activities, endpoints hit, subcategories, first / last seen, country, attempts, highest severity and block state. Sort by a header; arrows, Home / End and Enter work the grid; the actor drilldown shows the facts, one timeline of attempts across the actor’s activities, the activities themselves and Block / Unblock. Backends without the `actors` capability get the grouping of the newest 5,000 list rows, said so above the grid.',
      },
    },
  },
} satisfies Meta<typeof ThreatActors>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** The actors never arrive. */
export const Loading: Story = {
  parameters: params(() => {
    const inner = memory(200);
    return createTestAdapter({ capabilities: { actors: true }, listActivities: (p) => inner.listActivities(p), listActors: () => new Promise(() => {}) });
  }),
};

export const Empty: Story = { args: { defaultQuery: createQuery({ filters: { host: ['no-such-host.example'] } }) } };

/** The backend fails; Retry asks again. */
export const ErrorWithRetry: Story = {
  parameters: params(() => {
    const inner = memory(500);
    let calls = 0;
    return createTestAdapter({
      capabilities: { actors: true },
      listActivities: (p) => inner.listActivities(p),
      getFacet: (p) => inner.getFacet(p),
      listActors: (p) => (calls++ === 0 ? Promise.reject(new AdapterError('server', 'actors failed')) : inner.listActors!(p)),
    });
  }),
};

/** 100,000 activities on the memory adapter. */
export const Huge: Story = { name: 'Huge (100k activities)', parameters: params(() => memory(100_000)) };

/** A backend without `actors`: the grouping of the newest 5,000 list rows, with a note. */
export const FallbackFromLists: Story = {
  parameters: params(() => {
    const inner = memory(12_000);
    return createTestAdapter({ listActivities: (p) => inner.listActivities(p), getFacet: (p) => inner.getFacet(p) });
  }),
};

export const Dark: Story = { parameters: params(() => memory(2_000), 'dark') };

/** The newest actor open in its drilldown: facts, timeline, activities, Block. */
export const DrilldownOpen: Story = {
  render: function Open(args) {
    const [ip, setIp] = useState<string | null>(null);
    useEffect(() => {
      void FIRST_ACTOR().then(setIp);
    }, []);
    return ip ? <ThreatActors {...args} defaultOpenActorIp={ip} onActivityOpen={() => {}} /> : <p>…</p>;
  },
};

/** FilterBar and actors on one query. */
export const WithFilterBar: Story = {
  render: function Composition(args) {
    const [query, setQuery] = useState<ActivityQuery>(createQuery());
    return (
      <div style={{ display: 'grid', gap: 12 }}>
        <FilterBar query={query} onQueryChange={setQuery} />
        <ThreatActors {...args} query={query} onQueryChange={setQuery} />
      </div>
    );
  },
};
