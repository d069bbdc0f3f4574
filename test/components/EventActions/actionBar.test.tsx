// @vitest-environment jsdom
/** Issue 15 (Action bar): one status region under the buttons; Block IP stays a button after a block. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BlockIpButton } from '../../../src/components/BlockIpButton';
import { CreateWorkItem } from '../../../src/components/CreateWorkItem';
import { ActionBar, EventActions } from '../../../src/components/EventActions';
import { ThreatDrilldown } from '../../../src/components/ThreatDrilldown';
import type { Activity } from '../../../src/core/model';
import { createFormatters } from '../../../src/i18n/formatters';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeDetail } from '../ThreatDrilldown/drilldownFixtures';
import { makeActivity, NOW } from './activityFixture';

const provider = { now: () => NOW, timeZone: 'UTC' };
const fmt = createFormatters('en', 'UTC', () => NOW);

function adapter() {
  return createTestAdapter({
    getActivity: async () => makeDetail({ ...makeActivity(), id: 'act-1' }),
    setStatus: async ({ ids }) => ({ affected: ids.length }),
    block: async ({ target, durationMs }) => ({ blockId: 'blk-1', target, createdAt: NOW, expiresAt: durationMs === null ? null : NOW + durationMs }),
    unblock: async () => undefined,
  });
}

function renderBar(activity: Activity = makeActivity()) {
  return renderWithProvider(
    <ActionBar data-slot="action-bar">
      <EventActions activity={activity} />
      <BlockIpButton activity={activity} />
      <CreateWorkItem activity={activity} />
    </ActionBar>,
    adapter(),
    { provider },
  );
}

const bar = () => document.querySelector<HTMLElement>('[data-slot="drilldown-actions"], [data-slot="action-bar"]')!;
const buttonsRow = () => bar().querySelector<HTMLElement>('[data-slot="action-bar-buttons"]')!;

/** The drilldown header as ThreatActivityView fills it: the header gives its actions one ActionBar. */
function renderDrilldown(activity: Activity = makeActivity({ id: 'act-1' })) {
  const actions = (
    <>
      <EventActions activity={activity} />
      <BlockIpButton activity={activity} />
      <CreateWorkItem activity={activity} />
    </>
  );
  return renderWithProvider(<ThreatDrilldown activityId="act-1" actions={actions} />, adapter(), { provider });
}

describe.each([
  ['the drilldown header', async () => {
    renderDrilldown();
    await screen.findByRole('button', { name: 'Mark for Review' });
  }],
  ['an ActionBar', async () => {
    renderBar();
  }],
])('actions in %s', (_where, mount) => {
  it('puts the success message in one status region below the buttons, never among them', async () => {
    const user = userEvent.setup();
    await mount();
    const statuses = within(bar()).getAllByRole('status');
    expect(statuses).toHaveLength(1);
    const region = statuses[0]!;
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region.textContent).toBe('');

    const before = Array.from(buttonsRow().querySelectorAll('button'), (b) => b.textContent);
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(() => expect(region).toHaveTextContent(/marked for review/i));
    expect(buttonsRow()).not.toHaveTextContent(/marked for review/i);
    expect(buttonsRow().contains(region)).toBe(false);
    // Still one live region, and the row holds buttons only (the status swap changes which ones, not where text goes).
    expect(within(bar()).getAllByRole('status')).toHaveLength(1);
    expect(buttonsRow().querySelectorAll('p')).toHaveLength(0);
    expect(before.length).toBeGreaterThan(0);
  });

  it('keeps Block IP a button after a block (Unblock), with the block state in the status region', async () => {
    const user = userEvent.setup();
    await mount();
    await user.click(screen.getByRole('button', { name: 'Block IP' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    const unblock = await screen.findByRole('button', { name: 'Unblock' });
    expect(buttonsRow()).toContainElement(unblock);
    expect(unblock).toHaveFocus();
    const region = within(bar()).getByRole('status');
    const state = `Blocked 185.220.101.4 until ${fmt.dateTime(NOW + 86_400_000)}.`;
    expect(region).toHaveTextContent(state);
    expect(unblock).toHaveAccessibleDescription(state);
    expect(buttonsRow()).not.toHaveTextContent(/Blocked 185/);

    await user.click(unblock);
    const again = await screen.findByRole('button', { name: 'Block IP' });
    expect(buttonsRow()).toContainElement(again);
    await waitFor(() => expect(region).toHaveTextContent('Block on 185.220.101.4 removed.'));
  });

});

describe('actions outside an ActionBar', () => {
  it('leaves standalone actions as they were: their own message in place', async () => {
    const user = userEvent.setup();
    renderWithProvider(<EventActions activity={makeActivity()} />, adapter(), { provider });
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByRole('status')).toHaveTextContent(/marked for review/i);
  });
});
