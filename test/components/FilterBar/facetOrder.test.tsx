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

describe('FilterBar: facet order', () => {
  test('the Severity facet lists critical → info whatever the counts (a backend answers by count)', async () => {
    const user = userEvent.setup({ delay: null });
    // By count, as backends answer: info is the most frequent, critical the rarest.
    const getFacet = async ({ field }: FacetParams): Promise<FacetResult> => ({
      field,
      options: [
        { value: 'info', count: 900 },
        { value: 'low', count: 500 },
        { value: 'high', count: 300 },
        { value: 'medium', count: 200 },
        { value: 'critical', count: 7 },
      ],
      totalOptions: 5,
    });
    renderWithProvider(<FilterBar onQueryChange={() => {}} />, createTestAdapter({ getFacet }), { provider: { now: () => NOW } });
    await user.click(screen.getByRole('button', { name: 'Severity' }));
    const group = await screen.findByRole('group', { name: 'Severity values' });
    await within(group).findByRole('checkbox', { name: 'Critical, 7' });
    const names = within(group)
      .getAllByRole('checkbox')
      .map((box) => box.getAttribute('aria-label'));
    expect(names).toEqual(['Critical, 7', 'High, 300', 'Medium, 200', 'Low, 500', 'Info, 900']);
  });

  test('other facets keep the adapter order (by count)', async () => {
    const user = userEvent.setup({ delay: null });
    const getFacet = async ({ field }: FacetParams): Promise<FacetResult> => ({
      field,
      options: [
        { value: 'anomaly', count: 90 },
        { value: 'rule-based', count: 10 },
      ],
      totalOptions: 2,
    });
    renderWithProvider(<FilterBar onQueryChange={() => {}} />, createTestAdapter({ getFacet }), { provider: { now: () => NOW } });
    await user.click(screen.getByRole('button', { name: 'Type' }));
    const group = await screen.findByRole('group', { name: 'Type values' });
    await within(group).findByRole('checkbox', { name: /Anomaly/ });
    expect(within(group).getAllByRole('checkbox').map((b) => b.getAttribute('aria-label'))).toEqual(['Anomaly, 90', 'Rule-Based, 10']);
  });
});
