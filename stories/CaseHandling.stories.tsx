import type { Meta, StoryObj } from '@storybook/react-vite';
import { AssigneeControl } from '../src/components/Cases/AssigneeControl';
import { ThreatDrilldown } from '../src/components/ThreatDrilldown';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { AdapterError } from '../src/core/errors';
import { useActivityDetail } from '../src/hooks/useActivityDetail';
import { WithFirstActivity } from './support/actionStoryData';
import { caseStoryAdapters } from './support/caseStoryAdapters';

/** The drilldown on the first activity, opened on History, with the assignee control in its actions. */
function CaseDrilldown() {
  return (
    <WithFirstActivity>
      {(activity) => <ThreatDrilldown activityId={activity.id} defaultTab="history" actions={<Assignee id={activity.id} />} />}
    </WithFirstActivity>
  );
}

function Assignee({ id }: { id: string }) {
  const detail = useActivityDetail(id);
  return detail.data ? <AssigneeControl activity={detail.data} currentUserId="u-ana" /> : null;
}

const meta = {
  title: 'Case handling',
  component: CaseDrilldown,
  parameters: {
    layout: 'padded',
    threatdeck: { adapter: caseStoryAdapters.team },
    docs: {
      description: {
        component:
          'The drilldown History tab (append-only notes with a counter and honest outcomes; status changes with reasons, rules, blocks, work items, assignments and notes: who, when, what) and the assignee control (Assign to me, Unassigned, searchable users). Attacker-written values are text.',
      },
    },
  },
} satisfies Meta<typeof CaseDrilldown>;
export default meta;
type Story = StoryObj<typeof meta>;

const withHistory = (listHistory: ThreatDeckAdapter['listHistory']) => () => ({ ...caseStoryAdapters.team(), listHistory });

/** The demo team at work: seeded assignments, notes and history. */
export const Team: Story = {};
export const HistoryLoading: Story = { parameters: { threatdeck: { adapter: withHistory(() => new Promise(() => {})) } } };
export const HistoryEmpty: Story = { parameters: { threatdeck: { adapter: withHistory(async () => ({ items: [], total: 0, nextCursor: null })) } } };
export const HistoryError: Story = {
  name: 'History error',
  parameters: {
    threatdeck: {
      adapter: withHistory(async () => {
        throw new AdapterError('server', 'History store down.');
      }),
    },
  },
};
/** Users load forever / fail: open the assignee control. */
export const UsersLoading: Story = { parameters: { threatdeck: { adapter: caseStoryAdapters.usersLoading } } };
export const UsersError: Story = { parameters: { threatdeck: { adapter: caseStoryAdapters.usersError } } };
/** 300 users, some with hostile names shown as text. */
export const ManyUsers: Story = { parameters: { threatdeck: { adapter: caseStoryAdapters.manyUsers } } };
/** Writes fail: a note or an assignment says nothing was saved. */
export const WritesFail: Story = {
  parameters: {
    threatdeck: {
      adapter: () => ({
        ...caseStoryAdapters.team(),
        addNote: async () => {
          throw new AdapterError('server', 'boom');
        },
        assignActivities: async () => {
          throw new AdapterError('server', 'boom');
        },
      }),
    },
  },
};
export const Dark: Story = { parameters: { threatdeck: { adapter: caseStoryAdapters.team, theme: 'dark' } } };
