// @vitest-environment jsdom
// A host composes the drilldown from its parts and gets exactly what it asked for;
// the timeline's zoom can be owned by the host like every other piece of state.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ThreatDrilldown } from '../../../src/components/ThreatDrilldown';
import type { Attempt } from '../../../src/core/model';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { T0, makeAttempt, makeDetail, makeRemediation } from './drilldownFixtures';
import { installJsdomShims } from './jsdomShims';

installJsdomShims();

const HOUR = 3_600_000;
const FIRST = T0 - 6 * HOUR;
const ATTEMPTS: Attempt[] = Array.from({ length: 120 }, (_, i) => ({ ...makeAttempt(i), timestamp: T0 - i * 3 * 60_000 }));

function adapter() {
  return createTestAdapter({
    getActivity: async () => makeDetail({ firstSeen: FIRST, lastSeen: T0, attemptCount: ATTEMPTS.length }),
    getRemediation: async () => makeRemediation(),
    listAttempts: async () => ({ items: ATTEMPTS, total: ATTEMPTS.length, nextCursor: null }),
  });
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

describe('ThreatDrilldown composed from parts', () => {
  it('shows exactly the tab triggers a host composes, and they switch their panels', async () => {
    const user = userEvent.setup();
    renderWithProvider(
      <ThreatDrilldown.Root activityId="act-1" defaultTab="overview">
        <ThreatDrilldown.Tabs>
          <ThreatDrilldown.Tab tab="overview" />
          <ThreatDrilldown.Tab tab="remediation">Fix it</ThreatDrilldown.Tab>
        </ThreatDrilldown.Tabs>
        <ThreatDrilldown.Overview />
        <ThreatDrilldown.Remediation />
      </ThreatDrilldown.Root>,
      adapter(),
    );
    const tabs = within(screen.getByRole('tablist', { name: 'Activity sections' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Overview', 'Fix it']);
    expect(tabs[0]).toHaveAttribute('data-slot', 'drilldown-tab');
    await user.click(tabs[1]!);
    expect(tabs[1]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('heading', { name: 'Block the actor' })).toBeInTheDocument();
    // Arrow keys move only among the triggers that are there.
    await user.keyboard('{ArrowRight}');
    expect(tabs[0]).toHaveFocus();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('renders only the header parts a host asks for', async () => {
    renderWithProvider(
      <ThreatDrilldown.Root activityId="act-1">
        <ThreatDrilldown.Header>
          <ThreatDrilldown.Title />
        </ThreatDrilldown.Header>
      </ThreatDrilldown.Root>,
      adapter(),
    );
    const header = await screen.findByRole('group', { name: 'POST /api/users/{id}/orders' });
    expect(within(header).getByRole('heading', { name: 'POST /api/users/{id}/orders' })).toBeInTheDocument();
    expect(within(header).getByText('Critical')).toBeInTheDocument();
    // No facts and no actions: the host did not compose them.
    expect(within(header).queryByText('shop.example.com')).toBeNull();
    expect(within(header).queryByText('120 attempts')).toBeNull();
    expect(within(header).queryByRole('group', { name: 'Actions' })).toBeNull();
  });

  it('puts the host’s actions beside the title and the facts where it places them', async () => {
    renderWithProvider(
      <ThreatDrilldown.Root activityId="act-1">
        <ThreatDrilldown.Header>
          <ThreatDrilldown.Facts data-testid="facts" />
          <ThreatDrilldown.Title>
            <ThreatDrilldown.Actions>
              <button type="button">Escalate</button>
            </ThreatDrilldown.Actions>
          </ThreatDrilldown.Title>
        </ThreatDrilldown.Header>
      </ThreatDrilldown.Root>,
      adapter(),
    );
    const header = await screen.findByRole('group', { name: 'POST /api/users/{id}/orders' });
    const actions = within(header).getByRole('group', { name: 'Actions' });
    expect(actions).toContainElement(screen.getByRole('button', { name: 'Escalate' }));
    const facts = screen.getByTestId('facts');
    expect(facts).toHaveAttribute('data-slot', 'drilldown-facts');
    expect(within(facts).getByText('shop.example.com')).toBeInTheDocument();
    // The facts come first, as composed.
    expect(header.firstElementChild).toBe(facts);
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('names the header by the endpoint when no title is composed', async () => {
    renderWithProvider(
      <ThreatDrilldown.Root activityId="act-1">
        <ThreatDrilldown.Header>
          <ThreatDrilldown.Facts />
        </ThreatDrilldown.Header>
      </ThreatDrilldown.Root>,
      adapter(),
    );
    const header = await screen.findByRole('group', { name: 'POST /api/users/{id}/orders' });
    expect(within(header).queryByRole('heading')).toBeNull();
    expect(within(header).getByText('120 attempts')).toBeInTheDocument();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('keeps the default composition: title, actions slot, facts and four tabs', async () => {
    renderWithProvider(<ThreatDrilldown activityId="act-1" actions={<button type="button">Block IP</button>} />, adapter());
    const header = await screen.findByRole('group', { name: 'POST /api/users/{id}/orders' });
    const title = header.querySelector('[data-slot="drilldown-title"]')!;
    expect(title).toContainElement(within(header).getByRole('heading', { name: 'POST /api/users/{id}/orders' }));
    expect(title).toContainElement(within(header).getByRole('group', { name: 'Actions' }));
    expect(header.querySelector('[data-slot="drilldown-facts"]')).not.toBeNull();
    expect(screen.getAllByRole('tab')).toHaveLength(4);
  });
});

describe('ThreatDrilldown.Timeline zoom', () => {
  const range = { from: FIRST + 1.5 * HOUR, to: FIRST + 4.5 * HOUR };

  it('shows the host’s zoom and reports the analyst’s changes without taking them over', async () => {
    const user = userEvent.setup();
    const onZoomChange = vi.fn();
    renderWithProvider(
      <ThreatDrilldown.Root activityId="act-1" defaultTab="timeline">
        <ThreatDrilldown.Timeline zoom={range} onZoomChange={onZoomChange} />
      </ThreatDrilldown.Root>,
      adapter(),
    );
    expect(await screen.findByText(/^Zoomed to /)).toHaveTextContent(`Zoomed to ${dateTime.format(range.from)} – ${dateTime.format(range.to)}`);
    await user.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(onZoomChange).toHaveBeenCalledWith(null);
    // Controlled: the host did not accept the reset, so the zoom stays.
    expect(screen.getByText(/^Zoomed to /)).toBeInTheDocument();
  });

  it('follows the host when it accepts the change, and zooming in reports the new range', async () => {
    const user = userEvent.setup();
    const seen: Array<{ from: number; to: number } | null> = [];
    function Host() {
      const [zoom, setZoom] = useState<{ from: number; to: number } | null>(null);
      return (
        <ThreatDrilldown.Root activityId="act-1" defaultTab="timeline">
          <ThreatDrilldown.Timeline
            zoom={zoom}
            onZoomChange={(next) => {
              seen.push(next);
              setZoom(next);
            }}
          />
        </ThreatDrilldown.Root>
      );
    }
    renderWithProvider(<Host />, adapter());
    await screen.findByRole('img', { name: /Attempts over time/ });
    expect(screen.queryByText(/^Zoomed to /)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(seen).toEqual([range]);
    expect(screen.getByText(/^Zoomed to /)).toHaveTextContent(`Zoomed to ${dateTime.format(range.from)} – ${dateTime.format(range.to)}`);
    await user.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(seen).toEqual([range, null]);
    expect(screen.queryByText(/^Zoomed to /)).toBeNull();
  });

  it('starts at defaultZoom when uncontrolled and zooms by itself', async () => {
    const user = userEvent.setup();
    const onZoomChange = vi.fn();
    renderWithProvider(
      <ThreatDrilldown.Root activityId="act-1" defaultTab="timeline">
        <ThreatDrilldown.Timeline defaultZoom={range} onZoomChange={onZoomChange} />
      </ThreatDrilldown.Root>,
      adapter(),
    );
    expect(await screen.findByText(/^Zoomed to /)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(onZoomChange).toHaveBeenCalledWith(null);
    expect(screen.queryByText(/^Zoomed to /)).toBeNull();
  });
});
