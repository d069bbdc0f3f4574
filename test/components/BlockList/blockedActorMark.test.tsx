// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivity, mockGridViewport, NOW, pagedList } from '../ThreatActivityList/listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

describe('ThreatActivityList marks blocked actors', () => {
  test('"Blocked" in the actor cell, named with its expiry or as permanent; nothing on unblocked or run-out blocks; axe-clean', async () => {
    const rows = [
      makeActivity(0, { actor: { ip: '203.0.113.9' }, blocked: { blockId: 'b1', target: '203.0.113.0/24', expiresAt: NOW + 86_400_000 } }),
      makeActivity(1, { actor: { ip: '203.0.113.10' }, blocked: { blockId: 'b2', target: '203.0.113.10', expiresAt: null } }),
      makeActivity(2, { actor: { ip: '203.0.113.11' } }),
      // A stale record: its block ran out an hour ago.
      makeActivity(3, { actor: { ip: '203.0.113.12' }, blocked: { blockId: 'b3', target: '203.0.113.12', expiresAt: NOW - 3_600_000 } }),
    ];
    const { container } = renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => rows) }), {
      provider: { now: () => NOW, timeZone: 'UTC' },
    });
    const grid = await screen.findByRole('grid');
    const actorCell = (i: number) => within(bodyRows(grid)[i]!).getAllByRole('gridcell')[4]!;

    const until = within(actorCell(0)).getByRole('img', { name: /^Blocked until Jan 16, 2026, 12:00:00 PM \(203\.0\.113\.0\/24\)$/ });
    expect(until).toHaveTextContent('Blocked');
    expect(within(actorCell(1)).getByRole('img', { name: 'Blocked permanently (203.0.113.10)' })).toHaveTextContent('Blocked');
    expect(actorCell(2)).not.toHaveTextContent('Blocked');
    expect(actorCell(3)).not.toHaveTextContent('Blocked');
    // One small element per blocked actor, nothing else.
    expect(actorCell(0).querySelectorAll('[data-slot="actor-blocked"]')).toHaveLength(1);
    expect(actorCell(0).querySelector('[data-slot="actor-blocked"]')!.children).toHaveLength(0);
    expect(await axeViolations(container)).toEqual([]);
  });
});
