import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CreateWorkItem, type CreateWorkItemProps } from '../src/components/CreateWorkItem';
import { activityArgTypes, activityControlDefaults, activityFromArgs, componentArgs, type ActivityControlArgs } from './support/activityControls';
import { createMemoryAdapter } from '../src/adapters/memory';
import { createTestAdapter } from '../src/testing/createTestAdapter';
import { STORY_NOW, WithFirstActivity, actionAdapter, actionMetaParameters, actionStoryParameters, failing, lostResponse, never, storyActivity } from './support/actionStoryData';

type Args = CreateWorkItemProps & ActivityControlArgs;

const meta = {
  title: 'CreateWorkItem',
  component: CreateWorkItem,
  args: { activity: storyActivity, ...activityControlDefaults },
  argTypes: {
    ...activityArgTypes,
    defaultOpen: { control: 'boolean' },
    defaultTargetId: { control: 'radio', options: ['jira-sec-bug', 'azure-boards-issue'] },
    onCreated: { control: false },
    onError: { control: false },
  },
  // The draft is kept per activity: a new id per control change shows the fresh prefill (priority from severity, title).
  render: (args) => {
    const activity = activityFromArgs(args);
    return activity ? <CreateWorkItem {...componentArgs(args)} activity={{ ...activity, id: `${activity.id}-${activity.severity}` }} /> : <CreateWorkItem {...(args as CreateWorkItemProps)} />;
  },
  parameters: actionMetaParameters(
    'Creates a Jira issue or a generic work item (Azure Boards, …) from an activity. Fields are discovered from the target and validated before submit; title and description are prefilled with the evidence (the latest request as cURL, redacted by default). A failure keeps the draft (per activity, also across activities); a lost response is retried with the same idempotency key, says "checking", and yields the one item; success shows the key and link.',
  ),
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const DialogOpen: Story = { args: { defaultOpen: true } };

export const LoadingTargets: Story = {
  args: { defaultOpen: true },
  parameters: actionStoryParameters(() => actionAdapter({ listWorkItemTargets: never })),
};

/** Submitting with a required field empty: errors linked to the fields, the first focused. */
export const ValidationErrors: Story = {
  args: { defaultOpen: true },
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    // Priority is prefilled from the severity: empty the summary to see a required field's error.
    await userEvent.clear(await body.findByRole('textbox', { name: 'Summary (required)' }, { timeout: 3000 }));
    await userEvent.click(body.getByRole('button', { name: 'Create' }));
    await expect(body.getByRole('textbox', { name: 'Summary (required)' })).toHaveFocus();
  },
};

/** The tracker rejects the item: the draft stays as typed and the error says why. */
export const ErrorKeepsDraft: Story = {
  args: { defaultOpen: true },
  parameters: actionStoryParameters(() => actionAdapter({ createWorkItem: failing('forbidden') })),
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    await userEvent.selectOptions(await body.findByRole('combobox', { name: 'Priority (required)' }, { timeout: 3000 }), 'high');
    await userEvent.click(body.getByRole('button', { name: 'Create' }));
    await expect(await body.findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent('Your draft is kept');
  },
};

/** Created: key and link (only http/https URLs become links). */
export const Success: Story = {
  args: { defaultOpen: true },
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    await userEvent.selectOptions(await body.findByRole('combobox', { name: 'Priority (required)' }, { timeout: 3000 }), 'high');
    await userEvent.click(body.getByRole('button', { name: 'Create' }));
    await expect(await body.findByRole('link', { name: 'Open SEC-123' }, { timeout: 3000 })).toHaveAttribute('href', 'https://jira.example.com/browse/SEC-123');
  },
};

export const CapabilityMissing: Story = {
  parameters: actionStoryParameters(() => createTestAdapter()),
};

/** On the memory adapter: the created link is saved onto the activity. */
export const MemoryAdapter: Story = {
  args: { activity: undefined as never },
  parameters: actionStoryParameters(() => createMemoryAdapter({ seed: 7, activities: 200, live: false })),
  render: (args) => <WithFirstActivity>{(activity) => <CreateWorkItem {...args} activity={activity} />}</WithFirstActivity>,
};

/** The create's response is lost after the tracker created the item: "checking", then the one created key. */
export const LostResponse: Story = {
  args: { defaultOpen: true },
  parameters: actionStoryParameters(() =>
    actionAdapter({
      createWorkItem: lostResponse(({ targetId }: { targetId: string }) => ({ targetId, key: 'SEC-124', url: 'https://jira.example.com/browse/SEC-124', createdAt: STORY_NOW })),
    }),
  ),
};

export const Dark: Story = {
  args: { defaultOpen: true },
  parameters: actionStoryParameters(undefined, 'dark'),
};
