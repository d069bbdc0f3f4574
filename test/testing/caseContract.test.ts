/**
 * Each case-handling contract check fails on purpose against a memory adapter
 * broken in just that way, and passes (checking nothing) when the adapter does
 * not advertise `cases`.
 */
import { createMemoryAdapter, type MemoryAdapter } from '../../src/adapters/memory';
import type { AdapterCapabilities, ThreatDeckAdapter } from '../../src/core/adapter';
import { createTestAdapter, runAdapterContract } from '../../src/testing';

const NOW = 1_748_779_200_000;
type Broken = (memory: MemoryAdapter) => Partial<Omit<ThreatDeckAdapter, 'capabilities'>> & { capabilities?: Partial<AdapterCapabilities> };

function caseOf(title: string, broken: Broken): () => Promise<void> {
  let found: (() => Promise<void>) | undefined;
  runAdapterContract({
    name: 'broken',
    createAdapter: () => {
      const memory = createMemoryAdapter({ seed: 3, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false });
      const { capabilities, ...methods } = broken(memory);
      return createTestAdapter({ ...memory, ...methods, capabilities: { ...memory.capabilities, ...capabilities } });
    },
    test: (t, fn) => {
      if (t === `broken: ${title}`) found = fn;
    },
  });
  if (!found) throw new Error(`no contract case titled "${title}"`);
  return found;
}

const USERS = 'cases: users page without duplicates or gaps, a search narrows them, a bad page size is invalid_request';
const BY_IDS = 'cases: assigning by ids moves the activity between the assignee filters, and the filters partition the counts';
const ME = "cases: 'me' is the caller: an activity assigned to the caller is listed by 'me' and by nobody else's filter";
const AS_OF = 'cases: assigning by query is bounded by asOf: an activity that came into the list later is left alone';
const AGE = 'cases: age in triage: activities carry activeSince, Reactivate restarts it, and it sorts oldest first';
const NOTES = 'cases: notes are append-only, trimmed, authored by the caller, newest first; a bulk note reaches each activity once';
const BAD = 'cases: bad input is invalid_request naming the field, and changes nothing';
const HISTORY = 'cases: the history records who, when and what for every write, newest first, with attacker-written values as data';
const REPLAY = 'cases: a retry with the same idempotency key applies once; the same key with another request is a conflict';

const noKey = <P extends { idempotencyKey?: string }>(p: P): P => ({ ...p, idempotencyKey: undefined });
const withoutFilter = <P extends { query: { assignee?: unknown } }>(p: P): P => ({ ...p, query: { ...p.query, assignee: undefined } });

it.each<[string, string, Broken, RegExp]>([
  ['user pages repeat the first page', USERS, (m) => ({ listUsers: ({ cursor: _c, ...p }) => m.listUsers(p) }), /twice/],
  ['the user search is ignored', USERS, (m) => ({ listUsers: ({ search: _s, ...p }) => m.listUsers(p) }), /matches nobody/],
  ['the assignee filter is ignored', BY_IDS, (m) => ({ listActivities: (p) => m.listActivities(withoutFilter(p)) }), /another user’s filter|unassigned filter|add up|total is/],
  ['an assignment is not shown on the activity', BY_IDS, (m) => ({ getActivity: (p) => m.getActivity(p).then(({ assigneeId: _a, ...d }) => d) }), /does not show the assignee/],
  ["'me' lists everyone's", ME, (m) => ({ listActivities: (p) => m.listActivities(p.query.assignee === 'me' ? withoutFilter(p) : p) }), /someone else|'me' total/],
  ['bulk assignment ignores the as-of bound', AS_OF, (m) => ({ assignActivities: (p) => m.assignActivities({ ...p, target: 'query' in p.target ? { ...p.target, asOf: undefined } : p.target }) }), /affected|came into the list after asOf/],
  ['bulk assignment ignores the excluded ids', AS_OF, (m) => ({ assignActivities: (p) => m.assignActivities({ ...p, target: 'query' in p.target ? { ...p.target, excludeIds: undefined } : p.target }) }), /affected|excluded/],
  ['Reactivate keeps the old activeSince', AGE, (m) => ({ getActivity: (p) => m.getActivity(p).then((d) => ({ ...d, activeSince: d.firstSeen - 1 })) }), /restart/],
  ['notes come back oldest first', NOTES, (m) => ({ listNotes: (p) => m.listNotes(p).then((page) => ({ ...page, items: [...page.items].reverse() })) }), /newest first/],
  ['a note is stored untrimmed', NOTES, (m) => ({ addNote: (p) => m.addNote(p).then((n) => ({ ...n, text: ` ${n.text} ` })) }), /not trimmed|changed/],
  ['an over-long note is cut instead of refused', BAD, (m) => ({ addNote: (p) => m.addNote({ ...p, text: p.text.slice(0, 100) }) }), /over the cap/],
  ['a deleted user can be assigned', BAD, (m) => ({ assignActivities: (p) => (p.userId === 'u-finn' ? m.assignActivities({ ...p, userId: null }) : m.assignActivities(p)) }), /deleted user/],
  ['a status reason is dropped instead of checked', BAD, (m) => ({ setStatus: ({ reason: _r, ...p }) => m.setStatus(p) }), /reason over the cap/],
  ['a body claiming an author is accepted', BAD, (m) => ({ addNote: ({ activityId, text, signal }) => m.addNote({ activityId, text, signal }) }), /claiming its author/],
  ['a status change keeps no reason', HISTORY, (m) => ({ setStatus: ({ reason: _r, ...p }) => m.setStatus(p) }), /reason as written/],
  ['notes leave no history', HISTORY, (m) => ({ listHistory: (p) => m.listHistory(p).then((page) => ({ ...page, items: page.items.filter((h) => h.kind !== 'note'), total: page.total })) }), /history lists|total says/],
  ['a replayed note is stored again', REPLAY, (m) => ({ addNote: (p) => m.addNote(noKey(p)) }), /second note/],
  ['a replayed assignment applies again', REPLAY, (m) => ({ assignActivities: (p) => m.assignActivities(noKey(p)) }), /applied again/],
])('%s', async (_what, title, broken, message) => {
  await expect(caseOf(title, broken)()).rejects.toThrow(message);
});

it('skips every case check when the adapter does not advertise cases', async () => {
  for (const title of [USERS, BY_IDS, ME, AS_OF, AGE, NOTES, BAD, HISTORY, REPLAY]) {
    await expect(caseOf(title, () => ({ capabilities: { cases: false }, listUsers: () => Promise.reject(new Error('called')) }))()).resolves.toBeUndefined();
  }
});
