// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FilterBar } from '../../../src/components/FilterBar';
import type { FacetParams, FacetResult } from '../../../src/core/adapter';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { NOW } from '../ThreatActivityList/listTestKit';
import { stubResizeObserver } from '../../support/stubResizeObserver';

stubResizeObserver();

const hosts = (countsAreEstimates: boolean | undefined) => async ({ field }: FacetParams): Promise<FacetResult> => ({
  field,
  options: [
    { value: 'api.example.com', count: 41_200 },
    { value: 'shop.example.com', count: 9_800 },
  ],
  totalOptions: 310,
  ...(countsAreEstimates === undefined ? {} : { countsAreEstimates }),
});

describe('FilterBar: estimated facet counts', () => {
  test('a sampled facet reads "~" on screen, "about" to a screen reader, and says the counts are estimates', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProvider(<FilterBar onQueryChange={() => {}} />, createTestAdapter({ getFacet: hosts(true) }), { provider: { now: () => NOW } });
    await user.click(screen.getByRole('button', { name: 'Host' }));
    const group = await screen.findByRole('group', { name: 'Host values' });
    const box = await within(group).findByRole('checkbox', { name: 'api.example.com, about 41,200' });
    expect(box.closest('label')!.querySelector('[data-slot="facet-count"]')!.textContent).toBe('~41,200');
    expect(screen.getByText(/Showing 2 of 310 or more\./)).toBeTruthy();
    expect(screen.getByText('Counts are estimated from a sample of the matching activities.')).toBeTruthy();
    // Said once: the checkbox's name, and the list describes itself as estimated.
    expect(group).toHaveAccessibleDescription('Counts are estimated from a sample of the matching activities.');
    expect(box.closest('label')!.querySelector('[data-slot="facet-count"]')).toHaveAttribute('aria-hidden', 'true');
  });

  test('exact counts (flag false or absent) read as plain numbers, with no note', async () => {
    for (const flag of [false, undefined]) {
      const user = userEvent.setup({ delay: null });
      const { unmount } = renderWithProvider(<FilterBar onQueryChange={() => {}} />, createTestAdapter({ getFacet: hosts(flag) }), { provider: { now: () => NOW } });
      await user.click(screen.getByRole('button', { name: 'Host' }));
      const group = await screen.findByRole('group', { name: 'Host values' });
      const box = await within(group).findByRole('checkbox', { name: 'api.example.com, 41,200' });
      expect(box.closest('label')!.querySelector('[data-slot="facet-count"]')!.textContent).toBe('41,200');
      expect(screen.queryByText(/estimated from a sample/)).toBeNull();
      expect(screen.getByText(/Showing 2 of 310\./)).toBeTruthy();
      unmount();
    }
  });
});
