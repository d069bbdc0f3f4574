// @vitest-environment jsdom
// The view's panel width and the list's selection, owned by a host or by the view.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatActivityView } from '../../../src/components/ThreatActivityView';
import type { ActivitySelection } from '../../../src/core/activitySelection';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivities, makeActivity, mockGridViewport, NOW, pagedList } from '../ThreatActivityList/listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const provider = { provider: { now: () => NOW } };
const adapter = () =>
  createTestAdapter({
    listActivities: pagedList(() => makeActivities(6)),
    getActivity: async ({ id }) => ({ ...makeActivity(Number(id.slice(4))), description: '', details: '', impact: '', references: [] }),
  });

describe('ThreatActivityView panelWidth / defaultPanelWidth / onPanelWidthChange', () => {
  test('sizes the panel from the host and reports a resize without taking it over', async () => {
    const user = userEvent.setup({ delay: null });
    const onPanelWidthChange = vi.fn();
    const { container } = renderWithProvider(
      <ThreatActivityView defaultOpenActivityId="act-1" panelWidth={600} onPanelWidthChange={onPanelWidthChange} />,
      adapter(),
      provider,
    );
    const splitter = await screen.findByRole('separator', { name: 'Resize the activity panel' });
    expect(splitter).toHaveAttribute('aria-valuenow', '600');
    expect(container.querySelector<HTMLElement>('[data-slot="threat-activity-view"]')!.style.getPropertyValue('--_td-panel-width')).toBe('600px');
    splitter.focus();
    await user.keyboard('{ArrowLeft}');
    expect(onPanelWidthChange).toHaveBeenLastCalledWith(624);
    expect(splitter).toHaveAttribute('aria-valuenow', '600');
  });

  test('resizes by itself when uncontrolled', async () => {
    const user = userEvent.setup({ delay: null });
    const onPanelWidthChange = vi.fn();
    renderWithProvider(<ThreatActivityView defaultOpenActivityId="act-1" defaultPanelWidth={500} onPanelWidthChange={onPanelWidthChange} />, adapter(), provider);
    const splitter = await screen.findByRole('separator', { name: 'Resize the activity panel' });
    splitter.focus();
    await user.keyboard('{ArrowLeft}');
    expect(onPanelWidthChange).toHaveBeenLastCalledWith(524);
    expect(splitter).toHaveAttribute('aria-valuenow', '524');
  });
});

describe('ThreatActivityView selection', () => {
  test('hands the host’s selection to its list and reports changes', async () => {
    const user = userEvent.setup({ delay: null });
    const onSelectionChange = vi.fn();
    const selection: ActivitySelection = { kind: 'ids', ids: new Set(['act-2']), anchor: null };
    renderWithProvider(<ThreatActivityView selection={selection} onSelectionChange={onSelectionChange} />, adapter(), provider);
    const grid = await screen.findByRole('grid');
    expect(bodyRows(grid).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.getAttribute('aria-rowindex'))).toEqual(['4']);
    await user.click(within(grid).getByRole('checkbox', { name: 'Select GET /api/items/{id}/r0 from 10.0.0.0' }));
    expect(onSelectionChange).toHaveBeenCalledTimes(1);
  });
});
