// @vitest-environment jsdom
/**
 * Issue 15, "Flow and focus": keyboard shortcuts inside the drilldown (one
 * table drives the keys and the `?` overlay), the skip link as the view's
 * first tab stop, and the open tab kept in the URL with the open activity.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatActivityView, viewLocationFromSearchParams, viewLocationToSearchParams } from '../../../src/components/ThreatActivityView';
import { DRILLDOWN_SHORTCUTS, type DrilldownTab } from '../../../src/components/ThreatDrilldown';
import { createQuery, queryFromSearchParams, queryToSearchParams, type ActivityQuery } from '../../../src/core/query';
import { en } from '../../../src/i18n/en';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, mockGridViewport } from '../ThreatActivityList/listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => {
  restoreViewport();
  window.history.replaceState(null, '', '/');
});

const signal = () => new AbortController().signal;

async function setup() {
  const adapter = createMemoryAdapter({ seed: 11, activities: 60, hugeActivityAttempts: 0, live: false });
  const rows = (await adapter.listActivities({ query: createQuery(), pageSize: 4, signal: signal() })).items;
  return { adapter, rows };
}

async function openFirst(user: ReturnType<typeof userEvent.setup>) {
  const grid = await screen.findByRole('grid');
  await waitFor(() => expect(bodyRows(grid).length).toBeGreaterThan(3));
  await user.click(within(bodyRows(grid)[0]!).getAllByRole('gridcell')[2]!);
  return screen.findByRole('region', { name: 'Activity details' });
}

describe('ThreatActivityView: shortcuts', () => {
  test('j / k step, 1–4 pick a tab, not while typing or with a modifier; r marks for review, i opens Ignore', async () => {
    const user = userEvent.setup({ delay: null });
    const { adapter, rows } = await setup();
    const onOpen = vi.fn();
    renderWithProvider(<ThreatActivityView onOpenActivityChange={onOpen} />, adapter);
    const region = await openFirst(user);
    expect(region).toHaveFocus();

    await user.keyboard('j');
    expect(onOpen).toHaveBeenLastCalledWith(rows[1]!.id);
    await user.keyboard('j');
    expect(onOpen).toHaveBeenLastCalledWith(rows[2]!.id);
    await user.keyboard('k');
    expect(onOpen).toHaveBeenLastCalledWith(rows[1]!.id);
    await user.keyboard('{Control>}j{/Control}');
    expect(onOpen).toHaveBeenLastCalledWith(rows[1]!.id);

    await user.keyboard('2');
    expect(within(region).getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('4');
    expect(within(region).getByRole('tab', { name: 'Remediation' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('3');
    const attempt = within(region).getByRole('tab', { name: 'Attempt' });
    expect(attempt).toHaveAttribute('aria-selected', 'true');
    // A focused field of the panel (the Attempt tab's redaction checkbox) keeps its keys.
    const toggle = await within(region).findByRole('checkbox');
    act(() => toggle.focus());
    await user.keyboard('1j');
    expect(attempt).toHaveAttribute('aria-selected', 'true');
    expect(onOpen).toHaveBeenLastCalledWith(rows[1]!.id);

    act(() => region.focus());
    await user.keyboard('i');
    const dialog = await screen.findByRole('dialog', { name: 'Ignore this activity' });
    // Keys typed in the dialog (portalled, but inside the panel's React tree) are the dialog's.
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'jk2');
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('jk2');
    expect(onOpen).toHaveBeenLastCalledWith(rows[1]!.id);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    act(() => region.focus());
    await user.keyboard('r');
    await waitFor(async () => expect((await adapter.getActivity({ id: rows[1]!.id, signal: signal() })).status).toBe('under_review'));
    // …and the drilldown moved on.
    await waitFor(() => expect(onOpen).toHaveBeenLastCalledWith(rows[2]!.id));
  });

  test('b opens Block IP and w opens Create work item', async () => {
    const user = userEvent.setup({ delay: null });
    const { adapter } = await setup();
    renderWithProvider(<ThreatActivityView />, adapter);
    const region = await openFirst(user);
    await within(region).findByRole('button', { name: 'Mark for Review' });
    act(() => region.focus());
    await user.keyboard('b');
    expect(await screen.findByRole('dialog', { name: /block/i })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    act(() => region.focus());
    await user.keyboard('w');
    expect(await screen.findByRole('dialog', { name: /work item/i })).toBeInTheDocument();
  });

  test('? opens a dialog that lists every shortcut of the table the keys use', async () => {
    const user = userEvent.setup({ delay: null });
    const { adapter } = await setup();
    renderWithProvider(<ThreatActivityView />, adapter);
    await openFirst(user);
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const table = within(dialog).getByRole('table');
    const bodyRowsOfTable = within(table).getAllByRole('row').slice(1);
    expect(bodyRowsOfTable).toHaveLength(DRILLDOWN_SHORTCUTS.length);
    DRILLDOWN_SHORTCUTS.forEach((s, i) => {
      expect(bodyRowsOfTable[i]).toHaveTextContent(s.display ?? s.keys.join(' / '));
      expect(bodyRowsOfTable[i]).toHaveTextContent(en[s.label]);
    });
    // Escape closes the overlay only, focus back where it was (the panel); a second Escape leaves the panel.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole('region', { name: 'Activity details' })).toHaveFocus());
    await user.keyboard('{Escape}');
    expect(screen.getByRole('grid')).toHaveFocus();
  });

  test('the first tab stop is "Skip to activity list", which focuses the grid', async () => {
    const user = userEvent.setup({ delay: null });
    const { adapter } = await setup();
    renderWithProvider(<ThreatActivityView />, adapter);
    const grid = await screen.findByRole('grid');
    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to activity list' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(grid).toHaveFocus();
  });
});

/** A host keeping the view's place in its URL, as the demo does. */
function UrlHost() {
  const [initial] = useState(() => {
    const params = new URLSearchParams(window.location.search);
    return { query: queryFromSearchParams(params), ...viewLocationFromSearchParams(params) };
  });
  const [query, setQuery] = useState<ActivityQuery>(initial.query);
  const [open, setOpen] = useState(initial.openActivityId);
  const [tab, setTab] = useState<DrilldownTab>(initial.tab);
  const write = (next: { query?: ActivityQuery; open?: string | null; tab?: DrilldownTab }) => {
    const params = viewLocationToSearchParams(
      { openActivityId: next.open !== undefined ? next.open : open, tab: next.tab ?? tab },
      queryToSearchParams(next.query ?? query),
    );
    window.history.replaceState(null, '', `?${params.toString()}`);
  };
  return (
    <ThreatActivityView
      query={query}
      onQueryChange={(q) => (setQuery(q), write({ query: q }))}
      openActivityId={open}
      onOpenActivityChange={(id) => (setOpen(id), write({ open: id }))}
      tab={tab}
      onTabChange={(t) => (setTab(t), write({ tab: t }))}
    />
  );
}

describe('ThreatActivityView: the open tab in the URL', () => {
  test('round trip: the tab chosen (by click or key) is in the URL beside the activity, and a reload opens both', async () => {
    const user = userEvent.setup({ delay: null });
    const { adapter, rows } = await setup();
    const first = renderWithProvider(<UrlHost />, adapter);
    const region = await openFirst(user);
    await user.click(within(region).getByRole('tab', { name: 'Attempt' }));
    let params = new URLSearchParams(window.location.search);
    expect(params.get('open')).toBe(rows[0]!.id);
    expect(params.get('tab')).toBe('attempt');
    act(() => region.focus());
    await user.keyboard('2j');
    params = new URLSearchParams(window.location.search);
    expect(params.get('open')).toBe(rows[1]!.id);
    expect(params.get('tab')).toBe('timeline');
    first.unmount();

    renderWithProvider(<UrlHost />, adapter);
    const reopened = await screen.findByRole('region', { name: 'Activity details' });
    expect(within(reopened).getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(within(reopened).getAllByText(rows[1]!.endpoint.path).length).toBeGreaterThan(0));
  });

  test('a hostile or junk URL yields nothing open or the default tab', () => {
    expect(viewLocationFromSearchParams(new URLSearchParams('tab=timeline'))).toEqual({ openActivityId: null, tab: 'overview', view: 'activities', openActorIp: null });
    expect(viewLocationFromSearchParams(new URLSearchParams('open=a1&tab=<script>'))).toEqual({ openActivityId: 'a1', tab: 'overview', view: 'activities', openActorIp: null });
    expect(viewLocationFromSearchParams(new URLSearchParams(`open=${'x'.repeat(5000)}&tab=attempt`)).openActivityId).toBeNull();
    expect(viewLocationToSearchParams({ openActivityId: 'a1', tab: 'overview' }).toString()).toBe('open=a1');
    expect(viewLocationToSearchParams({ openActivityId: null, tab: 'attempt' }).toString()).toBe('');
  });
});
