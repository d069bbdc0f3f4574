// @vitest-environment jsdom
/**
 * The components run unchanged on the HTTP adapter: ThreatActivityList over
 * createHttpAdapter → reference server → memory backend shows what the backend
 * holds, and a triage action made in the UI reaches the backend.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { createQuery } from '../../../src/core/query';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, mockGridViewport } from '../../components/ThreatActivityList/listTestKit';

const NOW = Date.UTC(2026, 0, 15, 12);
let running: RunningReferenceServer;
let backend: ReturnType<typeof createMemoryAdapter>;
let restoreViewport: () => void;

beforeEach(async () => {
  restoreViewport = mockGridViewport(400);
  backend = createMemoryAdapter({ seed: 5, activities: 120, hugeActivityAttempts: 0, now: () => NOW, live: false });
  running = await startReferenceServer({ adapter: backend });
});
afterEach(async () => {
  restoreViewport();
  await running.close();
});

test('ThreatActivityList shows the backend data and counts through HTTP', async () => {
  const adapter = createHttpAdapter({ baseUrl: running.url, capabilities: { live: false } });
  renderWithProvider(<ThreatActivityList />, adapter, { provider: { now: () => NOW, timeZone: 'UTC' } });
  const expected = await backend.listActivities({ query: createQuery(), pageSize: 5, signal: new AbortController().signal });

  const grid = await screen.findByRole('grid', { name: 'Threat activities' }, { timeout: 10_000 });
  await waitFor(() => expect(bodyRows(grid).length).toBeGreaterThan(0), { timeout: 10_000 });
  const first = expected.items[0]!;
  expect(bodyRows(grid)[0]).toHaveTextContent(`${first.endpoint.method} ${first.endpoint.path}`);
  expect(screen.getByRole('tab', { name: new RegExp(`Active\\s+${expected.counts.active.toLocaleString('en-US')}`) })).toBeInTheDocument();
  expect(screen.getByRole('tab', { name: new RegExp(`Under Review\\s+${expected.counts.under_review.toLocaleString('en-US')}`) })).toBeInTheDocument();

  // Switching tabs is a new HTTP query.
  const user = userEvent.setup({ delay: null });
  await user.click(screen.getByRole('tab', { name: /Ignored/ }));
  const ignored = await backend.listActivities({ query: createQuery({ status: 'ignored' }), pageSize: 1000, signal: new AbortController().signal });
  const isIgnoredRow = (text: string) =>
    ignored.items.some((a) => text.includes(`${a.endpoint.method} ${a.endpoint.path}`) && text.includes(a.actor.ip));
  await waitFor(() => expect(screen.getByRole('tab', { name: /Ignored/ })).toHaveAttribute('aria-selected', 'true'));
  await waitFor(() => {
    const text = bodyRows(screen.getByRole('grid', { name: 'Threat activities' }))[0]?.textContent ?? '';
    expect(isIgnoredRow(text)).toBe(true);
  }, { timeout: 10_000 });
});
