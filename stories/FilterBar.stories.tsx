import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { FilterBar } from '../src/components/FilterBar';
import { createMemoryAdapter } from '../src/adapters/memory';
import type { FacetParams } from '../src/core/adapter';
import { AdapterError } from '../src/core/errors';
import { createQuery, queryToSearchParams, type ActivityQuery } from '../src/core/query';
import { createTestAdapter } from '../src/testing/createTestAdapter';
import { caseStoryAdapters } from './support/caseStoryAdapters';

/** Shows the serialisable value a host would keep in its URL. */
function WithUrl(props: React.ComponentProps<typeof FilterBar>) {
  const [query, setQuery] = useState<ActivityQuery>(props.defaultQuery ?? createQuery());
  return (
    <div style={{ display: 'grid', gap: 12, padding: 16 }}>
      <FilterBar {...props} query={query} onQueryChange={setQuery} />
      <output className="td-mono" aria-label="Query as URL parameters">
        ?{queryToSearchParams(query).toString()}
      </output>
    </div>
  );
}

const meta = {
  title: 'FilterBar',
  component: FilterBar,
  render: (args) => <WithUrl {...args} />,
  parameters: {
    docs: {
      description: {
        component:
          'Debounced search and facet filters (options and counts from the adapter, searchable and limited for thousands of values), severity, time presets, removable chips. The value is the same ActivityQuery the list takes.',
      },
    },
  },
} satisfies Meta<typeof FilterBar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const WithActiveFilters: Story = {
  args: {
    defaultQuery: createQuery({ search: 'login', filters: { severity: ['critical', 'high'], type: ['anomaly'], successfulExploit: ['yes'] }, time: { preset: '7d' } }),
  },
};

/** Facets never answer: the menus say they are loading. */
export const Loading: Story = {
  parameters: { threatdeck: { adapter: () => createTestAdapter({ getFacet: () => new Promise(() => {}) }) } },
};

export const Empty: Story = {
  parameters: { threatdeck: { adapter: () => createTestAdapter({ getFacet: async ({ field }) => ({ field, options: [], totalOptions: 0 }) }) } },
};

export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    threatdeck: {
      adapter: () =>
        createTestAdapter({
          getFacet: async () => {
            throw new AdapterError('server', 'boom');
          },
        }),
    },
  },
};

/** 100,000 activities: thousands of actor IPs; the list is limited and searchable. */
export const HundredThousandActivities: Story = {
  name: '100k activities',
  parameters: { threatdeck: { adapter: () => createMemoryAdapter({ seed: 11, activities: 100_000, live: false }) } },
};

/** A backend that samples facets of very many rows (the PostgreSQL adapter above `exactCountLimit`): counts read "~" with a note. */
export const EstimatedCounts: Story = {
  parameters: {
    threatdeck: {
      adapter: () => {
        const memory = createMemoryAdapter({ seed: 11, activities: 5_000, live: false });
        return { ...memory, getFacet: async (params: FacetParams) => ({ ...(await memory.getFacet(params)), countsAreEstimates: true }) };
      },
    },
  },
};

export const SlowAndFailing: Story = {
  parameters: { threatdeck: { adapter: () => createMemoryAdapter({ seed: 5, activities: 5_000, latencyMs: [300, 1200], failureRate: 0.2, live: false }) } },
};

export const Dark: Story = { parameters: { threatdeck: { theme: 'dark' } } };

/** Case handling: "Assigned to me", "Unassigned" or one user of the demo team (searchable); a removable chip. */
export const AssigneeFilter: Story = {
  args: { defaultQuery: createQuery({ assignee: 'me' }) },
  parameters: { threatdeck: { adapter: caseStoryAdapters.team } },
};
export const AssigneeUsersLoading: Story = { parameters: { threatdeck: { adapter: caseStoryAdapters.usersLoading } } };
export const AssigneeUsersEmpty: Story = { parameters: { threatdeck: { adapter: caseStoryAdapters.usersEmpty } } };
export const AssigneeUsersError: Story = { parameters: { threatdeck: { adapter: caseStoryAdapters.usersError } } };
/** 300 users (some with hostile names, shown as text): the list is searchable. */
export const AssigneeManyUsers: Story = {
  args: { defaultQuery: createQuery({ assignee: { userId: 'u-7' } }) },
  parameters: { threatdeck: { adapter: caseStoryAdapters.manyUsers } },
};
export const AssigneeDark: Story = {
  args: { defaultQuery: createQuery({ assignee: 'unassigned' }) },
  parameters: { threatdeck: { adapter: caseStoryAdapters.team, theme: 'dark' } },
};
