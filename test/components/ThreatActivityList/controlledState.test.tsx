// @vitest-environment jsdom
// The list's selection and open activity, owned by a host or by the list itself.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { EMPTY_SELECTION, type ActivitySelection } from '../../../src/core/activitySelection';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivities, mockGridViewport, NOW, pagedList } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const provider = { provider: { now: () => NOW } };
const adapter = () => createTestAdapter({ listActivities: pagedList(() => makeActivities(6)) });
const ids = (...list: string[]): ActivitySelection => ({ kind: 'ids', ids: new Set(list), anchor: null });
// Row 2 is act-0 (row 1 is the header).
const selectedRows = (grid: HTMLElement) => bodyRows(grid).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.getAttribute('aria-rowindex'));
const currentRows = (grid: HTMLElement) => bodyRows(grid).filter((r) => r.getAttribute('aria-current') === 'true').map((r) => r.getAttribute('aria-rowindex'));

describe('ThreatActivityList selection / defaultSelection / onSelectionChange', () => {
  test('shows the host’s selection and reports a change without taking it over', async () => {
    const user = userEvent.setup({ delay: null });
    const onSelectionChange = vi.fn();
    renderWithProvider(<ThreatActivityList selection={ids('act-1', 'act-3')} onSelectionChange={onSelectionChange} />, adapter(), provider);
    const grid = await screen.findByRole('grid');
    expect(selectedRows(grid)).toEqual(['3', '5']);
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select GET /api/items/{id}/r0 from 10.0.0.0' }));
    const next = onSelectionChange.mock.lastCall![0] as ActivitySelection;
    expect(next.kind === 'ids' && [...next.ids].sort()).toEqual(['act-0', 'act-1', 'act-3']);
    // Not accepted by the host: unchanged.
    expect(selectedRows(grid)).toEqual(['3', '5']);
  });

  test('follows a host that accepts changes, and a new query asks for an empty selection', async () => {
    const user = userEvent.setup({ delay: null });
    const seen: ActivitySelection[] = [];
    function Host() {
      const [selection, setSelection] = useState<ActivitySelection>(ids('act-2'));
      return (
        <ThreatActivityList
          selection={selection}
          onSelectionChange={(next) => {
            seen.push(next);
            setSelection(next);
          }}
        />
      );
    }
    renderWithProvider(<Host />, adapter(), provider);
    const grid = await screen.findByRole('grid');
    expect(selectedRows(grid)).toEqual(['4']);
    await user.click(screen.getByRole('checkbox', { name: 'Select GET /api/items/{id}/r4 from 10.0.0.4' }));
    expect(selectedRows(grid)).toEqual(['4', '6']);
    await user.click(screen.getByRole('tab', { name: /Under Review/ }));
    await waitFor(() => expect(seen.at(-1)).toBe(EMPTY_SELECTION));
    expect(screen.queryByText(/selected$/)).toBeNull();
  });

  test('starts from defaultSelection when uncontrolled and selects by itself', async () => {
    const user = userEvent.setup({ delay: null });
    const onSelectionChange = vi.fn();
    renderWithProvider(<ThreatActivityList defaultSelection={ids('act-0')} onSelectionChange={onSelectionChange} />, adapter(), provider);
    const grid = await screen.findByRole('grid');
    expect(selectedRows(grid)).toEqual(['2']);
    act(() => grid.focus());
    await user.keyboard('{Escape}');
    expect(onSelectionChange).toHaveBeenLastCalledWith(EMPTY_SELECTION);
    expect(selectedRows(grid)).toEqual([]);
  });
});

describe('ThreatActivityList openActivityId / defaultOpenActivityId / onOpenActivityChange', () => {
  test('marks the host’s open activity and reports a row activation without moving the mark', async () => {
    const user = userEvent.setup({ delay: null });
    const onOpenActivityChange = vi.fn();
    renderWithProvider(<ThreatActivityList openActivityId="act-1" onOpenActivityChange={onOpenActivityChange} />, adapter(), provider);
    const grid = await screen.findByRole('grid');
    expect(currentRows(grid)).toEqual(['3']);
    await user.click(within(bodyRows(grid)[4]!).getByText('/api/items/{id}/r4'));
    expect(onOpenActivityChange).toHaveBeenLastCalledWith('act-4');
    expect(currentRows(grid)).toEqual(['3']);
  });

  test('opens rows by itself when uncontrolled', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProvider(<ThreatActivityList defaultOpenActivityId="act-0" />, adapter(), provider);
    const grid = await screen.findByRole('grid');
    expect(currentRows(grid)).toEqual(['2']);
    await user.click(within(bodyRows(grid)[2]!).getByText('/api/items/{id}/r2'));
    expect(currentRows(grid)).toEqual(['4']);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(currentRows(grid)).toEqual(['5']);
  });
});
