// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BlockList } from '../../../src/components/BlockList';
import { AdapterError } from '../../../src/core/errors';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { blocksBackend, makeBlock, makeBlocks, NOW } from '../SuppressionRules/collectionTestKit';

const provider = { provider: { now: () => NOW, timeZone: 'UTC' } };

function blocksAdapter(backend: ReturnType<typeof blocksBackend>, overrides: Parameters<typeof createTestAdapter>[0] = {}) {
  return createTestAdapter({
    listBlocks: backend.listBlocks,
    unblock: backend.unblock,
    ...overrides,
    capabilities: { blockList: true, ...overrides.capabilities },
  });
}

const bodyRowsOf = (table: HTMLElement) => [...table.querySelectorAll<HTMLElement>('tbody > tr')];

describe('BlockList', () => {
  test('lists each block with target, reason, created, expiry or permanent, and its activity, as text; axe-clean', async () => {
    const hostile = '"><svg onload=alert(1)>';
    const backend = blocksBackend([
      makeBlock(0, { target: '185.220.101.0/24', reason: hostile, activityId: 'act-42', expiresAt: NOW + 86_400_000 }),
      makeBlock(1, { target: '2001:db8::/48', expiresAt: null }),
    ]);
    const onActivityOpen = vi.fn();
    const user = userEvent.setup({ delay: null });
    const { container } = renderWithProvider(<BlockList onActivityOpen={onActivityOpen} />, blocksAdapter(backend), provider);

    const table = await screen.findByRole('table', { name: 'Active IP blocks' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Target', 'Reason', 'Created', 'Expires', 'From activity', 'Actions']);
    const [first, second] = bodyRowsOf(table);
    expect(within(first!).getByRole('rowheader')).toHaveTextContent('185.220.101.0/24');
    const cells = within(first!).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent(hostile);
    expect(container.querySelector('svg')).toBeNull();
    expect(cells[1]).toHaveTextContent('Jan 15, 2026');
    expect(cells[2]).toHaveTextContent('Jan 16, 2026');
    expect(within(second!).getAllByRole('cell')[2]).toHaveTextContent('Permanent');
    expect(within(second!).getAllByRole('cell')[3]).toHaveTextContent('None');
    expect(screen.getByText('Showing 2 of 2 blocks')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);

    await user.click(within(first!).getByRole('button', { name: 'Open activity act-42' }));
    expect(onActivityOpen).toHaveBeenCalledWith('act-42');
  });

  test('Expired shows blocks that ran out, without Unblock', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = blocksBackend([makeBlock(1), makeBlock(2, { target: '192.0.2.77', expiresAt: NOW - 60_000 })]);
    renderWithProvider(<BlockList />, blocksAdapter(backend), provider);
    await screen.findByRole('table', { name: 'Active IP blocks' });
    await user.click(screen.getByRole('tab', { name: 'Expired' }));
    const table = await screen.findByRole('table', { name: 'Expired IP blocks' });
    expect(within(table).getByRole('rowheader', { name: '192.0.2.77' })).toBeInTheDocument();
    expect(within(table).getByText(/^Expired Jan 15, 2026/)).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /Unblock/ })).not.toBeInTheDocument();
    expect(backend.calls.at(-1)).toMatchObject({ state: 'expired' });
  });

  test('search goes to the backend; no match says so', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = blocksBackend([makeBlock(1, { reason: 'Botnet A' }), makeBlock(3, { reason: 'Scraper' })]);
    renderWithProvider(<BlockList defaultSearch="" />, blocksAdapter(backend), provider);
    await screen.findByRole('table');
    const box = screen.getByRole('searchbox', { name: 'Search IP blocks' });
    await user.type(box, 'botnet');
    // Committed after a pause in typing, without Enter.
    await waitFor(() => expect(bodyRowsOf(screen.getByRole('table'))).toHaveLength(1));
    expect(backend.calls.at(-1)).toMatchObject({ search: 'botnet' });
    await user.clear(box);
    await user.type(box, 'zzz{Enter}');
    expect(await screen.findByText('No IP blocks match “zzz”.')).toBeInTheDocument();
  });

  test('Unblock asks first; confirm removes it once and says so; focus moves to the next row', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = blocksBackend([makeBlock(1, { target: '203.0.113.10' }), makeBlock(3, { target: '203.0.113.30' })]);
    const adapter = blocksAdapter(backend);
    const spy = vi.spyOn(adapter, 'unblock');
    const onUnblocked = vi.fn();
    renderWithProvider(<BlockList onUnblocked={onUnblocked} />, adapter, provider);

    const button = await screen.findByRole('button', { name: 'Unblock 203.0.113.10' });
    button.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Remove this block?' });
    expect(dialog).toHaveTextContent('Requests from 203.0.113.10 will be accepted again.');
    expect(await axeViolations(document.body)).toEqual([]);
    await user.dblClick(within(dialog).getByRole('button', { name: 'Unblock' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(spy).toHaveBeenCalledTimes(1);
    expect(onUnblocked).toHaveBeenCalledWith('blk-1');
    expect(await screen.findByText('Block on 203.0.113.10 removed.')).toBeInTheDocument();
    expect(within(screen.getByRole('table')).queryByRole('rowheader', { name: '203.0.113.10' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unblock 203.0.113.30' })).toHaveFocus();
  });

  test('a failed unblock keeps the dialog and says why; Escape closes it and focus returns to the row', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = blocksBackend([makeBlock(1, { target: '203.0.113.10' })]);
    const adapter = blocksAdapter(backend, { unblock: async () => Promise.reject(new AdapterError('conflict', 'changed')) });
    renderWithProvider(<BlockList />, adapter, provider);
    const button = await screen.findByRole('button', { name: 'Unblock 203.0.113.10' });
    await user.click(button);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Unblock' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The block was not removed. Someone else changed this in the meantime.');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(button).toHaveFocus();
    expect(backend.store.blocks).toHaveLength(1);
  });

  test('error with retry, then paging to the end', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = blocksBackend(makeBlocks(120, { expiresAt: null }));
    let fail = true;
    const adapter = blocksAdapter(backend, {
      listBlocks: async (params) => {
        if (fail) {
          fail = false;
          throw new AdapterError('rate_limited', 'slow down', { retryAfterMs: 2000 });
        }
        return backend.listBlocks(params);
      },
    });
    renderWithProvider(<BlockList pageSize={50} />, adapter, provider);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load IP blocks. Too many requests. Try again in a moment. (2 s)');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    const table = await screen.findByRole('table');
    expect(bodyRowsOf(table)).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(bodyRowsOf(table)).toHaveLength(100));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(bodyRowsOf(table)).toHaveLength(120));
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  test('empty, unsupported and no-unblock backends', async () => {
    const empty = renderWithProvider(<BlockList />, blocksAdapter(blocksBackend([])), provider);
    expect(await screen.findByText('No active IP blocks.')).toBeInTheDocument();
    empty.unmount();

    const unsupported = renderWithProvider(<BlockList />, createTestAdapter({ listBlocks: blocksBackend([]).listBlocks, capabilities: { blockList: false } }), provider);
    // Without the `blockList` capability the method is not trusted.
    expect(screen.getByText('This backend does not list IP blocks.')).toBeInTheDocument();
    unsupported.unmount();

    const backend = blocksBackend([makeBlock(1)]);
    renderWithProvider(<BlockList />, createTestAdapter({ capabilities: { blockList: true }, listBlocks: backend.listBlocks }), provider);
    const table = await screen.findByRole('table');
    expect(within(table).queryByRole('button', { name: /Unblock/ })).not.toBeInTheDocument();
    expect(screen.getByText('This backend cannot remove blocks; remove them in your firewall.')).toBeInTheDocument();
  });
});
