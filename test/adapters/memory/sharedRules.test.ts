/**
 * The memory adapter applies the core's rules, so it cannot disagree with the
 * form or the other adapters: work-item values (select fields, blank text,
 * wrong types) and IP addresses (an IPv4-compatible IPv6 actor is not the
 * IPv4 address it spells).
 */
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { DEMO_WORK_ITEM_TARGETS } from '../../../src/adapters/memory/demoWorkItemTargets';
import { createQuery } from '../../../src/core/query';
import { isAdapterError } from '../../../src/core/errors';
import type { WorkItemTarget } from '../../../src/core/model';
import { validateWorkItemValues } from '../../../src/core/workItemDraft';
import { detectionEvent } from '../http/securedServerKit';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;
const memory = () => createMemoryAdapter({ seed: 3, activities: 20, hugeActivityAttempts: 0, now: () => NOW, live: false });
const jira = DEMO_WORK_ITEM_TARGETS.find((t) => t.id === 'jira-sec-bug')!;
const good = { summary: 'S', description: 'D', priority: 'high' };

/** The path the memory adapter refuses `values` at, or null when it creates the item. */
async function memoryRefusal(values: unknown): Promise<string | null> {
  const adapter = memory();
  const activityId = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!.id;
  try {
    await adapter.createWorkItem({ targetId: jira.id, activityId, values: values as never, signal: signal() });
    return null;
  } catch (error) {
    if (!isAdapterError(error)) throw error;
    expect(error.code).toBe('invalid_request');
    return error.path ?? '';
  }
}

describe('work-item values: one rule for the form and the memory adapter', () => {
  it.each([
    ['well-formed', good],
    ['whitespace-only summary', { ...good, summary: '   ' }],
    ['whitespace-only select', { ...good, priority: ' ' }],
    ['a select value that is not an option', { ...good, priority: 'urgent' }],
    ['a select value padded with spaces', { ...good, priority: ' high ' }],
    ['labels as text', { ...good, labels: 'api' }],
    ['a field the target does not have', { ...good, storyPoints: '3' }],
    ['a null summary', { ...good, summary: null }],
    ['a number for the description', { ...good, description: 7 }],
    ['too long a summary', { ...good, summary: 'x'.repeat(256) }],
  ])('%s: both refuse the same field (or both accept)', async (_, values) => {
    const core = validateWorkItemValues(jira, values as Record<string, unknown>)[0];
    expect(await memoryRefusal(values)).toBe(core ? `values.${core.fieldId}` : null);
  });

  it('blank text is no value in the core too: a required field of spaces is missing', () => {
    expect(validateWorkItemValues(jira, { ...good, summary: ' \n\t ' })).toEqual([{ fieldId: 'summary', problem: 'required' }]);
  });

  it('a select without options has no valid value, in the core as in the adapter', () => {
    const target: WorkItemTarget = { id: 't', system: 'jira', label: 'T', fields: [{ id: 'area', label: 'Area', type: 'select', required: false }] };
    expect(validateWorkItemValues(target, { area: 'anything' })).toEqual([{ fieldId: 'area', problem: 'option' }]);
  });
});

describe('IP addresses: the memory adapter reads actors as the core does', () => {
  it('an IPv4-compatible actor (::10.0.0.1) is not covered by a block on 10.0.0.1, but is by one on ::a00:1', async () => {
    const adapter = memory();
    const { activityIds } = await adapter.ingestEvents({ events: [detectionEvent(1, { actor: { ip: '::10.0.0.1' } })], signal: signal() });
    const id = activityIds[0]!;
    await adapter.block({ target: '10.0.0.1', durationMs: null, acknowledgeRisk: true, signal: signal() });
    expect((await adapter.getActivity({ id, signal: signal() })).blocked).toBeUndefined();
    const block = await adapter.block({ target: '::a00:1', durationMs: null, acknowledgeRisk: true, signal: signal() });
    expect((await adapter.getActivity({ id, signal: signal() })).blocked?.blockId).toBe(block.blockId);
  });

  it('an IPv4-mapped actor (::ffff:10.0.0.1) is the IPv4 address: a block on 10.0.0.0/8 covers it', async () => {
    const adapter = memory();
    const { activityIds } = await adapter.ingestEvents({ events: [detectionEvent(1, { actor: { ip: '::ffff:10.0.0.1' } })], signal: signal() });
    const block = await adapter.block({ target: '10.0.0.0/8', durationMs: null, acknowledgeRisk: true, signal: signal() });
    expect((await adapter.getActivity({ id: activityIds[0]!, signal: signal() })).blocked?.blockId).toBe(block.blockId);
  });

  it('an actor with a zone id is not an address: no block covers it', async () => {
    const adapter = memory();
    const { activityIds } = await adapter.ingestEvents({ events: [detectionEvent(1, { actor: { ip: 'fe80::1%eth0' } })], signal: signal() });
    await adapter.block({ target: 'fe80::/10', durationMs: null, acknowledgeRisk: true, signal: signal() });
    expect((await adapter.getActivity({ id: activityIds[0]!, signal: signal() })).blocked).toBeUndefined();
  });
});
