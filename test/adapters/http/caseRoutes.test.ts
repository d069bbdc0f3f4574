/**
 * The reference server's case routes as an HTTP client (or an attacker) sees
 * them: authentication and roles, JSON only, the note's cap named by field,
 * the author taken from the credential and never from the body, and `me`
 * resolved to the caller.
 */
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { DEMO_USERS } from '../../../src/adapters/memory/demoTeam';
import { MAX_NOTE_LENGTH } from '../../../src/core/cases';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { json, makeKeys, send } from './securedServerKit';

const NOW = 1_748_779_200_000;
const { keys, entries } = makeKeys();
const servers: RunningReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve() {
  // The analyst's principal is a user, so 'me' can be assigned.
  const users = [...DEMO_USERS, { id: 'analyst-1', name: 'Analyst One' }];
  const adapter = createMemoryAdapter({ seed: 5, activities: 120, hugeActivityAttempts: 0, now: () => NOW, live: false, users });
  const running = await startReferenceServer({ adapter, apiKeys: entries, live: { lingerMs: 20 } });
  servers.push(running);
  return running.url;
}
const as = (role: keyof typeof keys, extra: Record<string, string> = {}) => ({ 'x-api-key': keys[role], ...extra });

it('refuses case routes without credentials (401) and writes by a viewer (403); a viewer reads notes and history', async () => {
  const url = await serve();
  expect((await send(url, 'GET', '/users')).status).toBe(401);
  expect((await send(url, 'POST', '/activities/act-000001/notes', json(), JSON.stringify({ text: 'x' }))).status).toBe(401);
  const viewerNote = await send(url, 'POST', '/activities/act-000001/notes', json(as('viewer')), JSON.stringify({ text: 'x' }));
  expect(viewerNote.status).toBe(403);
  expect(viewerNote.body.error?.code).toBe('forbidden');
  expect((await send(url, 'POST', '/assignments', json(as('viewer')), JSON.stringify({ target: { ids: ['act-000001'] }, userId: null }))).status).toBe(403);
  expect((await send(url, 'GET', '/activities/act-000001/notes', as('viewer'))).status).toBe(200);
  expect((await send(url, 'GET', '/activities/act-000001/history', as('viewer'))).status).toBe(200);
  expect((await send(url, 'GET', '/users?search=lima', as('viewer'))).body.items).toEqual([expect.objectContaining({ id: 'u-ana' })]);
});

it('takes JSON only: a note sent as text/plain is 415 and stores nothing', async () => {
  const url = await serve();
  const res = await send(url, 'POST', '/activities/act-000001/notes', { ...as('analyst'), 'content-type': 'text/plain' }, JSON.stringify({ text: 'sneaky' }));
  expect(res.status).toBe(415);
  expect((await send(url, 'GET', '/activities/act-000001/notes', as('analyst'))).body.items).not.toContainEqual(expect.objectContaining({ text: 'sneaky' }));
});

it('an oversized note is 400 naming the field; an empty one too', async () => {
  const url = await serve();
  const over = await send(url, 'POST', '/activities/act-000001/notes', json(as('analyst')), JSON.stringify({ text: 'n'.repeat(MAX_NOTE_LENGTH + 1) }));
  expect(over.status).toBe(400);
  expect(over.body.error).toMatchObject({ code: 'invalid_request', path: 'text' });
  const huge = await send(url, 'POST', '/activities/act-000001/notes', json(as('analyst')), JSON.stringify({ text: 'n'.repeat(MAX_NOTE_LENGTH * 3) }));
  expect(huge.status).toBe(400);
  expect(huge.body.error?.path).toBe('body.text');
  const empty = await send(url, 'POST', '/activities/act-000001/notes', json(as('analyst')), JSON.stringify({ text: '   ' }));
  expect(empty.body.error).toMatchObject({ code: 'invalid_request', path: 'text' });
});

it('the author is the credential: a body claiming one is refused, and a note names the caller', async () => {
  const url = await serve();
  const claimed = await send(url, 'POST', '/activities/act-000001/notes', json(as('analyst')), JSON.stringify({ text: 'hi', authorId: 'admin-1' }));
  expect(claimed.status).toBe(400);
  expect(claimed.body.error?.path).toBe('body.authorId');
  const made = await send(url, 'POST', '/activities/act-000001/notes', json(as('analyst')), JSON.stringify({ text: '<b>hi</b>' }));
  expect(made.status).toBe(201);
  expect(made.body).toMatchObject({ authorId: 'analyst-1', text: '<b>hi</b>' });
  const history = await send(url, 'GET', '/activities/act-000001/history?limit=1', as('viewer'));
  expect(history.body.items).toEqual([expect.objectContaining({ kind: 'note', who: 'analyst-1', text: '<b>hi</b>' })]);
});

it("'me' is the caller: assigned to the analyst, listed by the analyst's 'me' and not the admin's", async () => {
  const url = await serve();
  const assigned = await send(url, 'POST', '/assignments', json(as('analyst')), JSON.stringify({ target: { ids: ['act-000002'] }, userId: 'analyst-1' }));
  expect(assigned.body).toEqual({ affected: 1 });
  const mine = await send(url, 'GET', '/activities?assignee=me&pageSize=100', as('analyst'));
  expect((mine.body.items as Array<{ id: string }>).map((a) => a.id)).toContain('act-000002');
  const admins = await send(url, 'GET', '/activities?assignee=me&pageSize=100', as('admin'));
  expect((admins.body.items as Array<{ id: string }>).map((a) => a.id)).not.toContain('act-000002');
  // The overview and the actor pivot read the same query: their 'me' is the caller too.
  const overview = await send(url, 'GET', '/overview?assignee=me', as('analyst'));
  expect((overview.body.totals as { activities: number }).activities).toBe(mine.body.total);
  const actors = await send(url, 'GET', '/actors?assignee=me&pageSize=500', as('analyst'));
  expect((actors.body.items as Array<{ activities: number }>).reduce((n, a) => n + a.activities, 0)).toBe(mine.body.total);
  const adminOverview = await send(url, 'GET', '/overview?assignee=me', as('admin'));
  expect((adminOverview.body.totals as { activities: number }).activities).toBe(admins.body.total);
  const bad = await send(url, 'GET', '/activities?assignee=everyone', as('analyst'));
  expect(bad.body.error).toMatchObject({ code: 'invalid_request', path: 'query.assignee' });
  const deleted = await send(url, 'POST', '/assignments', json(as('analyst')), JSON.stringify({ target: { ids: ['act-000002'] }, userId: 'u-finn' }));
  expect(deleted.body.error).toMatchObject({ code: 'invalid_request', path: 'userId' });
});

it('an oversized body is refused before it is read whole (413)', async () => {
  const url = await serve();
  const res = await send(url, 'POST', '/notes', json(as('analyst')), JSON.stringify({ target: { ids: ['act-000001'] }, text: 'x'.repeat(2 << 20) }));
  expect(res.status).toBe(413);
});
