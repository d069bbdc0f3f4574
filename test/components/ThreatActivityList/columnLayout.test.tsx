// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { layoutColumns } from '../../../src/components/ThreatActivityList/columnLayout';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivity, mockGridViewport, NOW, pagedList } from './listTestKit';

/** A ResizeObserver the test drives: `resizeGrid(w)` gives the grid a new width and notifies. */
const observers = new Set<() => void>();
class TestResizeObserver {
  private readonly cb: () => void;
  constructor(cb: (entries: ResizeObserverEntry[], observer: unknown) => void) {
    // Called as the platform does (entries, observer); no entries: observers read the element's size.
    this.cb = () => cb([], this);
  }
  observe() {
    observers.add(this.cb);
  }
  unobserve() {}
  disconnect() {
    observers.delete(this.cb);
  }
}
let restoreViewport: () => void;
let savedObserver: unknown;
beforeAll(() => {
  savedObserver = (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = TestResizeObserver;
});
afterAll(() => {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = savedObserver;
});
beforeEach(() => {
  restoreViewport = mockGridViewport(400, 1400);
});
afterEach(() => restoreViewport());

function resizeGrid(width: number) {
  restoreViewport();
  restoreViewport = mockGridViewport(400, width);
  act(() => {
    for (const notify of observers) notify();
  });
}

const IPV6 = '2001:0db8:85a3:0000:0000:8a2e:0370:7334';
const rows = [
  makeActivity(0, { actor: { ip: IPV6, country: 'NL' }, endpoint: { method: 'POST', path: '/api/v2/organisations/{orgId}/projects/{projectId}/members/{memberId}/roles', host: 'billing-eu-west-1.internal.example.com' } }),
  ...Array.from({ length: 5 }, (_, i) => makeActivity(i + 1)),
];
const headerNames = () => screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
const renderList = () =>
  renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => rows) }), { provider: { now: () => NOW } });

describe('ThreatActivityList: columns fit the width there is', () => {
  test('narrow (drilldown open): lower-priority columns hide, endpoint / actor / severity / policy / last seen stay; wide again: all are back', async () => {
    renderList();
    await screen.findByRole('grid');
    expect(screen.getAllByRole('columnheader')).toHaveLength(11);

    resizeGrid(800);
    const names = headerNames();
    expect(names).toEqual(expect.arrayContaining(['Severity', 'Endpoint', 'Actor', 'Policy / Subcategory', 'Last seen']));
    for (const gone of ['Type', 'Attempts', 'Host']) expect(names).not.toContain(gone);
    // Everything shown fits: no horizontal scroll.
    const grid = screen.getByRole('grid');
    expect(parseInt(grid.style.getPropertyValue('--_td-list-min-width'), 10)).toBeLessThanOrEqual(800);
    expect(grid).toHaveAttribute('aria-colcount', String(names.length));

    resizeGrid(1400);
    expect(screen.getAllByRole('columnheader')).toHaveLength(11);
  });

  test('a column is resizable from the keyboard: a labelled separator with aria-valuenow, arrows change the width', async () => {
    const user = userEvent.setup({ delay: null });
    renderList();
    await screen.findByRole('grid');
    const separator = screen.getByRole('separator', { name: 'Resize Endpoint' });
    expect(separator).toHaveAttribute('aria-orientation', 'vertical');
    const before = Number(separator.getAttribute('aria-valuenow'));
    expect(before).toBeGreaterThanOrEqual(Number(separator.getAttribute('aria-valuemin')));
    separator.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(Number(separator.getAttribute('aria-valuenow'))).toBe(before + 32);
    const template = screen.getByRole('grid').style.getPropertyValue('--_td-list-columns');
    expect(template.split(' ')).toContain(`${before + 32}px`);
    await user.keyboard('{Home}');
    expect(separator).toHaveAttribute('aria-valuenow', separator.getAttribute('aria-valuemin'));
    // Sorting is not triggered by resizing.
    expect(screen.getByRole('columnheader', { name: /Endpoint/ })).not.toHaveAttribute('aria-sort');
  });

  test('full values on hover (title) and on keyboard focus (row peek); an IPv6 actor keeps its country', async () => {
    const user = userEvent.setup({ delay: null });
    renderList();
    const grid = await screen.findByRole('grid');
    resizeGrid(800);
    const first = bodyRows(grid)[0]!;
    const actor = first.querySelector('[data-column="actor"] [data-slot="actor"]')!;
    expect(actor).toHaveAttribute('title', `${IPV6} (NL)`);
    expect(within(first).getByTitle(/POST \/api\/v2\/organisations/)).toBeInTheDocument();

    act(() => grid.focus());
    // Focus lands on the first row; down and up again, as an analyst moving through rows.
    await user.keyboard('{ArrowDown}{ArrowUp}');
    expect(grid).toHaveAttribute('aria-activedescendant', first.id);
    const peek = grid.querySelector('[data-slot="row-peek"]')!;
    expect(peek).toHaveAttribute('aria-hidden', 'true');
    expect(peek).toHaveTextContent(`${IPV6} (NL)`);
    expect(peek).toHaveTextContent('billing-eu-west-1.internal.example.com');
    expect(peek).toHaveTextContent('/api/v2/organisations/{orgId}/projects/{projectId}/members/{memberId}/roles');
    // Columns hidden for lack of space are in it too.
    expect(peek).toHaveTextContent(/Type\s*Rule-Based/);
  });
});

describe('layoutColumns', () => {
  const cols = [
    { id: 'a', minSize: 100, size: 200, maxSize: 1000, priority: 1 },
    { id: 'b', minSize: 100, size: 100, maxSize: 1000, priority: 3 },
    { id: 'c', minSize: 100, size: 150, maxSize: 1000, priority: 2 },
  ];
  test('hides by priority, grows towards preferred sizes, keeps user sizes', () => {
    expect(layoutColumns(cols, 150)).toMatchObject({ hidden: ['b', 'c'], widths: { a: 150 } });
    // 50 px over the minimums go towards the preferred sizes, in proportion.
    expect(layoutColumns(cols, 250)).toMatchObject({ hidden: ['b'], widths: { a: 133, c: 116 } });
    expect(layoutColumns(cols, 450).widths).toEqual({ a: 200, b: 100, c: 150 });
    expect(layoutColumns(cols.map((c) => (c.id === 'a' ? { ...c, userSize: 120 } : c)), 450).widths.a).toBe(120);
    // Not measured yet: nothing hides.
    expect(layoutColumns(cols, 0).hidden).toEqual([]);
  });
});
