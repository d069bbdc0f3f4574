import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { createMemoryAdapter } from '../src/adapters/memory';
import { FilterBar } from '../src/components/FilterBar';
import { ThreatActivityList } from '../src/components/ThreatActivityList';
import { ThreatOverview } from '../src/components/ThreatOverview';
import { DEMO_DEFAULT_NOW } from '../src/core/dataset/generateDemoDataset';
import { AdapterError } from '../src/core/errors';
import { createQuery, type ActivityQuery } from '../src/core/query';
import { createTestAdapter } from '../src/testing/createTestAdapter';

const now = DEMO_DEFAULT_NOW;
const memory = (activities: number) => createMemoryAdapter({ seed: 7, activities, hugeActivityAttempts: 0, live: false, now: () => now });
const params = (adapter: () => ReturnType<typeof createTestAdapter>, theme?: 'dark') => ({ threatdeck: { adapter, now, ...(theme ? { theme } : {}) } });

const meta = {
  title: 'ThreatOverview',
  component: ThreatOverview,
  parameters: {
    layout: 'padded',
    ...params(() => memory(2_000)),
    docs: {
      description: {
        component:
          'Charts above the list for its query: activities (or their attempts) over time, stacked by severity or subcategory — drag, or arrows + Shift + Enter, to set the list’s time range — and the top subcategories, endpoints, actors and the severity split, where each bar toggles its filter. A text summary and a table say the same in words and numbers. Backends without the `overview` capability get it computed from list pages and facets, with a note when the chart covers only the newest activities.',
      },
    },
  },
  argTypes: {
    defaultGroupBy: { control: 'inline-radio', options: ['severity', 'subcategory'] },
    defaultMeasure: { control: 'inline-radio', options: ['activities', 'attempts'] },
    top: { control: { type: 'range', min: 1, max: 20 } },
  },
} satisfies Meta<typeof ThreatOverview>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const BySubcategory: Story = { args: { defaultGroupBy: 'subcategory', defaultMeasure: 'attempts' } };

/** The overview never arrives. */
export const Loading: Story = {
  parameters: params(() => {
    const inner = memory(200);
    return createTestAdapter({ capabilities: { overview: true }, listActivities: (p) => inner.listActivities(p), getFacet: (p) => inner.getFacet(p), getOverview: () => new Promise(() => {}) });
  }),
};

export const Empty: Story = { args: { defaultQuery: createQuery({ search: 'no-such-actor-anywhere' }) } };

/** The backend fails; Retry asks again. */
export const ErrorWithRetry: Story = {
  parameters: params(() => {
    const inner = memory(500);
    let calls = 0;
    return createTestAdapter({
      capabilities: { overview: true },
      listActivities: (p) => inner.listActivities(p),
      getFacet: (p) => inner.getFacet(p),
      getOverview: (p) => (calls++ === 0 ? Promise.reject(new AdapterError('server', 'overview failed')) : inner.getOverview(p)),
    });
  }),
};

/** 100,000 activities on the memory adapter. */
export const Huge: Story = { name: 'Huge (100k activities)', parameters: params(() => memory(100_000)) };

/** A backend without `overview`: top lists from facets, the series from the newest 5,000 list rows. */
export const FallbackFromLists: Story = {
  parameters: params(() => {
    const inner = memory(12_000);
    return createTestAdapter({ listActivities: (p) => inner.listActivities(p), getFacet: (p) => inner.getFacet(p) });
  }),
};

/** A backend that samples broad facets (PostgreSQL past `exactCountLimit`): the actor and endpoint lists read "~N". */
export const EstimatedTopLists: Story = {
  parameters: params(() => {
    const inner = memory(12_000);
    return createTestAdapter({
      listActivities: (p) => inner.listActivities(p),
      getFacet: async (p) => ({ ...(await inner.getFacet(p)), ...(p.field === 'actor' || p.field === 'url' ? { countsAreEstimates: true } : {}) }),
    });
  }),
};

export const Dark: Story = { parameters: params(() => memory(2_000), 'dark') };

/** Overview, FilterBar and list on one query: a bar or a brushed range filters the list. */
export const WithFilterBarAndList: Story = {
  render: function Composition(args) {
    const [query, setQuery] = useState<ActivityQuery>(createQuery());
    return (
      <div style={{ display: 'grid', gap: 12 }}>
        <FilterBar query={query} onQueryChange={setQuery} />
        <ThreatOverview {...args} query={query} onQueryChange={setQuery} />
        <div style={{ height: 420 }}>
          <ThreatActivityList query={query} onQueryChange={setQuery} />
        </div>
      </div>
    );
  },
};
