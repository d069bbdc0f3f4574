/**
 * Contract cases for case handling (capability `cases`), part two: notes
 * (append-only, trimmed, authored by the caller, newest first; bulk by
 * target), the history of every write (who, when, what, attacker-written
 * values kept as data), bad input as `invalid_request` naming the field, and
 * idempotent retries that apply once.
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import { supports } from '../../core/capabilities';
import { MAX_NOTE_LENGTH, MAX_REASON_TEXT_LENGTH, type HistoryEntry, type Note } from '../../core/cases';
import { isAdapterError } from '../../core/errors';
import { caseHelpers } from './caseAssignmentCases';
import { check, expectCode, newKey, rejection, requiredValues, signal, UNKNOWN_ID, type ContractContext, type ContractIt } from './contractKit';

/** Attacker-written text: it must come back exactly, as data. */
const HOSTILE = '<img src=x onerror=alert(1)> "; DROP TABLE notes; -- \u202e';

export function caseNoteContractCases(it: ContractIt, ctx: ContractContext): void {
  const { someActivity, distinctActivities, walkPages } = ctx;
  const { walkUsers, assignable, whoAmI, assigneeOf } = caseHelpers(ctx);
  const notesOf = (adapter: ThreatDeckAdapter, activityId: string, size = 2) =>
    walkPages('listNotes', (n: Note) => n.id, size, (cursor) => adapter.listNotes!({ activityId, limit: size, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) }));
  const historyOf = (adapter: ThreatDeckAdapter, activityId: string, size = 3) =>
    walkPages('listHistory', (h: HistoryEntry) => h.id, size, (cursor) => adapter.listHistory!({ activityId, limit: size, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) }));

  it('cases: notes are append-only, trimmed, authored by the caller, newest first; a bulk note reaches each activity once', async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const [a, b] = await distinctActivities(adapter, 2);
    const before = (await notesOf(adapter, a!.id)).length;
    const made: Note[] = [];
    for (const text of ['  first  ', 'second', HOSTILE]) made.push(await adapter.addNote!({ activityId: a!.id, text, signal: signal() }));
    check(made[0]!.text === 'first', `a note is stored as ${JSON.stringify(made[0]!.text)}, not trimmed`);
    check(made[2]!.text === HOSTILE.trim(), 'a note with markup came back changed');
    check(new Set(made.map((n) => n.authorId)).size === 1 && made.every((n) => n.activityId === a!.id), 'notes by one caller name different authors or activities');
    const notes = await notesOf(adapter, a!.id);
    check(notes.length === before + 3, `listNotes walked ${notes.length} notes after adding 3 to ${before}`);
    check(notes[0]!.id === made[2]!.id && notes[2]!.id === made[0]!.id, 'listNotes is not newest first');
    for (let i = 1; i < notes.length; i++) check(notes[i - 1]!.createdAt >= notes[i]!.createdAt, 'listNotes is not newest first by createdAt');
    const bulk = await adapter.addNotes!({ target: { ids: [a!.id, b!.id] }, text: 'bulk note', signal: signal() });
    check(bulk.affected === 2, `a bulk note on two activities affected ${bulk.affected}`);
    check((await notesOf(adapter, b!.id)).filter((n) => n.text === 'bulk note').length === 1, 'the bulk note is not on each activity once');
    await expectCode(adapter.listNotes!({ activityId: UNKNOWN_ID, signal: signal() }), 'not_found', 'listNotes of an unknown activity');
    await expectCode(adapter.listHistory!({ activityId: UNKNOWN_ID, signal: signal() }), 'not_found', 'listHistory of an unknown activity');
  });

  it('cases: bad input is invalid_request naming the field, and changes nothing', async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const a = await someActivity(adapter);
    const [u1] = await assignable(adapter);
    const notesBefore = (await notesOf(adapter, a.id, 50)).length;
    const named = async (call: Promise<unknown>, path: string, what: string) => {
      const e = await rejection(call, what);
      check(isAdapterError(e) && e.code === 'invalid_request', `${what} rejected with ${String(e)}, not invalid_request`);
      check(e.path === path, `${what}: the error names path "${String(e.path)}", not "${path}"`);
    };
    await named(adapter.addNote!({ activityId: a.id, text: 'x'.repeat(MAX_NOTE_LENGTH + 1), signal: signal() }), 'text', 'a note over the cap');
    await named(adapter.addNote!({ activityId: a.id, text: '', signal: signal() }), 'text', 'an empty note');
    await named(adapter.addNote!({ activityId: a.id, text: ' \n\t ', signal: signal() }), 'text', 'a whitespace-only note');
    await named(adapter.addNotes!({ target: { ids: [a.id] }, text: '   ', signal: signal() }), 'text', 'an empty bulk note');
    const authored = { activityId: a.id, text: 'I am someone else', authorId: 'someone-else', signal: signal() } as Parameters<NonNullable<ThreatDeckAdapter['addNote']>>[0];
    await named(adapter.addNote!(authored), 'authorId', 'a note claiming its author');
    check((await notesOf(adapter, a.id, 50)).length === notesBefore, 'a refused note was stored');
    await named(adapter.assignActivities!({ target: { ids: [a.id] }, userId: 'zz-no-such-user-zz', signal: signal() }), 'userId', 'an assignment to an unknown user');
    const deleted = (await walkUsers(adapter, undefined, 50)).find((u) => u.deleted);
    if (deleted) await named(adapter.assignActivities!({ target: { ids: [a.id] }, userId: deleted.id, signal: signal() }), 'userId', 'an assignment to a deleted user');
    check((await assigneeOf(adapter, a.id)) === a.assigneeId, 'a refused assignment changed the assignee');
    const e = await rejection(adapter.assignActivities!({ target: { ids: [a.id, UNKNOWN_ID] }, userId: u1.id, signal: signal() }), 'an assignment with an unknown activity');
    check(isAdapterError(e) && (e.code === 'not_found' || e.code === 'invalid_request'), `an assignment with an unknown activity rejected with ${String(e)}`);
    check((await assigneeOf(adapter, a.id)) === a.assigneeId, 'an assignment with one unknown activity half-applied');
    await named(adapter.setStatus({ ids: [a.id], status: 'ignored', reason: { text: 'x'.repeat(MAX_REASON_TEXT_LENGTH + 1) }, signal: signal() }), 'reason.text', 'a reason over the cap');
    check((await adapter.getActivity({ id: a.id, signal: signal() })).status === a.status, 'a status change with a refused reason still applied');
  });

  it('cases: the history records who, when and what for every write, newest first, with attacker-written values as data', async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const a = await someActivity(adapter);
    const [u1] = await assignable(adapter);
    const me = await whoAmI(adapter, a);
    const start = (await historyOf(adapter, a.id)).length;
    await adapter.setStatus({ ids: [a.id], status: 'under_review', reason: { choice: 'needs-investigation', text: HOSTILE }, signal: signal() });
    await adapter.assignActivities!({ target: { ids: [a.id] }, userId: u1.id, signal: signal() });
    await adapter.addNote!({ activityId: a.id, text: HOSTILE, signal: signal() });
    const expected: HistoryEntry['kind'][] = ['note', 'assignment', 'status'];
    if (adapter.capabilities.block && adapter.block) {
      await adapter.block({ target: a.actor.ip, durationMs: 60_000, reason: 'contract history', activityId: a.id, acknowledgeRisk: true, signal: signal() });
      expected.unshift('block');
    }
    if (adapter.capabilities.workItems && adapter.listWorkItemTargets && adapter.createWorkItem) {
      const target = (await adapter.listWorkItemTargets({ signal: signal() }))[0];
      if (target) {
        await adapter.createWorkItem({ targetId: target.id, activityId: a.id, values: requiredValues(target), signal: signal() });
        expected.unshift('workItem');
      }
    }
    const entries = await historyOf(adapter, a.id);
    const fresh = entries.slice(0, entries.length - start);
    check(JSON.stringify(fresh.map((h) => h.kind)) === JSON.stringify(expected), `the history lists ${fresh.map((h) => h.kind).join(', ')}, not ${expected.join(', ')}`);
    for (let i = 1; i < entries.length; i++) check(entries[i - 1]!.when >= entries[i]!.when, 'the history is not newest first');
    check(fresh.every((h) => h.who === me && h.activityId === a.id && Number.isFinite(h.when)), 'a history entry does not name the caller, the activity or a time');
    const status = fresh.find((h) => h.kind === 'status');
    check(status?.kind === 'status' && status.from === 'active' && status.to === 'under_review', 'the status entry does not say from and to');
    check(status.reason?.choice === 'needs-investigation' && status.reason.text === HOSTILE.trim(), 'the status entry does not keep its reason as written');
    const assignment = fresh.find((h) => h.kind === 'assignment');
    check(assignment?.kind === 'assignment' && assignment.to === u1.id && assignment.from === (a.assigneeId ?? null), 'the assignment entry does not say from and to');
    const note = fresh.find((h) => h.kind === 'note');
    check(note?.kind === 'note' && note.text === HOSTILE.trim(), 'the note entry does not keep the text as written');
    if (adapter.capabilities.suppressionRules && adapter.ignore) {
      const [b] = await distinctActivities(adapter, 1);
      await adapter.ignore({ rule: { actorIp: b!.actor.ip, endpoint: b!.endpoint, policyId: b!.policy.id, reason: 'contract history', expiresAt: null }, activityIds: [b!.id], statusReason: { choice: 'false-positive' }, signal: signal() });
      const [last, rule] = await historyOf(adapter, b!.id);
      check(last?.kind === 'status' && last.to === 'ignored' && last.reason?.choice === 'false-positive', 'Ignore did not record the status change with its reason');
      check(rule?.kind === 'rule' && rule.action === 'created', 'Ignore did not record its rule');
    }
  });

  it('cases: a retry with the same idempotency key applies once; the same key with another request is a conflict', async (adapter) => {
    if (!supports(adapter, 'cases') || !adapter.capabilities.idempotentWrites) return;
    const [a, b] = await distinctActivities(adapter, 2);
    const [u1, u2] = await assignable(adapter);
    const before = (await notesOf(adapter, a!.id, 50)).length;
    const note = { activityId: a!.id, text: 'contract replay', idempotencyKey: newKey() };
    const one = await adapter.addNote!({ ...note, signal: signal() });
    const two = await adapter.addNote!({ ...note, signal: signal() });
    check(two.id === one.id, `the same key made a second note (${one.id}, then ${two.id})`);
    check((await notesOf(adapter, a!.id, 50)).length === before + 1, 'two addNote calls with one key stored two notes');
    await expectCode(adapter.addNote!({ ...note, text: 'another text', signal: signal() }), 'conflict', 'addNote with a reused key and another text');
    const assign = { target: { ids: [b!.id] }, userId: u1.id, idempotencyKey: newKey() };
    await adapter.assignActivities!({ ...assign, signal: signal() });
    await adapter.assignActivities!({ target: { ids: [b!.id] }, userId: u2.id, signal: signal() });
    await adapter.assignActivities!({ ...assign, signal: signal() });
    check((await assigneeOf(adapter, b!.id)) === u2.id, 'a replayed assignment applied again');
    const bulk = { target: { ids: [a!.id, b!.id] }, text: 'contract bulk replay', idempotencyKey: newKey() };
    await adapter.addNotes!({ ...bulk, signal: signal() });
    await adapter.addNotes!({ ...bulk, signal: signal() });
    check((await notesOf(adapter, b!.id, 50)).filter((n) => n.text === 'contract bulk replay').length === 1, 'a replayed bulk note was stored twice');
  });
}
