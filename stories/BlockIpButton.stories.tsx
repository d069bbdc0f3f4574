import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { BlockIpButton, type BlockIpButtonProps } from '../src/components/BlockIpButton';
import { ActionBar } from '../src/components/EventActions';
import { BLOCK_DURATIONS } from '../src/hooks/useBlockIp';
import { activityArgTypes, activityControlDefaults, activityFromArgs, componentArgs, type ActivityControlArgs } from './support/activityControls';
import { createTestAdapter } from '../src/testing/createTestAdapter';
import { AdapterError } from '../src/core/errors';
import { STORY_NOW, actionAdapter, actionMetaParameters, actionStoryParameters, failing, lostResponse, storyActivity } from './support/actionStoryData';

type Args = BlockIpButtonProps & ActivityControlArgs;

const meta = {
  title: 'BlockIpButton',
  component: BlockIpButton,
  args: { activity: storyActivity, ownAddresses: ['203.0.113.10'], ...activityControlDefaults },
  argTypes: {
    ...activityArgTypes,
    defaultOpen: { control: 'boolean' },
    defaultDuration: { control: 'radio', options: [...BLOCK_DURATIONS] },
    ownAddresses: { control: 'object', description: 'The host’s own addresses: blocking them asks twice.' },
    onBlocked: { control: false },
    onUnblocked: { control: false },
    onError: { control: false },
  },
  render: (args) => <BlockIpButton {...componentArgs(args)} activity={activityFromArgs(args)!} />,
  parameters: actionMetaParameters(
    'Blocks the actor IP or a CIDR range (validated with ipaddr.js), for a duration, with a reason. The dialog states what will be blocked and until when; private, special, very wide and own ranges need an explicit second confirmation. Undo by block id when the backend can.',
  ),
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const DialogOpen: Story = { args: { defaultOpen: true } };

/** Widened to 10.0.0.0/8: private and very wide, so "I understand…" is required. */
export const DangerousRange: Story = {
  args: { defaultOpen: true, actorIp: '10.20.30.40' },
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    const input = await body.findByRole('textbox', { name: 'IP address or CIDR range' });
    await userEvent.clear(input);
    await userEvent.type(input, '10.0.0.0/8');
    await userEvent.click(body.getByRole('button', { name: 'Block' }));
    await expect(body.getByRole('checkbox', { name: /I understand the risk/ })).toHaveFocus();
  },
};

/** The host's own NAT egress is inside the range. */
export const OwnAddress: Story = { args: { defaultOpen: true, ownAddresses: ['185.220.101.4'] } };

/** The block fails: the dialog stays open with its values and says why. */
export const ErrorRateLimited: Story = {
  args: { defaultOpen: true },
  parameters: actionStoryParameters(() => actionAdapter({ block: failing('rate_limited') })),
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    await userEvent.click(await body.findByRole('button', { name: 'Block' }));
    await expect(await body.findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent('Too many requests');
  },
};

/** Blocked: the button becomes Unblock; "Blocked … until …" is its status. */
export const BlockedWithUndo: Story = {
  args: { activity: { ...storyActivity, blocked: { blockId: 'blk-0', target: '185.220.101.0/24', expiresAt: STORY_NOW + 86_400_000 } } },
};

/** The backend can block but not unblock: Unblock explains. */
export const BlockedWithoutUndo: Story = {
  args: { activity: { ...storyActivity, blocked: { blockId: 'blk-0', target: '185.220.101.4', expiresAt: null } } },
  parameters: actionStoryParameters(() => actionAdapter({ capabilities: { unblock: false } })),
};

/** No block capability: the button explains instead of opening. */
export const CapabilityMissing: Story = {
  parameters: actionStoryParameters(() => createTestAdapter()),
};

/** The backend refuses a target this UI did not flag: its typed refusal is shown, with the confirmation. */
export const RefusedByServer: Story = {
  args: { defaultOpen: true },
  parameters: actionStoryParameters(() =>
    actionAdapter({
      block: (params) =>
        params.acknowledgeRisk
          ? Promise.resolve({ blockId: 'blk-1', target: params.target, createdAt: STORY_NOW, expiresAt: null })
          : Promise.reject(new AdapterError('invalid_request', 'Dangerous target.', { path: 'acknowledgeRisk', detail: 'reserved' })),
    }),
  ),
};

/** The block's response is lost after the commit: "checking", then blocked (one block). */
export const LostResponse: Story = {
  args: { defaultOpen: true },
  parameters: actionStoryParameters(() =>
    actionAdapter({
      block: lostResponse((p: { target: string; durationMs: number | null }) => ({
        blockId: 'blk-1',
        target: p.target,
        createdAt: STORY_NOW,
        expiresAt: p.durationMs === null ? null : STORY_NOW + p.durationMs,
      })),
    }),
  ),
};

export const Dark: Story = {
  args: { defaultOpen: true, actorIp: '192.168.1.20' },
  parameters: actionStoryParameters(undefined, 'dark'),
};

/** Not blocked, blocked until a time, blocked for good, and no unblock: side by side, each in an ActionBar as in the drilldown. */
export const States: Story = {
  render: (args) => {
    const base = activityFromArgs(args)!;
    const states = [
      ['Not blocked', base],
      ['Blocked until', { ...base, id: 'act-b1', blocked: { blockId: 'blk-0', target: '185.220.101.0/24', expiresAt: STORY_NOW + 86_400_000 } }],
      ['Blocked permanently', { ...base, id: 'act-b2', blocked: { blockId: 'blk-1', target: '2001:db8:85a3::8a2e:370:7334', expiresAt: null } }],
    ] as const;
    return (
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: 24 }}>
        {states.map(([label, activity]) => (
          <section key={label} aria-label={label}>
            <h3 style={{ margin: '0 0 8px', font: 'inherit', fontWeight: 600 }}>{label}</h3>
            <ActionBar style={{ alignItems: 'flex-start' }}>
              <BlockIpButton {...componentArgs(args)} defaultOpen={false} activity={activity} />
            </ActionBar>
          </section>
        ))}
      </div>
    );
  },
};
