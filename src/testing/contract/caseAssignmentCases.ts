/**
 * Contract cases for case handling (capability `cases`), part one: users,
 * assignments by ids and by query (bounded by `asOf`), the assignee filters
 * ('me', 'unassigned', a user) and their counts, and age in triage.
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import { supports } from '../../core/capabilities';
import type { User } from '../../core/cases';
import type { Activity } from '../../core/model';
import { createQuery, type ActivityQuery } from '../../core/query';
import { check, expectCode, signal, type ContractContext, type ContractIt } from './contractKit';

/** Helpers the case files share: every user, who "me" is, an assignee read. */
export function caseHelpers(ctx: ContractContext) {
  const walkUsers = (adapter: ThreatDeckAdapter, search?: string, size = 2) =>
    ctx.walkPages('listUsers', (u: User) => u.id, size, (cursor) =>
      adapter.listUsers!({ limit: size, signal: signal(), ...(search !== undefined ? { search } : {}), ...(cursor !== undefined ? { cursor } : {}) }),
    );
  /** Two users who can be assigned. */
  async function assignable(adapter: ThreatDeckAdapter): Promise<[User, User]> {
    const live = (await walkUsers(adapter, undefined, 50)).filter((u) => !u.deleted);
    check(live.length >= 2, `listUsers lists ${live.length} users who can be assigned; the contract needs two`);
    return [live[0]!, live[1]!];
  }
  /** The caller as the backend authenticates it: the author of a note it writes. */
  async function whoAmI(adapter: ThreatDeckAdapter, activity: Activity): Promise<string> {
    const note = await adapter.addNote!({ activityId: activity.id, text: 'contract: who am I', signal: signal() });
    check(typeof note.authorId === 'string' && note.authorId !== '', 'addNote returned a note without its author');
    return note.authorId;
  }
  const assigneeOf = async (adapter: ThreatDeckAdapter, id: string) => (await adapter.getActivity({ id, signal: signal() })).assigneeId;
  return { walkUsers, assignable, whoAmI, assigneeOf };
}

export function caseAssignmentContractCases(it: ContractIt, ctx: ContractContext): void {
  const { list, walk, someActivity } = ctx;
  const { walkUsers, assignable, whoAmI, assigneeOf } = caseHelpers(ctx);
  const idsOf = async (adapter: ThreatDeckAdapter, query: ActivityQuery) => new Set((await walk(adapter, query)).items.map((a) => a.id));

  it('cases: users page without duplicates or gaps, a search narrows them, a bad page size is invalid_request', async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const users = await walkUsers(adapter);
    check(users.length > 0, 'listUsers lists nobody');
    check(users.every((u) => typeof u.id === 'string' && typeof u.name === 'string'), 'a user lacks an id or a name');
    const found = await walkUsers(adapter, users[0]!.name.toUpperCase());
    check(found.some((u) => u.id === users[0]!.id) && found.length <= users.length, 'searching for a user’s name (another case) did not find them');
    check((await walkUsers(adapter, 'zz-no-such-user-zz-41f')).length === 0, 'a user search that matches nobody listed users');
    await expectCode(adapter.listUsers!({ limit: 0, signal: signal() }), 'invalid_request', 'listUsers with limit 0');
  });

  it('cases: assigning by ids moves the activity between the assignee filters, and the filters partition the counts', async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const [u1, u2] = await assignable(adapter);
    const a = await someActivity(adapter);
    const one = await adapter.assignActivities!({ target: { ids: [a.id] }, userId: u1.id, signal: signal() });
    check(one.affected === 1, `assigning one activity affected ${one.affected}`);
    check((await assigneeOf(adapter, a.id)) === u1.id, 'getActivity does not show the assignee');
    const again = await adapter.assignActivities!({ target: { ids: [a.id] }, userId: u1.id, signal: signal() });
    check(again.affected === 0, `assigning to the user already assigned affected ${again.affected}`);
    check((await idsOf(adapter, createQuery({ assignee: { userId: u1.id } }))).has(a.id), 'the user filter does not list an activity assigned to them');
    check(!(await idsOf(adapter, createQuery({ assignee: { userId: u2.id } }))).has(a.id), 'another user’s filter lists the activity');
    check(!(await idsOf(adapter, createQuery({ assignee: 'unassigned' }))).has(a.id), 'the unassigned filter lists an assigned activity');
    // Every activity is unassigned or someone's: the filters' totals add up to the list's, in every status.
    const all = await list(adapter, createQuery(), 1);
    let sum = (await list(adapter, createQuery({ assignee: 'unassigned' }), 1)).total;
    for (const u of await walkUsers(adapter, undefined, 50)) sum += (await list(adapter, createQuery({ assignee: { userId: u.id } }), 1)).total;
    if (!all.totalIsEstimate) check(sum === all.total, `unassigned plus each user’s total is ${sum}, the list has ${all.total}`);
    const withFilter = await list(adapter, createQuery({ assignee: { userId: u1.id } }), 1);
    const byStatus = await Promise.all((['active', 'under_review', 'ignored'] as const).map((status) => list(adapter, createQuery({ status, assignee: { userId: u1.id } }), 1)));
    check(byStatus.every((p, i) => p.total === withFilter.counts[(['active', 'under_review', 'ignored'] as const)[i]!]), 'the counts of an assignee filter disagree with its list totals');
    const off = await adapter.assignActivities!({ target: { ids: [a.id] }, userId: null, signal: signal() });
    check(off.affected === 1 && (await assigneeOf(adapter, a.id)) === undefined, 'unassigning did not clear the assignee');
    check((await idsOf(adapter, createQuery({ assignee: 'unassigned' }))).has(a.id), 'the unassigned filter does not list an unassigned activity');
  });

  it("cases: 'me' is the caller: an activity assigned to the caller is listed by 'me' and by nobody else's filter", async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const a = await someActivity(adapter);
    const me = await whoAmI(adapter, a);
    const users = await walkUsers(adapter, undefined, 50);
    const mine = (await walk(adapter, createQuery({ assignee: 'me' }))).items;
    check(mine.every((x) => x.assigneeId === me), "the 'me' filter lists an activity assigned to someone else");
    if (!users.some((u) => u.id === me && !u.deleted)) return;
    await adapter.assignActivities!({ target: { ids: [a.id] }, userId: me, signal: signal() });
    const after = await list(adapter, createQuery({ assignee: 'me' }), 1);
    check(after.total === mine.length + (a.assigneeId === me ? 0 : 1), `the 'me' total is ${after.total} after assigning one more to the caller (was ${mine.length})`);
    check((await idsOf(adapter, createQuery({ assignee: 'me' }))).has(a.id), "the 'me' filter does not list an activity assigned to the caller");
  });

  it('cases: assigning by query is bounded by asOf: an activity that came into the list later is left alone', async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const [, u2] = await assignable(adapter);
    const a = await someActivity(adapter);
    let query = createQuery({ filters: { host: [a.endpoint.host] } });
    if ((await list(adapter, query, 1)).total < 2) query = createQuery();
    await adapter.assignActivities!({ target: { query }, userId: null, signal: signal() });
    const [late] = (await list(adapter, query, 2)).items.filter((x) => x.id !== a.id);
    check(late, 'the query needs two active activities');
    await adapter.setStatus({ ids: [late.id], status: 'under_review', signal: signal() });
    const seen = await list(adapter, query, 1);
    if (typeof seen.asOf !== 'string') return;
    await adapter.setStatus({ ids: [late.id], status: 'active', signal: signal() });
    const result = await adapter.assignActivities!({ target: { query, asOf: seen.asOf, excludeIds: [a.id] }, userId: u2.id, signal: signal() });
    check(result.affected === seen.total - 1, `assigning by query bounded by asOf affected ${result.affected}, the list showed ${seen.total} (one excluded)`);
    check((await assigneeOf(adapter, late.id)) === undefined, 'assigning by query assigned an activity that came into the list after asOf');
    check((await assigneeOf(adapter, a.id)) === undefined, 'assigning by query assigned an excluded activity');
    await expectCode(adapter.assignActivities!({ target: { query, asOf: '%%not-an-asOf%%' }, userId: u2.id, signal: signal() }), 'invalid_request', 'assignActivities with a malformed asOf');
  });

  it('cases: age in triage: activities carry activeSince, Reactivate restarts it, and it sorts oldest first', async (adapter) => {
    if (!supports(adapter, 'cases')) return;
    const a = await someActivity(adapter);
    check(typeof a.activeSince === 'number', 'an active activity has no activeSince');
    await adapter.setStatus({ ids: [a.id], status: 'under_review', signal: signal() });
    await adapter.setStatus({ ids: [a.id], status: 'active', signal: signal() });
    const back = await adapter.getActivity({ id: a.id, signal: signal() });
    check(typeof back.activeSince === 'number' && back.activeSince >= a.activeSince!, 'Reactivate did not restart activeSince');
    const sortable = adapter.capabilities.sortableFields;
    if (sortable && !sortable.includes('activeSince')) return;
    const { items } = await walk(adapter, createQuery({ sort: { field: 'activeSince', direction: 'asc' } }));
    for (let i = 1; i < items.length; i++) check(items[i - 1]!.activeSince! <= items[i]!.activeSince!, 'items are not sorted by activeSince asc');
  });
}
