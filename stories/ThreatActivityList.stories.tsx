import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { FilterBar } from '../src/components/FilterBar';
import { ThreatActivityList } from '../src/components/ThreatActivityList';
import { createMemoryAdapter } from '../src/adapters/memory';
import { AdapterError } from '../src/core/errors';
import type { Activity } from '../src/core/model';
import { createQuery, type ActivityQuery } from '../src/core/query';
import { createTestAdapter } from '../src/testing/createTestAdapter';
import { caseStoryAdapters } from './support/caseStoryAdapters';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function sample(i: number): Activity {
  return {
    id: `story-${i}`,
    status: 'active',
    severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5]!,
    type: i % 3 === 0 ? 'anomaly' : 'rule-based',
    actor: { ip: `203.0.113.${i % 250}`, country: ['DE', 'US', 'BR', 'IN'][i % 4]! },
    endpoint: { method: ['GET', 'POST', 'PUT'][i % 3]!, path: `/api/v1/orders/{id}/items/${i}`, host: 'shop.example.com' },
    policy: { id: 'sqli', name: 'SQL Injection' },
    category: 'Injection',
    subcategory: i % 2 ? 'Blind SQL Injection' : 'Union-based SQL Injection',
    successfulExploit: i % 11 === 0,
    attemptCount: 3 + ((i * 7) % 400),
    firstSeen: NOW - 86_400_000,
    lastSeen: NOW - i * 90_000,
    workItems: [],
  };
}

const counts = { active: 12, under_review: 3, ignored: 1 };

/** List + filter bar sharing one query, as a host would wire them. */
function WithFilters(props: React.ComponentProps<typeof ThreatActivityList>) {
  const [query, setQuery] = useState<ActivityQuery>(props.defaultQuery ?? createQuery());
  return (
    <div style={{ display: 'grid', gap: 12, padding: 16 }}>
      <FilterBar query={query} onQueryChange={setQuery} />
      <ThreatActivityList {...props} query={query} onQueryChange={setQuery} />
    </div>
  );
}

const meta = {
  title: 'ThreatActivityList',
  component: ThreatActivityList,
  render: (args) => <WithFilters {...args} />,
  parameters: {
    threatdeck: { now: NOW },
    docs: {
      description: {
        component:
          'Status tabs with counts, a virtualised keyboard grid (WAI-ARIA grid, aria-activedescendant), server-side sort, selection with bulk status by ids or by query, live "N new" banner and CSV export of the whole query. Data only through the adapter.',
      },
    },
  },
} satisfies Meta<typeof ThreatActivityList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Memory adapter, 2,000 activities (the default decorator adapter). */
export const Default: Story = { parameters: { threatdeck: {} } };

export const Loading: Story = {
  parameters: { threatdeck: { now: NOW, adapter: () => createTestAdapter({ listActivities: () => new Promise(() => {}), getFacet: () => new Promise(() => {}) }) } },
};

export const Empty: Story = {
  args: { defaultQuery: createQuery({ search: 'no-such-endpoint', filters: { severity: ['critical'] } }) },
  parameters: {
    threatdeck: {
      now: NOW,
      adapter: () =>
        createTestAdapter({
          listActivities: async () => ({ items: [], total: 0, totalIsEstimate: false, nextCursor: null, counts: { active: 0, under_review: 0, ignored: 0 } }),
          getFacet: async ({ field }) => ({ field, options: [], totalOptions: 0 }),
        }),
    },
  },
};

export const ErrorState: Story = {
  name: 'Error',
  parameters: {
    threatdeck: {
      now: NOW,
      adapter: () =>
        createTestAdapter({
          listActivities: async () => {
            throw new AdapterError('rate_limited', 'Too many requests', { retryAfterMs: 5000 });
          },
        }),
    },
  },
};

/** The first page loads; the next page fails: rows stay, an inline error retries. */
export const Partial: Story = {
  parameters: {
    threatdeck: {
      now: NOW,
      adapter: () =>
        createTestAdapter({
          listActivities: async ({ cursor }) => {
            if (cursor) throw new AdapterError('network', 'offline');
            return { items: Array.from({ length: 30 }, (_, i) => sample(i)), total: 500, totalIsEstimate: false, nextCursor: '30', counts };
          },
          getFacet: async ({ field }) => ({ field, options: [], totalOptions: 0 }),
        }),
    },
  },
};

/** 100,000 activities in the memory adapter: DOM rows stay bounded while scrolling. */
export const HundredThousandRows: Story = {
  name: '100k rows',
  parameters: { threatdeck: { adapter: () => createMemoryAdapter({ seed: 11, activities: 100_000, live: false }) } },
};

/** Slow (300–1200 ms) and failing (20 %) backend: loading, retries, partial pages, stale answers. */
export const SlowAndFailing: Story = {
  parameters: {
    threatdeck: { adapter: () => createMemoryAdapter({ seed: 5, activities: 5_000, latencyMs: [300, 1200], failureRate: 0.2, live: false }) },
  },
};

/** Live traffic: a polite "N new activities" banner; rows merge on click. */
export const Live: Story = {
  parameters: { threatdeck: { adapter: () => createMemoryAdapter({ seed: 3, activities: 2_000, live: { intervalMs: 1500, eventsPerTick: 2, newActivityRate: 0.8 } }) } },
};

/** The host hides and reorders columns and adds its own bulk action. */
export const HostColumnsAndBulkSlot: Story = {
  args: {
    columnVisibility: { host: false, type: false },
    columnOrder: ['lastSeen', 'severity', 'endpoint', 'actor'],
    renderBulkActions: ({ count }) => (
      <button type="button" className="td-button">
        Send {count} to SIEM
      </button>
    ),
  },
};

export const Dark: Story = { parameters: { threatdeck: { theme: 'dark' } } };

/**
 * The list as narrow as it is beside an open drilldown: lower-priority columns
 * (Type, Attempts, Host, Successful exploit) hide, the rest stay readable and
 * resizable; full values on hover and, by keyboard, under the focused row.
 */
export const Narrow: Story = {
  parameters: { threatdeck: {} },
  render: (args) => (
    <div style={{ maxWidth: 640 }}>
      <WithFilters {...args} />
    </div>
  ),
};

/**
 * Age in triage against a host SLA of 4 hours: ages past it say "Past SLA"
 * (text, data-state="breached"), not colour alone; sortable by activeSince.
 */
export const TriageSla: Story = {
  args: { triageSlaMs: 4 * 3_600_000 },
  parameters: { threatdeck: {} },
};

export const TriageSlaDark: Story = {
  args: { triageSlaMs: 4 * 3_600_000 },
  parameters: { threatdeck: { theme: 'dark' } },
};

/** Bulk assign and bulk note: select rows (or all that match) on the demo team; Assign… and Add note… in the toolbar. */
export const BulkCaseActions: Story = {
  args: { triageSlaMs: 4 * 3_600_000 },
  parameters: { threatdeck: { adapter: caseStoryAdapters.team } },
};

export const BulkCaseActionsDark: Story = {
  parameters: { threatdeck: { adapter: caseStoryAdapters.team, theme: 'dark' } },
};

/** Users fail to load: the bulk Assign dialog says so and retries. */
export const BulkAssignUsersError: Story = {
  parameters: { threatdeck: { adapter: caseStoryAdapters.usersError } },
};
