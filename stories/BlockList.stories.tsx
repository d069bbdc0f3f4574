/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { BlockList } from '../src/components/BlockList';
import { AdapterError } from '../src/core/errors';
import { createTestAdapter } from '../src/testing/createTestAdapter';
import xssPayloadText from '../test/fixtures/xss-payloads.txt?raw';
import { blocksBackend, blocksStoryAdapter, COLLECTION_STORY_NOW, failingOnce, loadingBlocks, makeBlock, makeBlocks } from './support/collectionStoryData';

const params = (adapter: () => ReturnType<typeof blocksStoryAdapter>, theme?: 'dark') => ({
  threatdeck: { adapter, now: COLLECTION_STORY_NOW, ...(theme ? { theme } : {}) },
});

const meta = {
  title: 'BlockList',
  component: BlockList,
  parameters: {
    layout: 'padded',
    ...params(() => blocksStoryAdapter()),
    docs: {
      description: {
        component:
          'The IP blocks: target, reason, created, expiry or permanent, and the activity each came from; Active / Expired; a search over target and reason; paged from the adapter. Unblock asks first, stays open while pending and says honestly when the outcome is unknown. Every backend string is text.',
      },
    },
  },
} satisfies Meta<typeof BlockList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** With `onActivityOpen`, the source activity is a button (ThreatActivityView opens it in the drilldown). */
export const WithActivityLinks: Story = { args: { onActivityOpen: () => undefined } };

export const Expired: Story = {
  args: { defaultState: 'expired' },
  parameters: params(() => blocksStoryAdapter(makeBlocks(12, { expiresAt: COLLECTION_STORY_NOW - 3_600_000 }))),
};

export const Loading: Story = { parameters: params(() => blocksStoryAdapter([], loadingBlocks)) };

export const Empty: Story = { parameters: params(() => blocksStoryAdapter([])) };

export const NoSearchMatch: Story = { args: { defaultSearch: '10.255.' } };

/** The first load fails; Retry loads the blocks. */
export const ErrorWithRetry: Story = {
  parameters: params(() => {
    const backend = blocksBackend(makeBlocks(24));
    return blocksStoryAdapter([], { listBlocks: failingOnce('server', backend.listBlocks) });
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent('Could not load IP blocks.');
  },
};

/** 500 blocks, 50 per page: Load more or scroll to the end. */
export const Many: Story = {
  name: 'Many (500 blocks)',
  parameters: params(() => blocksStoryAdapter(makeBlocks(500))),
};

/** Unblock asks first: the confirmation, open. */
export const UnblockConfirmation: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    const [first] = await canvas.findAllByRole('button', { name: /^Unblock / }, { timeout: 3000 });
    await userEvent.click(first!);
    await expect(await body.findByRole('dialog', { name: 'Remove this block?' })).toBeVisible();
  },
};

/** The unblock's answer is lost after the server removed it: the dialog says it may already be done. */
export const UnblockOutcomeUnknown: Story = {
  parameters: params(() => blocksStoryAdapter(makeBlocks(6), { unblock: () => Promise.reject(new AdapterError('timeout', 'timeout')) })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    const [first] = await canvas.findAllByRole('button', { name: /^Unblock / }, { timeout: 3000 });
    await userEvent.click(first!);
    const dialog = await body.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Unblock' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('may already be removed');
  },
};

/** The backend lists blocks but cannot remove them. */
export const ReadOnly: Story = {
  parameters: params(() => {
    const backend = blocksBackend(makeBlocks(8));
    return createTestAdapter({ capabilities: { blockList: true }, listBlocks: backend.listBlocks });
  }),
};

/** Reasons and targets are real XSS payloads: all of it shows as text. */
export const HostileText: Story = {
  parameters: params(() => {
    const payloads = xssPayloadText.split('\n').filter(Boolean).slice(0, 40);
    return blocksStoryAdapter(payloads.map((p, i) => makeBlock(i, { target: i % 2 ? p.slice(0, 60) : `203.0.113.${i}`, reason: p, activityId: p.slice(0, 40) })));
  }),
};

export const Dark: Story = { args: { onActivityOpen: () => undefined }, parameters: params(() => blocksStoryAdapter(), 'dark') };
