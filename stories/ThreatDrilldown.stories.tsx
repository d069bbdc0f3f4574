import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { BlockIpButton } from '../src/components/BlockIpButton';
import { CreateWorkItem } from '../src/components/CreateWorkItem';
import { EventActions } from '../src/components/EventActions';
import { ThreatDrilldown, type ThreatDrilldownProps } from '../src/components/ThreatDrilldown';
import { DEMO_WORK_ITEM_TARGETS } from '../src/adapters/memory';
import { ACTIVITY_STATUSES, SEVERITIES, type ActivityDetail, type ActivityStatus, type Severity } from '../src/core/model';
import { useActivityDetail } from '../src/hooks/useActivityDetail';
import type { AttemptsParams, TimelineParams } from '../src/core/adapter';
import { AdapterError } from '../src/core/errors';
import type { Attempt as AttemptRecord, Timeline as TimelineData } from '../src/core/model';
import { binAttempts } from '../src/core/timeline';
import { createTestAdapter, type TestAdapterInput } from '../src/testing/createTestAdapter';
import { T0, makeAttempt, makeDetail, makeRemediation, pending } from '../test/components/ThreatDrilldown/drilldownFixtures';

const HOUR = 3_600_000;
const FIRST = T0 - 6 * HOUR;

/** 400 attempts over six hours, with a burst in the fourth hour. */
const ATTEMPTS: AttemptRecord[] = Array.from({ length: 400 }, (_, i) => {
  const ts = i % 2 === 0 ? FIRST + 3 * HOUR + (i % 500) * 1500 : FIRST + Math.floor((i / 400) * 6 * HOUR);
  return makeAttempt(i, { timestamp: ts });
}).sort((a, b) => b.timestamp - a.timestamp);

/** Args a designer changes that go into the fake backend's activity (not props of the component). */
interface DetailArgs {
  severity?: Severity;
  activityStatus?: ActivityStatus;
  path?: string;
  successfulExploit?: boolean;
}
type Args = ThreatDrilldownProps & DetailArgs;

function adapter(overrides: TestAdapterInput = {}) {
  return (args: DetailArgs = {}) =>
    createTestAdapter({
      // "act-<severity>" (the Severities story) asks for that severity.
      getActivity: async ({ id }: { id: string }) => {
        const severity = SEVERITIES.find((x) => id === `act-${x}`);
        return { ...storyDetail(severity ? { ...args, severity } : args), id };
      },
      getRemediation: async () => makeRemediation(),
      listAttempts: async ({ cursor, pageSize }: AttemptsParams) => {
        const start = cursor ? Number(cursor) : 0;
        return { items: ATTEMPTS.slice(start, start + pageSize), total: ATTEMPTS.length, nextCursor: start + pageSize < ATTEMPTS.length ? String(start + pageSize) : null };
      },
      getTimeline: async ({ from, to, bucketMs }: TimelineParams): Promise<TimelineData> =>
        binAttempts({ timestamps: ATTEMPTS.map((a) => a.timestamp), outcomes: ATTEMPTS.map((a) => a.outcome) }, { from: from ?? FIRST, to: to ?? T0, bucketMs }),
      ...overrides,
    });
}

// Built when the story mounts, not when the file is imported: the 3 MB body below would otherwise be built for every story of this file.
function storyDetail(args: DetailArgs): ActivityDetail {
  const base = makeDetail({ firstSeen: FIRST, lastSeen: T0, attemptCount: ATTEMPTS.length });
  return {
    ...base,
    severity: args.severity ?? base.severity,
    status: args.activityStatus ?? base.status,
    endpoint: { ...base.endpoint, path: args.path ?? base.endpoint.path },
    successfulExploit: args.successfulExploit ?? base.successfulExploit,
  };
}

const withAttempt = (make: () => AttemptRecord) => () => {
  const attempt = make();
  return adapter({ listAttempts: async () => ({ items: [attempt], total: 1, nextCursor: null }) })();
};
const fail = (code: ConstructorParameters<typeof AdapterError>[0]) => () => Promise.reject(new AdapterError(code, code));

const detail = { category: 'Activity (controls)' };
const meta = {
  title: 'ThreatDrilldown',
  component: ThreatDrilldown,
  args: { activityId: 'act-1', severity: 'critical', activityStatus: 'active', successfulExploit: true, path: '/api/users/{id}/orders' },
  argTypes: {
    defaultTab: { control: 'radio', options: ['overview', 'timeline', 'attempt', 'remediation'], description: 'The tab shown first.' },
    tab: { control: false },
    activityId: { control: false },
    actions: { control: false },
    onTabChange: { control: false },
    onApplyTimeRange: { control: false },
    severity: { control: 'select', options: [...SEVERITIES], table: detail },
    activityStatus: { control: 'radio', options: [...ACTIVITY_STATUSES], table: detail },
    path: { control: 'text', description: 'Endpoint path (try a very long one).', table: detail },
    successfulExploit: { control: 'boolean', table: detail },
  },
  // The activity controls feed the fake backend, not the DOM.
  render: ({ severity: _s, activityStatus: _a, path: _p, successfulExploit: _e, ...props }) => <ThreatDrilldown {...props} />,
  parameters: {
    layout: 'padded',
    threatdeck: { adapter: adapter(), adapterArgs: ['severity', 'activityStatus', 'path', 'successfulExploit'], now: T0 + 60_000 },
    docs: {
      description: {
        component:
          'One activity in depth: a header (severity, endpoint, category, policy, actor, status, times, attempts, work items, actions) and four tabs — Overview, Timeline, Attempt, Remediation. Compose `ThreatDrilldown.Root` with its parts to rearrange; `tab / defaultTab / onTabChange` deep-link the tab.',
      },
    },
  },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Overview: Story = {};

export const WithActions: Story = {
  args: {
    actions: (
      <>
        <button type="button" className="td-button">Mark for Review</button>
        <button type="button" className="td-button" data-variant="danger">Block IP</button>
      </>
    ),
  },
};

/** The drilldown header with the real actions (as ThreatActivityView renders it): one status region under the buttons. */
function ActionsFor() {
  const detail = useActivityDetail('act-1');
  return detail.data ? (
    <>
      <EventActions activity={detail.data} />
      <BlockIpButton activity={detail.data} />
      <CreateWorkItem activity={detail.data} />
    </>
  ) : null;
}
const actionsAdapter = adapter({
  setStatus: async ({ ids }) => ({ affected: ids.length }),
  block: async ({ target, durationMs }) => ({ blockId: 'blk-1', target, createdAt: T0, expiresAt: durationMs === null ? null : T0 + 60_000 + durationMs }),
  unblock: async () => undefined,
  listWorkItemTargets: async () => [...DEMO_WORK_ITEM_TARGETS],
  createWorkItem: async ({ targetId }) => ({ targetId, key: 'SEC-124', url: 'https://jira.example.com/browse/SEC-124', createdAt: T0 }),
});

export const WithRealActions: Story = {
  args: { actions: <ActionsFor /> },
  parameters: { threatdeck: { adapter: actionsAdapter } },
};

/** After Mark for Review and a block: the buttons stay on their row (Block IP became Unblock), the outcomes are below them. */
export const ActionsAfterSuccess: Story = {
  args: { actions: <ActionsFor /> },
  parameters: { threatdeck: { adapter: actionsAdapter } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    await userEvent.click(await canvas.findByRole('button', { name: 'Mark for Review' }, { timeout: 5000 }));
    await userEvent.click(canvas.getByRole('button', { name: 'Block IP' }));
    await userEvent.click(await body.findByRole('button', { name: 'Block' }));
    // 203.0.113.7 is a documentation address: the dialog asks to confirm the risk first.
    const ack = body.queryByRole('checkbox', { name: /I understand the risk/ });
    if (ack) {
      await userEvent.click(ack);
      await userEvent.click(body.getByRole('button', { name: 'Block' }));
    }
    await expect(await canvas.findByRole('button', { name: 'Unblock' }, { timeout: 5000 })).toBeInTheDocument();
  },
};

/** Binned on the "server" (the adapter offers a timeline). Drag across the chart to zoom. */
export const Timeline: Story = { args: { defaultTab: 'timeline' } };

/** No server timeline: the attempts are paged in and binned in the browser. */
export const TimelineClientBinning: Story = {
  args: { defaultTab: 'timeline' },
  parameters: { threatdeck: { adapter: adapter({ getTimeline: undefined, capabilities: { serverTimeline: false } }) } },
};

export const TimelineEmpty: Story = {
  args: { defaultTab: 'timeline' },
  parameters: {
    threatdeck: {
      adapter: adapter({ getTimeline: async ({ from, to, bucketMs }) => binAttempts({ timestamps: [], outcomes: [] }, { from: from ?? FIRST, to: to ?? T0, bucketMs }) }),
    },
  },
};

export const TimelineError: Story = { args: { defaultTab: 'timeline' }, parameters: { threatdeck: { adapter: adapter({ getTimeline: fail('server') }) } } };

export const Attempt: Story = { args: { defaultTab: 'attempt' } };

/** A 3 MB response body: the first 64 Ki characters, then "Show all". */
export const AttemptHugeBody: Story = {
  args: { defaultTab: 'attempt' },
  parameters: {
    threatdeck: {
      adapter: withAttempt(() =>
        makeAttempt(1, {
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            headers: [['Content-Type', 'application/json']],
            body: { kind: 'text', text: JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ id: i, email: `user${i}@example.com` }))), size: 3_000_000, truncated: true },
          },
        }),
      ),
    },
  },
};

/** A binary upload: a hex preview and its size. */
export const AttemptBinaryBody: Story = {
  args: { defaultTab: 'attempt' },
  parameters: {
    threatdeck: {
      adapter: withAttempt(() =>
        makeAttempt(1, {
          request: {
            ...makeAttempt(1).request,
            headers: [['Content-Type', 'application/octet-stream']],
            body: { kind: 'bytes', base64: btoa(String.fromCharCode(...Array.from({ length: 2048 }, (_, i) => (i * 31) % 256))), size: 2048, truncated: false },
          },
        }),
      ),
    },
  },
};

/** Form body, decoded for reading. */
export const AttemptFormBody: Story = {
  args: { defaultTab: 'attempt' },
  parameters: {
    threatdeck: {
      adapter: withAttempt(() =>
        makeAttempt(1, {
          request: {
            ...makeAttempt(1).request,
            headers: [['Content-Type', 'application/x-www-form-urlencoded']],
            body: { kind: 'text', text: "user=admin%27--&password=x+y&next=%2Fhome%3Fa%3D%3Cscript%3E", size: 59, truncated: false },
          },
        }),
      ),
    },
  },
};

/** A credential-stuffing JSON post: with "Redact credentials" on, password, OTP and token fields show the placeholder. */
export const AttemptCredentialPost: Story = {
  args: { defaultTab: 'attempt' },
  parameters: {
    threatdeck: {
      adapter: withAttempt(() =>
        makeAttempt(1, {
          request: {
            ...makeAttempt(1).request,
            headers: [['Host', 'shop.example.com'], ['Content-Type', 'application/json'], ['Content-Length', '94']],
            body: { kind: 'text', text: '{\n  "username": "alice@example.com",\n  "password": "Winter2026!",\n  "mfa": {"otp": "482913"}\n}', size: 94, truncated: false },
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            headers: [['Content-Type', 'application/json']],
            body: { kind: 'text', text: '{"access_token":"eyJhbGciOi.example.sig","token_type":"Bearer"}', size: 63, truncated: false },
          },
        }),
      ),
    },
  },
};

export const AttemptsEmpty: Story = {
  args: { defaultTab: 'attempt' },
  parameters: { threatdeck: { adapter: adapter({ listAttempts: async () => ({ items: [], total: 0, nextCursor: null }) }) } },
};

export const Remediation: Story = { args: { defaultTab: 'remediation' } };

export const RemediationEmpty: Story = {
  args: { defaultTab: 'remediation' },
  parameters: { threatdeck: { adapter: adapter({ getRemediation: async () => ({ steps: [], references: [] }) }) } },
};

export const RemediationError: Story = { args: { defaultTab: 'remediation' }, parameters: { threatdeck: { adapter: adapter({ getRemediation: fail('network') }) } } };

/** Every read never answers. */
export const Loading: Story = {
  parameters: { threatdeck: { adapter: adapter({ getActivity: () => pending(), getRemediation: () => pending(), listAttempts: () => pending(), getTimeline: () => pending() }) } },
};

export const LoadError: Story = { parameters: { threatdeck: { adapter: adapter({ getActivity: fail('not_found') }) } } };

export const Dark: Story = { parameters: { threatdeck: { adapter: adapter(), theme: 'dark' } } };

/** One attempt: a minute around it with round ticks, not one bar across the chart. */
export const TimelineSingleAttempt: Story = {
  args: { defaultTab: 'timeline' },
  parameters: {
    threatdeck: {
      adapter: adapter({
        getActivity: async () => makeDetail({ firstSeen: T0 - 90_000, lastSeen: T0 - 90_000, attemptCount: 1 }),
        getTimeline: async ({ from, to, bucketMs }) => binAttempts({ timestamps: [T0 - 90_000], outcomes: ['exploited'] }, { from: from ?? T0, to: to ?? T0, bucketMs }),
      }),
    },
  },
};

/** Severities side by side: the header of each. */
export const Severities: Story = {
  render: () => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 24 }}>
      {SEVERITIES.map((severity) => (
        <SeverityHeader key={severity} severity={severity} />
      ))}
    </div>
  ),
};
function SeverityHeader({ severity }: { severity: Severity }) {
  return (
    <ThreatDrilldown.Root activityId={`act-${severity}`}>
      <ThreatDrilldown.Header />
    </ThreatDrilldown.Root>
  );
}

export const DarkTimeline: Story = { args: { defaultTab: 'timeline' }, parameters: { threatdeck: { adapter: adapter(), theme: 'dark' } } };

/** Parts rearranged by a host: tabs above the header. */
export const Composed: Story = {
  render: (args) => (
    <ThreatDrilldown.Root activityId={args.activityId}>
      <ThreatDrilldown.Tabs />
      <ThreatDrilldown.Header />
      <ThreatDrilldown.Overview />
      <ThreatDrilldown.Timeline />
      <ThreatDrilldown.Attempt />
      <ThreatDrilldown.Remediation />
    </ThreatDrilldown.Root>
  ),
};

/** Exactly the parts a host composes: two tabs for two panels, a header with the title and the host's own action, no facts. */
export const ComposedTwoPanels: Story = {
  render: (args) => (
    <ThreatDrilldown.Root activityId={args.activityId} defaultTab="timeline">
      <ThreatDrilldown.Header>
        <ThreatDrilldown.Title>
          <ThreatDrilldown.Actions>
            <button type="button" className="td-button">
              Escalate
            </button>
          </ThreatDrilldown.Actions>
        </ThreatDrilldown.Title>
      </ThreatDrilldown.Header>
      <ThreatDrilldown.Tabs>
        <ThreatDrilldown.Tab tab="timeline" />
        <ThreatDrilldown.Tab tab="attempt" />
      </ThreatDrilldown.Tabs>
      <ThreatDrilldown.Timeline />
      <ThreatDrilldown.Attempt />
    </ThreatDrilldown.Root>
  ),
};

/** A blocked IPv6 actor in a narrow panel: the "Blocked … until …" badge wraps inside the panel, never past its edge. */
export const BlockedActorNarrow: Story = {
  parameters: {
    threatdeck: {
      adapter: adapter({
        getActivity: async () => {
          const base = storyDetail({});
          return {
            ...base,
            actor: { ...base.actor, ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348', country: 'DE' },
            blocked: { blockId: 'blk-6', target: '2001:db8:85a3:8d3::/64', expiresAt: T0 + 7 * 24 * HOUR },
          };
        },
      }),
    },
  },
  render: ({ severity: _s, activityStatus: _a, path: _p, successfulExploit: _e, ...props }) => (
    <div style={{ width: 320 }} data-testid="narrow-panel">
      <ThreatDrilldown {...props} />
    </div>
  ),
};
