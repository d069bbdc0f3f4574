import { isAdapterError } from '../../src/core/errors';
import type { Activity } from '../../src/core/model';
import { validateActivity, validateActivityPage } from '../../src/core/parseRecord';
import { anActivity } from '../support/activityFixture';

const activity = (): Activity =>
  anActivity({
    id: 'a1',
    endpoint: { method: 'GET', path: '/users/{id}', host: 'api.example' },
    policy: { id: 'p1', name: 'BOLA' },
    category: 'Broken Object Level Authorization',
    subcategory: 'BOLA',
    firstSeen: 1,
    lastSeen: 2,
  });

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isAdapterError(e)) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('validateActivity', () => {
  it('accepts a well-formed activity and returns it', () => {
    const a = activity();
    expect(validateActivity(a)).toBe(a);
    expect(validateActivity({ ...a, blocked: { blockId: 'b', target: '203.0.113.0/24', expiresAt: null } })).toBeTruthy();
  });

  it.each([
    ['unknown status', { status: 'deleted' }, 'activity.status'],
    ['missing id', { id: undefined }, 'activity.id'],
    ['wrong type of attempts', { attemptCount: '3' }, 'activity.attemptCount'],
    ['negative attempts', { attemptCount: -1 }, 'activity.attemptCount'],
    ['actor not an object', { actor: '1.2.3.4' }, 'activity.actor'],
    ['endpoint host missing', { endpoint: { method: 'GET', path: '/' } }, 'activity.endpoint.host'],
    ['exploit not boolean', { successfulExploit: 'no' }, 'activity.successfulExploit'],
    ['bad work item', { workItems: [{ targetId: 't', key: 'K-1', url: 5, createdAt: 1 }] }, 'activity.workItems[0].url'],
    ['bad block expiry', { blocked: { blockId: 'b', target: 'x', expiresAt: 'soon' } }, 'activity.blocked.expiresAt'],
  ])('rejects %s with invalid_response naming the field', (_, patch, path) => {
    const e = errorOf(() => validateActivity({ ...activity(), ...patch }));
    expect(e.code).toBe('invalid_response');
    expect(e.path).toBe(path);
  });

  it('rejects non-objects', () => {
    expect(errorOf(() => validateActivity(null, 'x')).path).toBe('x');
  });
});

describe('validateActivityPage', () => {
  const page = () => ({ items: [activity(), activity()], total: 2, totalIsEstimate: false, nextCursor: null, counts: { active: 2, under_review: 0, ignored: 0 } });

  it('accepts a well-formed page', () => {
    expect(validateActivityPage(page()).total).toBe(2);
  });

  it('names the bad item path, e.g. items[1].status', () => {
    const p = page();
    (p.items[1] as unknown as Record<string, unknown>).status = 'weird';
    expect(errorOf(() => validateActivityPage(p)).path).toBe('items[1].status');
  });

  it('checks the page fields', () => {
    expect(errorOf(() => validateActivityPage({ ...page(), items: {} })).path).toBe('items');
    expect(errorOf(() => validateActivityPage({ ...page(), nextCursor: 3 })).path).toBe('nextCursor');
    expect(errorOf(() => validateActivityPage({ ...page(), counts: { active: 1, ignored: 0 } })).path).toBe('counts.under_review');
  });
});
