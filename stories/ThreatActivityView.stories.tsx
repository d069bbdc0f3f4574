/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/react-vite';
import { createHttpAdapter } from '../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../src/adapters/memory';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { createQuery } from '../src/core/query';
import { ThreatActivityView } from '../src/components/ThreatActivityView';
import attackRequests from '../test/fixtures/attack-requests.json';
import xssPayloadText from '../test/fixtures/xss-payloads.txt?raw';
import { seedHostileCases, hostileUsers } from './support/hostileCases';
import { createHostileDataset, type AttackRequestRecord } from './support/hostileDataset';

const meta = {
  title: 'ThreatActivityView',
  component: ThreatActivityView,
  parameters: {
    docs: {
      description: {
        component:
          'The assembled console: FilterBar over ThreatActivityList, the drilldown in a resizable side panel (a route-like swap on narrow containers) with EventActions, BlockIpButton and CreateWorkItem in its header. Query and open activity are controllable so a host can keep them in its URL.',
      },
    },
  },
  decorators: [(Story) => <div style={{ height: 'calc(100vh - 32px)' }}><Story /></div>],
} satisfies Meta<typeof ThreatActivityView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The demo console on the memory adapter with simulated live traffic. */
export const Default: Story = {
  parameters: { threatdeck: { adapter: () => createMemoryAdapter({ seed: 2026, activities: 5_000, latencyMs: [30, 120], live: { intervalMs: 5_000 } }) } },
};

export const WithActivityOpen: Story = {
  args: { defaultOpenActivityId: 'act-000002' },
  parameters: { threatdeck: { adapter: () => createMemoryAdapter({ seed: 2026, activities: 2_000, live: false }) } },
};

export const Dark: Story = {
  args: { defaultOpenActivityId: 'act-000002' },
  parameters: { threatdeck: { theme: 'dark', adapter: () => createMemoryAdapter({ seed: 2026, activities: 2_000, live: false }) } },
};

/**
 * A memory adapter where some activities were ignored (rules, some expiring)
 * and some actors blocked (some permanently): the list marks blocked actors,
 * and the view switch leads to the rules and the blocks.
 */
function consoleWithRulesAndBlocks(): ThreatDeckAdapter {
  const memory = createMemoryAdapter({ seed: 2026, activities: 2_000, live: false });
  const signal = new AbortController().signal;
  const ready = (async () => {
    const { items } = await memory.listActivities({ query: createQuery(), pageSize: 40, signal });
    const now = Date.now();
    for (const [i, a] of items.slice(0, 14).entries()) {
      await memory.ignore!({
        rule: { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: i % 3 === 0 ? null : now + (i + 1) * 86_400_000, ...(i % 4 === 3 ? {} : { reason: `Triage batch ${i + 1}: known scanner` }) },
        activityIds: [a.id],
        signal,
      });
    }
    for (const [i, a] of items.slice(14, 24).entries()) {
      if (a.blocked) continue;
      await memory.block!({ target: a.actor.ip, durationMs: i % 2 === 0 ? null : (i + 1) * 3_600_000, reason: `Credential stuffing wave ${i + 1}`, activityId: a.id, signal, acknowledgeRisk: true });
    }
  })();
  const afterSeed = <P, R>(read: (params: P) => Promise<R>) => async (params: P) => {
    await ready;
    return read(params);
  };
  return {
    ...memory,
    listActivities: afterSeed(memory.listActivities),
    listSuppressionRules: afterSeed(memory.listSuppressionRules!),
    listBlocks: afterSeed(memory.listBlocks!),
  };
}

/** The list marks blocked actors; Suppression rules and Blocks are one switch away. */
export const RulesAndBlocks: Story = {
  name: 'Rules and blocks',
  parameters: { threatdeck: { adapter: consoleWithRulesAndBlocks } },
};

export const SuppressionRulesView: Story = {
  name: 'Suppression rules view',
  args: { defaultView: 'suppression-rules' },
  parameters: { threatdeck: { adapter: consoleWithRulesAndBlocks } },
};

export const BlocksView: Story = {
  name: 'Blocks view',
  args: { defaultView: 'blocks' },
  parameters: { threatdeck: { adapter: consoleWithRulesAndBlocks } },
};

/** The same query pivoted by actor under the shared FilterBar; an actor's activity opens in the activity drilldown. */
export const ActorsView: Story = {
  name: 'Actors view',
  args: { defaultView: 'actors' },
  parameters: { threatdeck: { adapter: consoleWithRulesAndBlocks } },
};

export const BlocksViewDark: Story = {
  name: 'Blocks view, dark',
  args: { defaultView: 'blocks' },
  parameters: { threatdeck: { theme: 'dark', adapter: consoleWithRulesAndBlocks } },
};

/** 100k activities: rows are virtualised, filtering happens in the adapter. */
export const Huge100k: Story = {
  name: 'Huge (100k activities)',
  parameters: { threatdeck: { adapter: () => createMemoryAdapter({ seed: 5, activities: 100_000, live: false }) } },
};

/** Every attacker-controlled field is a real XSS payload or CRS attack request. Nothing may run. */
export const HostileData: Story = {
  args: { defaultOpenActivityId: 'act-000001', currentUserId: 'u-hostile-0' },
  parameters: {
    threatdeck: {
      adapter: () => {
        const payloads = xssPayloadText.split('\n').filter(Boolean);
        const users = hostileUsers(payloads);
        const dataset = createHostileDataset(payloads, attackRequests as unknown as AttackRequestRecord[]);
        const adapter = createMemoryAdapter({
          dataset,
          users,
          currentUserId: users[0]!.id,
          live: false,
        });
        // Every activity gets a hostile assignee, notes and status reason (its History tab shows them).
        void seedHostileCases(adapter, payloads, users, dataset.activities.map((a) => a.id));
        return adapter;
      },
    },
  },
};

/**
 * The same console on `createHttpAdapter`, against a backend that speaks the
 * REST contract. Start the reference backend with `npm run mock-server` (it
 * listens on http://127.0.0.1:4010), or pass another one as `?api=` in the
 * story's URL. Without a backend it shows the typed network error and retry.
 * Left out of the automated axe run because its content depends on a server
 * outside Storybook; the browser test `test/e2e/http-adapter.e2e.test.ts`
 * drives the same components over HTTP.
 */
export const OverHttp: Story = {
  name: 'Over HTTP (reference server)',
  tags: ['skip-axe'],
  parameters: {
    threatdeck: {
      adapter: () => {
        const api = new URLSearchParams(window.location.search).get('api');
        return createHttpAdapter({ baseUrl: api && /^https?:\/\//.test(api) ? api : 'http://127.0.0.1:4010', retry: false });
      },
    },
  },
};
