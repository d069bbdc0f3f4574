/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { SuppressionRules } from '../src/components/SuppressionRules';
import { AdapterError } from '../src/core/errors';
import { createTestAdapter } from '../src/testing/createTestAdapter';
import xssPayloadText from '../test/fixtures/xss-payloads.txt?raw';
import { COLLECTION_STORY_NOW, failingOnce, loadingRules, makeRule, makeRules, rulesBackend, rulesStoryAdapter } from './support/collectionStoryData';

const params = (adapter: () => ReturnType<typeof rulesStoryAdapter>, theme?: 'dark') => ({
  threatdeck: { adapter, now: COLLECTION_STORY_NOW, ...(theme ? { theme } : {}) },
});

const meta = {
  title: 'SuppressionRules',
  component: SuppressionRules,
  parameters: {
    layout: 'padded',
    ...params(() => rulesStoryAdapter()),
    docs: {
      description: {
        component:
          'The suppression rules a team has made (Ignore creates them): Active / Expired, a search over actor, endpoint, policy and reason, each with created at, expiry, hit count and last hit, paged from the adapter (Load more, and infinite scroll). Delete asks first, stays open while pending and says honestly when the outcome is unknown. Every backend string is text.',
      },
    },
  },
} satisfies Meta<typeof SuppressionRules>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Expired: Story = {
  args: { defaultState: 'expired' },
  parameters: params(() => rulesStoryAdapter(makeRules(12, { expiresAt: COLLECTION_STORY_NOW - 3_600_000 }))),
};

export const Loading: Story = { parameters: params(() => rulesStoryAdapter([], loadingRules)) };

export const Empty: Story = { parameters: params(() => rulesStoryAdapter([])) };

export const NoSearchMatch: Story = { args: { defaultSearch: 'no-such-actor' } };

/** The first load fails; Retry loads the rules. */
export const ErrorWithRetry: Story = {
  parameters: params(() => {
    const backend = rulesBackend(makeRules(24));
    return rulesStoryAdapter([], { listSuppressionRules: failingOnce('network', backend.listSuppressionRules) });
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent('Could not load suppression rules.');
  },
};

/** 600 rules, 50 per page: Load more or scroll to the end. */
export const Many: Story = {
  name: 'Many (600 rules)',
  parameters: params(() => rulesStoryAdapter(makeRules(600))),
};

/** Delete asks first: the confirmation, open. */
export const DeleteConfirmation: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    const [first] = await canvas.findAllByRole('button', { name: /^Delete rule for/ }, { timeout: 3000 });
    await userEvent.click(first!);
    await expect(await body.findByRole('dialog', { name: 'Delete this suppression rule?' })).toBeVisible();
  },
};

/** The backend lists rules but cannot delete them. */
export const ReadOnly: Story = {
  parameters: params(() => {
    const backend = rulesBackend(makeRules(8));
    return createTestAdapter({ capabilities: { suppressionRules: true }, listSuppressionRules: backend.listSuppressionRules });
  }),
};

/** Every attacker-written field is a real XSS payload: all of it shows as text. */
export const HostileText: Story = {
  parameters: params(() => {
    const payloads = xssPayloadText.split('\n').filter(Boolean).slice(0, 40);
    return rulesStoryAdapter(
      payloads.map((p, i) => makeRule(i, { actorIp: i % 2 ? p.slice(0, 60) : `198.51.100.${i}`, endpoint: { method: 'GET', host: p.slice(0, 40), path: `/${p}` }, policyId: p.slice(0, 30), reason: p })),
    );
  }),
};

export const Dark: Story = { parameters: params(() => rulesStoryAdapter(), 'dark') };

export const DarkDeleteFailed: Story = {
  name: 'Dark, delete failed',
  parameters: params(() => rulesStoryAdapter(makeRules(6), { deleteSuppressionRule: () => Promise.reject(new AdapterError('forbidden', 'forbidden')) }), 'dark'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    const [first] = await canvas.findAllByRole('button', { name: /^Delete rule for/ }, { timeout: 3000 });
    await userEvent.click(first!);
    const dialog = await body.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete rule' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('The rule was not deleted.');
  },
};
