/** Shared fakes for the list and filter bar tests: activities, a paging adapter, a measurable grid. */
import type { ActivityPage, ListActivitiesParams, StatusCounts } from '../../../src/core/adapter';
import type { Activity, ActivityStatus } from '../../../src/core/model';
import type { ActivityQuery } from '../../../src/core/query';
import { anActivity } from '../../support/activityFixture';

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

export function makeActivity(i: number, overrides: Partial<Activity> = {}): Activity {
  return anActivity({
    id: `act-${i}`,
    severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5]!,
    type: i % 2 === 0 ? 'rule-based' : 'anomaly',
    actor: { ip: `10.0.${Math.floor(i / 256) % 256}.${i % 256}`, country: 'DE' },
    endpoint: { method: 'GET', path: `/api/items/{id}/r${i}`, host: 'api.example.com' },
    policy: { id: 'p1', name: 'SQL Injection Policy' },
    successfulExploit: i % 7 === 0,
    attemptCount: i + 1,
    firstSeen: NOW - 86_400_000,
    lastSeen: NOW - i * 60_000,
    ...overrides,
  });
}

export function makeActivities(n: number, overrides: Partial<Activity> = {}): Activity[] {
  return Array.from({ length: n }, (_, i) => makeActivity(i, overrides));
}

export function countsOf(rows: Activity[]): StatusCounts {
  const counts: StatusCounts = { active: 0, under_review: 0, ignored: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

/** Filters like a backend would for the fields tests use (status, search over path/ip). */
export function matches(a: Activity, q: ActivityQuery, status: ActivityStatus = q.status): boolean {
  if (a.status !== status) return false;
  const s = q.search.toLowerCase();
  if (s && !a.endpoint.path.toLowerCase().includes(s) && !a.actor.ip.includes(s)) return false;
  if (q.filters.severity.length && !q.filters.severity.includes(a.severity)) return false;
  return true;
}

/** A cursor-paging `listActivities` over an in-memory array (cursor = offset). */
export function pagedList(all: () => Activity[]) {
  return async ({ query, cursor, pageSize }: ListActivitiesParams): Promise<ActivityPage> => {
    const rows = all();
    const matching = rows.filter((a) => matches(a, query));
    const start = cursor ? Number(cursor) : 0;
    const items = matching.slice(start, start + pageSize);
    const next = start + pageSize < matching.length ? String(start + pageSize) : null;
    const counts: StatusCounts = { active: 0, under_review: 0, ignored: 0 };
    for (const r of rows) for (const s of ['active', 'under_review', 'ignored'] as const) if (matches(r, query, s)) counts[s]++;
    return { items, total: matching.length, totalIsEstimate: false, nextCursor: next, counts };
  };
}

/**
 * jsdom has no layout: give the grid (the virtualiser's scroll element) a
 * viewport so the grid's row window computes a visible range.
 * Returns a restore function.
 */
export function mockGridViewport(height = 400, width = 1200): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    h: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    w: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    sh: Object.getOwnPropertyDescriptor(proto, 'scrollHeight'),
    s: (proto as { scrollTo?: unknown }).scrollTo,
  };
  const isGrid = (el: HTMLElement) => el.getAttribute('data-slot') === 'activity-grid' || el.getAttribute('data-slot') === 'facet-options';
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get() { return isGrid(this) ? height : 0; } });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get() { return isGrid(this) ? width : 0; } });
  // Content height: the sum of the children's inline heights (header row + virtual body).
  Object.defineProperty(proto, 'scrollHeight', {
    configurable: true,
    get() {
      if (!isGrid(this)) return 0;
      let sum = 0;
      for (const child of this.children) {
        const own = parseFloat((child as HTMLElement).style.height) || 0;
        const inner = parseFloat(((child as HTMLElement).firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;
        sum += Math.max(own, inner);
      }
      return Math.max(sum, height);
    },
  });
  // jsdom lacks element scrolling; virtual-core scrolls with scrollTo.
  (proto as unknown as { scrollTo: (o: ScrollToOptions) => void }).scrollTo = function (this: HTMLElement, o: ScrollToOptions) {
    if (typeof o?.top === 'number') this.scrollTop = o.top;
    this.dispatchEvent(new Event('scroll'));
  };
  return () => {
    if (saved.h) Object.defineProperty(proto, 'clientHeight', saved.h);
    if (saved.w) Object.defineProperty(proto, 'clientWidth', saved.w);
    if (saved.sh) Object.defineProperty(proto, 'scrollHeight', saved.sh);
    (proto as { scrollTo?: unknown }).scrollTo = saved.s;
  };
}

/** A promise with its resolvers exposed. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Body rows (role=row under the body rowgroup); a selector keeps jsdom fast at scale. */
export function bodyRows(grid: HTMLElement): HTMLElement[] {
  return [...grid.querySelectorAll<HTMLElement>('[role="rowgroup"][data-slot="grid-body"] > [role="row"]')];
}
