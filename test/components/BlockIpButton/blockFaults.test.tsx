// @vitest-environment jsdom
/**
 * Block and unblock under injected faults (memory adapter), the risk
 * acknowledgement the backend now requires, and its typed refusal.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../../src/adapters/memory';
import { BlockIpButton } from '../../../src/components/BlockIpButton';
import type { BlockParams } from '../../../src/core/adapter';
import { AdapterError } from '../../../src/core/errors';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';
import { useActivityDetail } from '../../../src/hooks/useActivityDetail';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeActivity, NOW } from '../EventActions/activityFixture';

const DAY = 86_400_000;
const signal = () => new AbortController().signal;
const provider = { writeRetry: { retries: 2, delayMs: () => 150 }, timeZone: 'UTC' };

function Probe({ id }: { id: string }) {
  const detail = useActivityDetail(id);
  return detail.data ? <BlockIpButton activity={detail.data} /> : null;
}

async function setup(faults: Pick<MemoryAdapterOptions, 'failOn' | 'failAfterCommitOn'>, prepare?: (adapter: ReturnType<typeof createMemoryAdapter>, a: Activity) => Promise<void>) {
  const adapter = createMemoryAdapter({ seed: 4, activities: 30, hugeActivityAttempts: 0, live: false, ...faults });
  const activity = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
  await prepare?.(adapter, activity);
  const spies = { block: vi.spyOn(adapter, 'block'), unblock: vi.spyOn(adapter, 'unblock') };
  const activeBlocks = async () => (await adapter.listBlocks({ pageSize: 50, signal: signal() })).items;
  renderWithProvider(<Probe id={activity.id} />, adapter, { provider });
  return { adapter, activity, spies, activeBlocks };
}

async function blockTarget(user: ReturnType<typeof userEvent.setup>, target: string, reason = '') {
  await user.click(await screen.findByRole('button', { name: 'Block IP' }));
  const dialog = await screen.findByRole('dialog', { name: 'Block an IP address' });
  const input = within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' });
  await user.clear(input);
  await user.type(input, target);
  if (reason) await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), reason);
  return dialog;
}

const keysOf = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => (c[0] as { idempotencyKey?: string }).idempotencyKey);

describe('BlockIpButton: risk acknowledgement', () => {
  it('sends acknowledgeRisk when the analyst confirmed a dangerous range, so the backend accepts it', async () => {
    const user = userEvent.setup();
    const { spies, activeBlocks } = await setup({});
    const dialog = await blockTarget(user, '10.0.0.0/8');
    await user.click(within(dialog).getByRole('checkbox', { name: 'I understand the risk and want to block 10.0.0.0/8' }));
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await screen.findByText(/^Blocked 10\.0\.0\.0\/8 until /)).toBeInTheDocument();
    expect(spies.block.mock.calls[0]![0]).toMatchObject({ target: '10.0.0.0/8', acknowledgeRisk: true });
    expect((await activeBlocks()).map((b) => b.target)).toEqual(['10.0.0.0/8']);
  });

  it("shows the backend's typed refusal as such, with the confirmation, and blocks once confirmed", async () => {
    const user = userEvent.setup();
    // The backend knows a range this UI does not flag.
    const block = vi.fn(async (params: BlockParams) => {
      if (!params.acknowledgeRisk) throw new AdapterError('invalid_request', 'Dangerous target.', { path: 'acknowledgeRisk', detail: 'reserved,wide-prefix' });
      return { blockId: 'b1', target: params.target, createdAt: NOW, expiresAt: NOW + DAY };
    });
    renderWithProvider(<BlockIpButton activity={makeActivity()} />, createTestAdapter({ block, unblock: vi.fn() }), { provider: { ...provider, now: () => NOW } });
    const dialog = await blockTarget(user, '8.8.8.8', 'scanner');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The server refused to block 8.8.8.8 without your confirmation that you understand the risk. Confirm below and block again.',
    );
    const warnings = within(dialog).getByText('This target is dangerous to block:').parentElement!;
    expect(within(warnings).getAllByRole('listitem').map((li) => li.getAttribute('data-warning'))).toEqual(['reserved', 'wide-prefix']);
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('scanner');
    await user.click(within(dialog).getByRole('checkbox', { name: 'I understand the risk and want to block 8.8.8.8' }));
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await screen.findByText(/^Blocked 8\.8\.8\.8 until /)).toBeInTheDocument();
    expect(block).toHaveBeenCalledTimes(2);
    expect(block.mock.calls[1]![0]).toMatchObject({ acknowledgeRisk: true, reason: 'scanner' });
    // A different request (now acknowledged) is a new intent: a new key.
    expect(block.mock.calls[1]![0].idempotencyKey).not.toBe(block.mock.calls[0]![0].idempotencyKey);
  });
});

describe('BlockIpButton: block under faults', () => {
  it('failure before the commit: no block, says so, keeps the input; the retry blocks once with the same key', async () => {
    const user = userEvent.setup();
    const { spies, activeBlocks } = await setup({ failOn: { block: { code: 'server', times: 1 } } });
    const dialog = await blockTarget(user, '8.8.8.8', 'abuse');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The block was not applied. The server failed to handle the request.');
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('abuse');
    expect(await activeBlocks()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await screen.findByText(/^Blocked 8\.8\.8\.8 until /)).toBeInTheDocument();
    expect(await activeBlocks()).toHaveLength(1);
    expect(new Set(keysOf(spies.block)).size).toBe(1);
  });

  it('response lost after the commit: "checking", then blocked, with one block', async () => {
    const user = userEvent.setup();
    const { spies, activeBlocks } = await setup({ failAfterCommitOn: { block: { code: 'network', times: 1 } } });
    const dialog = await blockTarget(user, '8.8.8.8');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await within(dialog).findByText('Checking whether the block was applied…')).toBeInTheDocument();
    expect(await screen.findByText(/^Blocked 8\.8\.8\.8 until /)).toBeInTheDocument();
    expect(await activeBlocks()).toHaveLength(1);
    expect(spies.block).toHaveBeenCalledTimes(2);
    expect(new Set(keysOf(spies.block)).size).toBe(1);
  });

  it('a definitive error says so', async () => {
    const user = userEvent.setup();
    const { activeBlocks } = await setup({ failOn: { block: 'forbidden' } });
    const dialog = await blockTarget(user, '8.8.8.8');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The block was not applied. You do not have permission to do this.');
    expect(await activeBlocks()).toEqual([]);
  });
});

describe('BlockIpButton: unblock under faults', () => {
  const blockActor = async (adapter: ReturnType<typeof createMemoryAdapter>, a: Activity) => {
    await adapter.block({ target: a.actor.ip, durationMs: DAY, activityId: a.id, acknowledgeRisk: true, signal: signal() });
  };

  it('failure before the commit: the block stays and says why; the retry removes it', async () => {
    const user = userEvent.setup();
    const { activity, activeBlocks, spies } = await setup({ failOn: { unblock: { code: 'server', times: 1 } } }, blockActor);
    await user.click(await screen.findByRole('button', { name: 'Unblock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The block could not be removed. The server failed to handle the request.');
    expect(await activeBlocks()).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Unblock' }));
    expect(await screen.findByText(`Block on ${activity.actor.ip} removed.`)).toBeInTheDocument();
    expect(await activeBlocks()).toEqual([]);
    expect(new Set(keysOf(spies.unblock)).size).toBe(1);
  });

  it('response lost after the commit: "checking", then removed (the replay does not say "not found")', async () => {
    const user = userEvent.setup();
    const { activity, activeBlocks } = await setup({ failAfterCommitOn: { unblock: { code: 'network', times: 1 } } }, blockActor);
    await user.click(await screen.findByRole('button', { name: 'Unblock' }));
    expect(await screen.findByText('Checking whether the block was removed…')).toBeInTheDocument();
    expect(await screen.findByText(`Block on ${activity.actor.ip} removed.`)).toBeInTheDocument();
    await waitFor(async () => expect(await activeBlocks()).toEqual([]));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
