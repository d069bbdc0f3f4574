import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { EventActions, type EventActionsProps } from '../src/components/EventActions';
import { ACTIVITY_STATUSES } from '../src/core/model';
import { activityArgTypes, activityControlDefaults, activityFromArgs, componentArgs, type ActivityControlArgs } from './support/activityControls';
import { createQuery } from '../src/core/query';
import { createMemoryAdapter } from '../src/adapters/memory';
import { createTestAdapter } from '../src/testing/createTestAdapter';
import { WithFirstActivity, actionAdapter, actionMetaParameters, actionStoryParameters, failing, lostResponse, storyActivity } from './support/actionStoryData';

type Args = EventActionsProps & ActivityControlArgs;

const meta = {
  title: 'EventActions',
  component: EventActions,
  args: { activity: storyActivity, ...activityControlDefaults },
  argTypes: {
    ...activityArgTypes,
    mode: { control: 'radio', options: ['optimistic', 'pessimistic', 'undoable'], description: 'How a status change is sent.' },
    graceMs: { control: { type: 'number', min: 1000, step: 1000 }, description: 'Grace period of undoable writes (ms).' },
    defaultIgnoreOpen: { control: 'boolean' },
    count: { control: { type: 'number', min: 1 }, description: 'Size of the selection (selection stories).' },
    status: { control: 'radio', options: [...ACTIVITY_STATUSES], description: 'Status of a selection (selection stories).' },
    target: { control: false },
    onStatusChanged: { control: false },
    onError: { control: false },
  },
  render: (args) => <EventActions {...componentArgs(args)} activity={activityFromArgs(args)} />,
  parameters: actionMetaParameters(
    'Mark for Review, Ignore and Reactivate for one activity or a selection. Ignore states the suppression rule (actor + endpoint + policy) and what it would have matched before creating it, in one operation with the status. Status changes are optimistic (or pessimistic, or undoable) and take back only their own change on failure; a double click sends one request; a lost response is retried with the same idempotency key ("checking"), and an outcome that stays unknown is said so, never "nothing was saved".',
  ),
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Active: Story = {};

export const UnderReview: Story = { args: { activityStatus: 'under_review' } };

export const Ignored: Story = { args: { activityStatus: 'ignored' } };

/** Every status side by side: which actions each one offers. */
export const States: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 24 }}>
      {ACTIVITY_STATUSES.map((status) => (
        <section key={status} aria-label={status}>
          <h3 style={{ margin: '0 0 8px', font: 'inherit', fontWeight: 600 }}>{status}</h3>
          <EventActions {...componentArgs(args)} activity={activityFromArgs({ ...args, activityStatus: status, activity: { ...storyActivity, id: `act-${status}` } })} />
        </section>
      ))}
    </div>
  ),
};

/** The Ignore dialog, stating exactly what will be suppressed. */
export const IgnoreDialogOpen: Story = { args: { defaultIgnoreOpen: true } };

/** The response of the write is lost after the backend committed: "checking", then the truth. */
export const LostResponseThenSaved: Story = {
  parameters: actionStoryParameters(() => actionAdapter({ setStatus: lostResponse(({ ids }: { ids: string[] }) => ({ affected: ids.length })) })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The story opens on the write in flight: "checking", then the saved status.
    await userEvent.click(canvas.getByRole('button', { name: 'Mark for Review' }));
  },
};

/** Every response is lost: after the automatic retries the outcome is unknown, and retrying is safe. */
export const OutcomeUnknown: Story = {
  parameters: actionStoryParameters(() => actionAdapter({ setStatus: lostResponse(({ ids }: { ids: string[] }) => ({ affected: ids.length }), 1e9) })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Mark for Review' }));
    await expect(await canvas.findByRole('alert', {}, { timeout: 8000 })).toHaveTextContent('could not be confirmed');
  },
};

/** Undoable: the activity moves at once; the write is sent after a grace period unless undone. */
export const Undoable: Story = { args: { mode: 'undoable', graceMs: 8000 } };

/** Ignored by a suppression rule: Reactivate offers to lift the rule in the same operation. */
export const ReactivateAndLiftRule: Story = {
  args: { activity: { ...storyActivity, suppressedBy: 'rule-1' }, activityStatus: 'ignored' },
  parameters: actionStoryParameters(() => actionAdapter({ setStatus: ({ ids }) => Promise.resolve({ affected: ids.length, liftedRuleIds: ['rule-1'] }) })),
};

/** The backend has no suppression rules: the dialog says Ignore only changes this activity's status. */
export const IgnoreWithoutSuppressionRules: Story = {
  args: { defaultIgnoreOpen: true },
  parameters: actionStoryParameters(() => actionAdapter({ capabilities: { suppressionRules: false } })),
};

/** The write fails: the status returns and the message says why. */
export const ErrorForbidden: Story = {
  parameters: actionStoryParameters(() => actionAdapter({ setStatus: failing('forbidden') })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Mark for Review' }));
    await expect(await canvas.findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent('You do not have permission');
  },
};

/** "All 1,200 matching" selected: one request by query. */
export const SelectionAllMatching: Story = {
  args: { activity: undefined, target: { query: createQuery({ status: 'active', search: 'sql' }), excludeIds: ['x1'] }, count: 1200 },
};

/** The backend cannot act by query: the actions stay reachable and explain why they do nothing. */
export const CapabilityMissing: Story = {
  args: { activity: undefined, target: { query: createQuery({ status: 'active' }) }, count: 1200 },
  parameters: actionStoryParameters(() => createTestAdapter({ setStatus: failing('unsupported') })),
};

/** On the memory adapter (real suppression: matching live events are dropped). */
export const MemoryAdapter: Story = {
  args: { activity: undefined },
  parameters: actionStoryParameters(() => createMemoryAdapter({ seed: 7, activities: 200, live: false })),
  render: (args) => <WithFirstActivity>{(activity) => <EventActions {...args} activity={activity} />}</WithFirstActivity>,
};

export const Dark: Story = {
  args: { defaultIgnoreOpen: true },
  parameters: actionStoryParameters(undefined, 'dark'),
};

/** Mark for Review stays one click; "Add reason" opens an optional reason (host choices + text) kept in the history. */
export const WithReasons: Story = {
  args: { statusReasons: [{ id: 'pentest', label: 'Scheduled pentest' }, { id: 'false-positive', label: 'False positive' }, { id: 'sla-breach', label: 'Customer escalation' }] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Add reason' }));
    await expect(canvas.getByRole('combobox', { name: 'Reason' })).toBeInTheDocument();
  },
};

/** The host requires a reason: Ignore and Mark for Review wait for one. */
export const ReasonRequired: Story = { args: { requireReason: true } };

/** The Ignore dialog with both reasons: the rule's (suppression) and the status change's (history). */
export const IgnoreWithReasonDark: Story = {
  args: { defaultIgnoreOpen: true, requireReason: true },
  parameters: actionStoryParameters(undefined, 'dark'),
};
