// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatOverview } from '../../../src/components/ThreatOverview';
import { DEMO_DEFAULT_NOW } from '../../../src/core/dataset/generateDemoDataset';
import { AdapterError } from '../../../src/core/errors';
import { createQuery, type ActivityQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';

const signal = new AbortController().signal;

const now = DEMO_DEFAULT_NOW;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const provider = { provider: { now: () => now } };
const memory = () => createMemoryAdapter({ seed: 21, activities: 400, hugeActivityAttempts: 0, live: false, now: () => now });

/** A host page: the overview drives a query the test can read. */
function Host({ onQuery }: { onQuery: (q: ActivityQuery) => void }) {
  const [query, setQuery] = useState(createQuery());
  return (
    <ThreatOverview
      query={query}
      onQueryChange={(q) => {
        setQuery(q);
        onQuery(q);
      }}
    />
  );
}

describe('ThreatOverview', () => {
  test('summarises the query in words and lists the top values; axe-clean', async () => {
    const adapter = memory();
    const { container } = renderWithProvider(<ThreatOverview />, adapter, provider);
    const summary = await screen.findByText(/activities with .* attempts from/);
    const total = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal })).total;
    expect(summary.textContent).toContain(`${total.toLocaleString('en-US')} activities`);
    for (const name of ['Top subcategories', 'Top endpoints', 'Top actors', 'Severity']) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument();
    }
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a top list of estimated counts reads "~N" on screen and "about N" to a screen reader; the others stay exact', async () => {
    const base = memory();
    const adapter = createTestAdapter({
      listActivities: (p) => base.listActivities(p),
      getFacet: async (p) => ({ ...(await base.getFacet(p)), ...(p.field === 'actor' ? { countsAreEstimates: true } : {}) }),
    });
    renderWithProvider(<ThreatOverview />, adapter, provider);
    const actors = await screen.findByRole('region', { name: 'Top actors' });
    const first = within(actors).getAllByRole('button')[0]!;
    const count = first.querySelector('[data-slot="overview-top-count"], .td-overview-top-count')!;
    expect(count).toHaveAttribute('data-estimate');
    expect(count.querySelector('[aria-hidden="true"]')!.textContent).toMatch(/^~\d/);
    expect(first).toHaveAccessibleName(/ about \d[\d,]* activit/);
    const subcategories = screen.getByRole('region', { name: 'Top subcategories' });
    const exact = within(subcategories).getAllByRole('button')[0]!;
    expect(exact.querySelector('.td-overview-top-count')).not.toHaveAttribute('data-estimate');
    expect(exact.textContent).not.toContain('~');
  });

  test('a bar toggles its value in the filter, and says it is pressed', async () => {
    const user = userEvent.setup();
    const seen: ActivityQuery[] = [];
    renderWithProvider(<Host onQuery={(q) => seen.push(q)} />, memory(), provider);
    const subcategories = await screen.findByRole('region', { name: 'Top subcategories' });
    const first = within(subcategories).getAllByRole('button')[0]!;
    const value = first.querySelector('.td-overview-top-label')!.textContent!;
    expect(first).toHaveAttribute('aria-pressed', 'false');
    await user.click(first);
    expect(seen.at(-1)!.filters.subcategory).toEqual([value]);
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Top subcategories' })).getByRole('button', { name: new RegExp(`^${escapeRegExp(value)} \\d`) })).toHaveAttribute('aria-pressed', 'true'));
    await user.click(within(screen.getByRole('region', { name: 'Top subcategories' })).getByRole('button', { name: new RegExp(`^${escapeRegExp(value)} \\d`) }));
    expect(seen.at(-1)!.filters.subcategory).toEqual([]);
  });

  test('the keyboard selects whole buckets and Enter sets the list’s time range', async () => {
    const user = userEvent.setup();
    const seen: ActivityQuery[] = [];
    renderWithProvider(<Host onQuery={(q) => seen.push(q)} />, memory(), provider);
    const plot = await screen.findByRole('listbox', { name: 'Activities over time (by last seen)' });
    plot.focus();
    await user.keyboard('{ArrowRight}');
    const focused = document.getElementById(plot.getAttribute('aria-activedescendant')!)!;
    expect(focused).toHaveAttribute('role', 'option');
    expect(focused.textContent).toMatch(/: \d+ activit/);
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}{Enter}');
    const time = seen.at(-1)!.time as { from: number; to: number };
    expect(time.to - time.from + 1).toBeGreaterThan(0);
    // Three whole buckets: the range is a multiple of the bucket size, starting on a bucket edge.
    const span = time.to - time.from + 1;
    expect(span % 3).toBe(0);
    expect(time.from % (span / 3)).toBe(0);
  });

  test('the table alternative lists every bucket', async () => {
    const user = userEvent.setup();
    renderWithProvider(<ThreatOverview />, memory(), provider);
    await user.click(await screen.findByRole('button', { name: 'Show as table' }));
    const table = screen.getByRole('table', { name: 'Activities and attempts per time bucket' });
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(2);
    expect(screen.getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  });

  test('stacks by subcategory on request', async () => {
    const user = userEvent.setup();
    renderWithProvider(<ThreatOverview />, memory(), provider);
    await user.click(await screen.findByRole('radio', { name: 'Subcategory' }));
    const legend = () => document.querySelector('[data-slot="overview-legend"]')!.textContent!;
    await waitFor(() => expect(legend()).not.toContain('Critical'));
    const topSubcategory = within(screen.getByRole('region', { name: 'Top subcategories' })).getAllByRole('button')[0]!;
    expect(legend()).toContain(topSubcategory.querySelector('.td-overview-top-label')!.textContent);
  });

  test('an error says so with Retry, and Retry loads it', async () => {
    const user = userEvent.setup();
    const inner = memory();
    let fail = true;
    const adapter = createTestAdapter({
      capabilities: { overview: true },
      listActivities: (p) => inner.listActivities(p),
      getFacet: (p) => inner.getFacet(p),
      getOverview: (p) => (fail ? Promise.reject(new AdapterError('server', 'boom')) : inner.getOverview(p)),
    });
    renderWithProvider(<ThreatOverview />, adapter, provider);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the overview.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/activities with .* attempts from/)).toBeInTheDocument();
  });

  test('no matching activity reads as empty', async () => {
    renderWithProvider(<ThreatOverview defaultQuery={createQuery({ search: 'no-such-thing-anywhere' })} />, memory(), provider);
    expect(await screen.findByText('No activities match these filters.')).toBeInTheDocument();
  });
});
