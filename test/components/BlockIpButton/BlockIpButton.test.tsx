// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BlockIpButton } from '../../../src/components/BlockIpButton';
import { AdapterError } from '../../../src/core/errors';
import type { IpBlock } from '../../../src/core/model';
import { createFormatters } from '../../../src/i18n/formatters';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { deferred, makeActivity, NOW } from '../EventActions/activityFixture';

const provider = { now: () => NOW, timeZone: 'UTC' };
const fmt = createFormatters('en', 'UTC', () => NOW);
const DAY = 86_400_000;

function blockOk(overrides: Partial<IpBlock> = {}) {
  return vi.fn(async ({ target, durationMs }: { target: string; durationMs: number | null }) => ({
    blockId: 'blk-1',
    target,
    createdAt: NOW,
    expiresAt: durationMs === null ? null : NOW + durationMs,
    ...overrides,
  }));
}

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Block IP' }));
  return screen.findByRole('dialog', { name: 'Block an IP address' });
}

describe('BlockIpButton', () => {
  it('is keyboard-operable: states what and until when, traps focus, restores it on Escape', async () => {
    const user = userEvent.setup();
    renderWithProvider(<BlockIpButton activity={makeActivity()} />, createTestAdapter({ block: blockOk(), unblock: vi.fn() }), { provider });
    await user.tab();
    const trigger = screen.getByRole('button', { name: 'Block IP' });
    expect(trigger).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' })).toHaveValue('185.220.101.4');
    expect(within(dialog).getByText(`Will block 185.220.101.4 (1 address) until ${fmt.dateTime(NOW + DAY)}.`)).toBeInTheDocument();
    for (let i = 0; i < 14; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(trigger).toHaveFocus();
  });

  it('blocks once, shows "Blocked until" with Undo, and undoes by block id', async () => {
    const user = userEvent.setup();
    const block = blockOk();
    const unblock = vi.fn().mockResolvedValue(undefined);
    const onBlocked = vi.fn();
    const onUnblocked = vi.fn();
    renderWithProvider(
      <BlockIpButton activity={makeActivity()} onBlocked={onBlocked} onUnblocked={onUnblocked} />,
      createTestAdapter({ block, unblock }),
      { provider },
    );
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('radio', { name: '7 days' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'credential stuffing');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(block).toHaveBeenCalledTimes(1);
    expect(block.mock.calls[0]![0]).toMatchObject({ target: '185.220.101.4', durationMs: 7 * DAY, reason: 'credential stuffing', activityId: 'act-1' });
    expect(screen.getByRole('status')).toHaveTextContent(`Blocked 185.220.101.4 until ${fmt.dateTime(NOW + 7 * DAY)}.`);
    expect(onBlocked).toHaveBeenCalledWith(expect.objectContaining({ blockId: 'blk-1' }));
    const undo = screen.getByRole('button', { name: 'Unblock' });
    await waitFor(() => expect(undo).toHaveFocus());

    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Block on 185.220.101.4 removed.'));
    expect(unblock).toHaveBeenCalledTimes(1);
    expect(unblock.mock.calls[0]![0]).toMatchObject({ blockId: 'blk-1' });
    expect(onUnblocked).toHaveBeenCalledWith('blk-1');
    expect(screen.getByRole('button', { name: 'Block IP' })).toHaveFocus();
  });

  it('widens to a CIDR range, normalised to its network, and blocks permanently', async () => {
    const user = userEvent.setup();
    const block = blockOk();
    renderWithProvider(<BlockIpButton activity={makeActivity()} />, createTestAdapter({ block }), { provider });
    const dialog = await openDialog(user);
    const input = within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' });
    await user.type(input, '/24');
    await user.click(within(dialog).getByRole('radio', { name: 'Permanent' }));
    expect(within(dialog).getByText('Will block 185.220.101.0/24 (256 addresses) permanently.')).toBeInTheDocument();
    expect(within(dialog).getByText('The range was rounded down to its network address.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(block).toHaveBeenCalledTimes(1));
    expect(block.mock.calls[0]![0]).toMatchObject({ target: '185.220.101.0/24', durationMs: null });
    expect(block.mock.calls[0]![0]).not.toHaveProperty('reason');
    expect(await screen.findByRole('status')).toHaveTextContent('Blocked 185.220.101.0/24 permanently.');
  });

  it('refuses invalid targets with a linked error and focuses the field', async () => {
    const user = userEvent.setup();
    const block = blockOk();
    renderWithProvider(<BlockIpButton activity={makeActivity()} />, createTestAdapter({ block }), { provider });
    const dialog = await openDialog(user);
    const input = within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' });
    await user.clear(input);
    await user.type(input, '127.1');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(input).toHaveFocus();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/Write IPv4 addresses as four decimal numbers/);
    expect(block).not.toHaveBeenCalled();
  });

  it('requires an explicit second confirmation for a dangerous range', async () => {
    const user = userEvent.setup();
    const block = blockOk();
    const { baseElement } = renderWithProvider(<BlockIpButton activity={makeActivity()} />, createTestAdapter({ block }), { provider });
    const dialog = await openDialog(user);
    const input = within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' });
    await user.clear(input);
    await user.type(input, '10.0.0.0/8');
    const warnings = within(dialog).getByText('This target is dangerous to block:').parentElement!;
    expect(within(warnings).getAllByRole('listitem').map((li) => li.getAttribute('data-warning'))).toEqual(['private', 'wide-prefix']);
    expect(within(dialog).getByText('Will block 10.0.0.0/8 (16,777,216 addresses) until ' + fmt.dateTime(NOW + DAY) + '.')).toBeInTheDocument();
    expect(await axeViolations(baseElement)).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    const ack = within(dialog).getByRole('checkbox', { name: 'I understand the risk and want to block 10.0.0.0/8' });
    expect(ack).toHaveFocus();
    expect(ack).toHaveAccessibleDescription('Confirm that you understand the risk before blocking this target.');
    expect(block).not.toHaveBeenCalled();

    await user.keyboard(' ');
    // Changing the target withdraws the confirmation.
    await user.clear(input);
    await user.type(input, '10.0.0.0/9');
    const ack9 = within(dialog).getByRole('checkbox', { name: 'I understand the risk and want to block 10.0.0.0/9' });
    expect(ack9).not.toBeChecked();
    await user.click(ack9);
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(block).toHaveBeenCalledTimes(1));
    expect(block.mock.calls[0]![0]).toMatchObject({ target: '10.0.0.0/9' });
  });

  it("warns about the host's own address", async () => {
    const user = userEvent.setup();
    renderWithProvider(<BlockIpButton activity={makeActivity()} ownAddresses={['185.220.101.0/28']} />, createTestAdapter({ block: blockOk() }), { provider });
    const dialog = await openDialog(user);
    expect(within(dialog).getByText('It includes one of your own addresses: you may lock yourself or your users out.')).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox', { name: /I understand the risk/ })).toBeInTheDocument();
  });

  it('shows huge IPv6 ranges as a power of two', async () => {
    const user = userEvent.setup();
    renderWithProvider(<BlockIpButton activity={makeActivity({ actor: { ip: '2a00:1450:4001::5' } })} />, createTestAdapter({ block: blockOk() }), { provider });
    const dialog = await openDialog(user);
    const input = within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' });
    await user.type(input, '/32');
    expect(within(dialog).getByText(/Will block 2a00:1450::\/32 \(2\^96 addresses\)/)).toBeInTheDocument();
  });

  it('keeps the dialog open with its values when the block fails, and says why', async () => {
    const user = userEvent.setup();
    const block = vi.fn().mockRejectedValue(new AdapterError('rate_limited', 'slow down'));
    const onError = vi.fn();
    renderWithProvider(<BlockIpButton activity={makeActivity()} onError={onError} />, createTestAdapter({ block }), { provider });
    const dialog = await openDialog(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' }), '/24');
    await user.click(within(dialog).getByRole('radio', { name: '30 days' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'bot');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The block was not applied. Too many requests. Try again in a moment.');
    expect(within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' })).toHaveValue('185.220.101.4/24');
    expect(within(dialog).getByRole('radio', { name: '30 days' })).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('bot');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'rate_limited' }));
  });

  it('sends one block for a double click', async () => {
    const write = deferred<IpBlock>();
    const block = vi.fn(() => write.promise);
    const user = userEvent.setup();
    renderWithProvider(<BlockIpButton activity={makeActivity()} defaultOpen />, createTestAdapter({ block }), { provider });
    const submit = within(await screen.findByRole('dialog')).getByRole('button', { name: 'Block' });
    fireEvent.click(submit);
    fireEvent.click(submit);
    await user.dblClick(submit);
    await act(async () => write.resolve({ blockId: 'b', target: '185.220.101.4', createdAt: NOW, expiresAt: NOW + DAY }));
    expect(block).toHaveBeenCalledTimes(1);
  });

  it('explains instead of blocking when the backend cannot block', async () => {
    const user = userEvent.setup();
    const { container } = renderWithProvider(<BlockIpButton activity={makeActivity()} />, createTestAdapter(), { provider });
    const trigger = screen.getByRole('button', { name: 'Block IP' });
    expect(trigger).toHaveAttribute('aria-disabled', 'true');
    expect(trigger).toHaveAccessibleDescription('This backend cannot block IP addresses.');
    await user.click(trigger);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows an existing block, and explains when Undo is not possible', async () => {
    const user = userEvent.setup();
    const activity = makeActivity({ blocked: { blockId: 'old', target: '185.220.101.0/24', expiresAt: NOW + 3_600_000 } });
    renderWithProvider(<BlockIpButton activity={activity} />, createTestAdapter({ block: blockOk() }), { provider });
    expect(screen.getByRole('status')).toHaveTextContent(`Blocked 185.220.101.0/24 until ${fmt.dateTime(NOW + 3_600_000)}.`);
    const undo = screen.getByRole('button', { name: 'Unblock' });
    expect(undo).toHaveAttribute('aria-disabled', 'true');
    expect(undo).toHaveAccessibleDescription(/This backend cannot undo blocks; remove it in your firewall\./);
    await user.click(undo);
    expect(screen.getByRole('status')).toHaveTextContent('Blocked 185.220.101.0/24');
  });

  it('keeps the block shown and says why when Undo fails', async () => {
    const user = userEvent.setup();
    const unblock = vi.fn().mockRejectedValue(new AdapterError('not_found', 'gone'));
    const activity = makeActivity({ blocked: { blockId: 'old', target: '185.220.101.4', expiresAt: null } });
    renderWithProvider(<BlockIpButton activity={activity} />, createTestAdapter({ block: blockOk(), unblock }), { provider });
    await user.click(screen.getByRole('button', { name: 'Unblock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The block could not be removed. Not found.');
    expect(screen.getByRole('status')).toHaveTextContent('Blocked 185.220.101.4 permanently.');
    expect(unblock.mock.calls[0]![0]).toMatchObject({ blockId: 'old' });
  });
});
