// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import type { ListActivitiesParams } from '../../../src/core/adapter';
import { createTestAdapter } from '../../../src/testing';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeActivity } from './listTestKit';

function adapterAnswering(totalIsEstimate: boolean) {
  return createTestAdapter({
    listActivities: async ({ pageSize }: ListActivitiesParams) => ({
      items: Array.from({ length: pageSize }, (_, k) => makeActivity(k)),
      total: 80_000,
      totalIsEstimate,
      nextCursor: String(pageSize),
      counts: { active: 80_000, under_review: 1_200, ignored: 300 },
    }),
  });
}

describe('ThreatActivityList tab counts', () => {
  it('marks estimated counts, visibly and for screen readers', async () => {
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapterAnswering(true));
    const tab = await screen.findByRole('tab', { name: /Active about 80,000/ });
    expect(within(tab).getByText('~80,000')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByRole('tab', { name: /Under review about 1,200/i })).toBeInTheDocument();
    expect(screen.getByText('About 80,000 activities')).toBeInTheDocument();
  });

  it('shows exact counts as plain numbers', async () => {
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapterAnswering(false));
    const tab = await screen.findByRole('tab', { name: /^Active 80,000$/ });
    expect(tab.querySelector('[data-estimate]')).toBeNull();
  });
});
