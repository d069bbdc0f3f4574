/**
 * The port adapter: the executable contract over a MessageChannel (the same
 * structured-clone messaging a Worker uses), then what only a port can get
 * wrong: cancellation reaching the served adapter, typed errors crossing,
 * live events stopping on abort, export pages streaming and early exit.
 */
import { connectPortAdapter, serveAdapter, type AdapterPort } from '../../../src/adapters/worker/portAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import type { ListActivitiesParams, LiveEvent, ThreatDeckAdapter } from '../../../src/core/adapter';
import { AdapterError } from '../../../src/core/errors';
import { createQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { runAdapterContract } from '../../../src/testing/index';

const NOW = 1_748_779_200_000;
const stops: Array<() => void> = [];
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

async function overPort(adapter: ThreatDeckAdapter): Promise<ThreatDeckAdapter> {
  const channel = new MessageChannel();
  channels.push(channel);
  stops.push(serveAdapter(adapter, channel.port1 as unknown as AdapterPort));
  return connectPortAdapter(channel.port2 as unknown as AdapterPort);
}

const signal = () => new AbortController().signal;

runAdapterContract({
  name: 'port adapter (memory adapter behind a MessageChannel)',
  createAdapter: () => overPort(createMemoryAdapter({ seed: 5, activities: 600, hugeActivityAttempts: 0, now: () => NOW, live: false })),
  test: it,
});

describe('connectPortAdapter', () => {
  it('has only the optional methods the served adapter has, and its capabilities', async () => {
    const served = createTestAdapter({ capabilities: { block: false, unblock: false } });
    delete (served as { block?: unknown }).block;
    const adapter = await overPort(served);
    expect(adapter.capabilities.block).toBe(false);
    expect(adapter.block).toBeUndefined();
    expect(typeof adapter.listActivities).toBe('function');
  });

  it('aborting a call cancels it in the served adapter and rejects with aborted', async () => {
    let seen: AbortSignal | null = null;
    const adapter = await overPort(
      createTestAdapter({
        listActivities: (params: ListActivitiesParams) =>
          new Promise((_, reject) => {
            seen = params.signal;
            params.signal.addEventListener('abort', () => reject(new AdapterError('aborted', 'stopped')));
          }),
      }),
    );
    const controller = new AbortController();
    const call = adapter.listActivities({ query: createQuery(), pageSize: 10, signal: controller.signal });
    await vi.waitFor(() => expect(seen).not.toBeNull());
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AdapterError', code: 'aborted' });
    await vi.waitFor(() => expect(seen!.aborted).toBe(true));
  });

  it('errors cross as AdapterError with their code and path', async () => {
    const adapter = await overPort(
      createTestAdapter({
        getActivity: async () => {
          throw new AdapterError('invalid_response', 'bad field', { path: 'items[2].status', status: 502 });
        },
      }),
    );
    const error = await adapter.getActivity({ id: 'x', signal: signal() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: 'invalid_response', message: 'bad field', path: 'items[2].status', status: 502 });
  });

  it('forwards previewSuppressionRule, listBlocks and the new write params (keys, liftRules, asOf, dryRun, acknowledgeRisk)', async () => {
    const memory = createMemoryAdapter({ seed: 9, activities: 200, hugeActivityAttempts: 0, now: () => NOW, live: false });
    const adapter = await overPort(memory);
    expect(adapter.capabilities).toMatchObject({ idempotentWrites: true, rulePreview: true, blockList: true });
    const page = await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() });
    const a = page.items[0]!;
    const rule = { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null };
    expect(await adapter.previewSuppressionRule!({ rule, signal: signal() })).toMatchObject({ activities: expect.any(Number), events: expect.any(Number) });
    const params = { rule, activityIds: [a.id], idempotencyKey: 'k' };
    const one = await adapter.ignore!({ ...params, signal: signal() });
    expect((await adapter.ignore!({ ...params, signal: signal() })).rule.id).toBe(one.rule.id);
    expect(await adapter.setStatus({ ids: [a.id], status: 'active', liftRules: true, signal: signal() })).toEqual({ affected: 1, liftedRuleIds: [one.rule.id] });
    // a was reactivated after `page`: a bulk change bounded by that page leaves it alone.
    const dry = await adapter.setStatusByQuery!({ query: createQuery(), status: 'ignored', asOf: page.asOf!, dryRun: true, signal: signal() });
    expect(dry.affected).toBe(page.total - 1);
    const refused = await adapter.block!({ target: '10.0.0.0/8', durationMs: null, signal: signal() }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'AdapterError', code: 'invalid_request', path: 'acknowledgeRisk', detail: expect.stringContaining('private') });
    const block = await adapter.block!({ target: '10.0.0.0/8', durationMs: null, acknowledgeRisk: true, activityId: a.id, signal: signal() });
    expect(await adapter.listBlocks!({ pageSize: 5, signal: signal() })).toEqual({ items: [block], total: 1, nextCursor: null });
  });

  it('live events flow until the subscription is aborted', async () => {
    const memory = createMemoryAdapter({ seed: 9, activities: 200, hugeActivityAttempts: 0, now: () => NOW, live: false });
    const adapter = await overPort(memory);
    const events: LiveEvent[] = [];
    const controller = new AbortController();
    await adapter.subscribe!({ query: createQuery(), onEvent: (e) => events.push(e), signal: controller.signal });
    memory.simulateLiveEvents(3);
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(3));
    controller.abort();
    const before = events.length;
    await new Promise((r) => setTimeout(r, 20));
    memory.simulateLiveEvents(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(events.length).toBe(before);
  });

  it('export streams every page; leaving early cancels the export in the served adapter', async () => {
    const memory = createMemoryAdapter({ seed: 9, activities: 1_200, hugeActivityAttempts: 0, now: () => NOW, live: false });
    const adapter = await overPort(memory);
    let total = 0;
    for await (const page of adapter.exportActivities!({ query: createQuery(), signal: signal() })) total += page.length;
    const first = await memory.listActivities({ query: createQuery(), pageSize: 1, signal: signal() });
    expect(total).toBe(first.total);

    let exportSignal: AbortSignal | null = null;
    const endless = await overPort(
      createTestAdapter({
        exportActivities: async function* ({ signal: s }) {
          exportSignal = s;
          for (;;) {
            yield [];
            await new Promise((r) => setTimeout(r, 1));
          }
        },
      }),
    );
    for await (const page of endless.exportActivities!({ query: createQuery(), signal: signal() })) {
      expect(page).toEqual([]);
      break;
    }
    await vi.waitFor(() => expect(exportSignal?.aborted).toBe(true));
  });
});
