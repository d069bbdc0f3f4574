/**
 * Defects a security probe found in the reference server, each pinned: keys
 * claimed while their first request runs, unknown body fields refused, dry
 * runs outside the key registry, bounded block durations, short 404
 * messages, `Allow` on 405.
 */
import { readFileSync } from 'node:fs';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { createQuery } from '../../../src/core/query';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';

const NOW = Date.UTC(2025, 0, 15);
const signal = () => new AbortController().signal;

let running: RunningReferenceServer;
let backend: ReturnType<typeof createMemoryAdapter>;

async function start(options: Parameters<typeof createMemoryAdapter>[0] = {}) {
  backend = createMemoryAdapter({ seed: 7, activities: 120, now: () => NOW, live: false, ...options });
  running = await startReferenceServer({ adapter: backend });
}
afterEach(() => running?.close());

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${running.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

const firstIds = async (count: number) =>
  (await backend.listActivities({ query: createQuery({ status: 'active' }), pageSize: count, signal: signal() })).items.map((a) => a.id);

const ruleFor = (index: number) => ({
  actorIp: `203.0.113.${index}`,
  endpoint: { method: 'GET', path: `/probe/${index}`, host: 'probe.example' },
  policyId: 'policy-probe',
  expiresAt: null,
});

describe('an idempotency key is claimed while its first request runs', () => {
  it('two different requests sent at once under one key: one applies, the other is 409 at once', async () => {
    await start({ latencyMs: 150 });
    const [id] = await firstIds(1);
    const key = { 'Idempotency-Key': 'probe-key-1' };
    const targets = await backend.listWorkItemTargets({ signal: signal() });
    const target = targets[0]!;
    const values = Object.fromEntries(target.fields.filter((f) => f.required).map((f) => [f.id, f.type === 'labels' ? ['x'] : f.type === 'select' ? f.options![0]!.value : 'x']));
    const [ticket, rule] = await Promise.all([
      send('POST', '/work-items', { targetId: target.id, activityId: id, values }, key),
      send('POST', '/suppression-rules', { rule: ruleFor(1), activityIds: [] }, key),
    ]);
    expect([ticket.status, rule.status].sort()).toEqual([201, 409]);
    const rules = await backend.listSuppressionRules!({ pageSize: 100, signal: signal() });
    expect(rules.items.some((r) => r.actorIp === '203.0.113.1')).toBe(rule.status === 201);
  });

  it('by ids and by query under one key at once: only one applies', async () => {
    await start({ latencyMs: 150 });
    const ids = await firstIds(2);
    const key = { 'Idempotency-Key': 'probe-key-2' };
    const [byIds, byQuery] = await Promise.all([
      send('POST', '/status-changes', { ids, status: 'under_review' }, key),
      send('POST', '/status-changes', { query: { status: 'active' }, status: 'ignored' }, key),
    ]);
    expect([byIds.status, byQuery.status].sort()).toEqual([200, 409]);
    const { status } = await backend.getActivity({ id: ids[0]!, signal: signal() });
    expect(status).toBe(byIds.status === 200 ? 'under_review' : 'ignored');
  });

  it('20 identical keyed requests at once: one effect, identical answers', async () => {
    await start({ latencyMs: [20, 80] });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => send('POST', '/suppression-rules', { rule: ruleFor(2), activityIds: [] }, { 'Idempotency-Key': 'probe-key-3' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    const rules = await backend.listSuppressionRules!({ pageSize: 100, signal: signal() });
    expect(rules.items.filter((r) => r.actorIp === '203.0.113.2')).toHaveLength(1);
  });

  it('a failed request releases its claim: the key can then be used for another request', async () => {
    await start({ latencyMs: 30 });
    const ids = await firstIds(1);
    const key = { 'Idempotency-Key': 'probe-key-4' };
    const failed = await send('POST', '/status-changes', { ids: ['no-such-activity'], status: 'under_review' }, key);
    expect(failed.status).toBe(404);
    expect((await send('POST', '/status-changes', { ids, status: 'under_review' }, key)).status).toBe(200);
  });
});

describe('a dry run stays outside the key registry', () => {
  it('the real run under the dry run key applies', async () => {
    await start();
    const key = { 'Idempotency-Key': 'probe-key-dry' };
    const query = { status: 'active' };
    const dry = await send('POST', '/status-changes', { query, status: 'ignored', dryRun: true }, key);
    expect(dry.status).toBe(200);
    expect(dry.body.affected).toBeGreaterThan(0);
    const real = await send('POST', '/status-changes', { query, status: 'ignored' }, key);
    expect(real.status).toBe(200);
    expect(real.body.affected).toBe(dry.body.affected);
  });
});

describe('unknown body fields are refused, never stripped', () => {
  it('a misspelt dry_run is a 400 naming it, and nothing changes', async () => {
    await start();
    const before = await backend.listActivities({ query: createQuery({ status: 'ignored' }), pageSize: 1, signal: signal() });
    const answer = await send('POST', '/status-changes', { query: { status: 'active' }, status: 'ignored', dry_run: true });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', path: 'body.dry_run' });
    const after = await backend.listActivities({ query: createQuery({ status: 'ignored' }), pageSize: 1, signal: signal() });
    expect(after.total).toBe(before.total);
  });

  it.each([
    ['/suppression-rules', { rule: { ...ruleFor(3), colour: 'red' } }, 'body.rule.colour'],
    ['/suppression-rules', { rule: { ...ruleFor(3), endpoint: { ...ruleFor(3).endpoint, port: 80 } } }, 'body.rule.endpoint.port'],
    ['/suppression-rules', { rule: ruleFor(3), activityIds: [], extra: 1 }, 'body.extra'],
    ['/suppression-rules/preview', { rule: ruleFor(3), activityIds: [] }, 'body.activityIds'],
    ['/status-changes', { query: { status: 'active', limit: 5 }, status: 'ignored' }, 'body.query.limit'],
    ['/status-changes', { query: { status: 'active', filters: { colour: ['red'] } }, status: 'ignored' }, 'body.query.filters.colour'],
    ['/status-changes', { query: { status: 'active', sort: { field: 'lastSeen', direction: 'asc', nulls: 'last' } }, status: 'ignored' }, 'body.query.sort.nulls'],
    ['/blocks', { target: '203.0.113.9', durationMs: null, permanent: true }, 'body.permanent'],
    ['/work-items', { targetId: 't', activityId: 'a', values: {}, priority: 1 }, 'body.priority'],
  ])('POST %s: an unknown field is a 400 naming it (case %#)', async (path, body, where) => {
    await start();
    const answer = await send('POST', path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', path: where });
  });

  it('a work-item value for no field of the target is refused by name', async () => {
    await start();
    const [id] = await firstIds(1);
    const target = (await backend.listWorkItemTargets({ signal: signal() }))[0]!;
    const values = Object.fromEntries(target.fields.filter((f) => f.required).map((f) => [f.id, f.type === 'labels' ? ['x'] : f.type === 'select' ? f.options![0]!.value : 'x']));
    const answer = await send('POST', '/work-items', { targetId: target.id, activityId: id, values: { ...values, sevrity: 'high' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', path: 'values.sevrity' });
  });
});

describe('the OpenAPI document says request bodies are closed', () => {
  const yaml = readFileSync(new URL('../../../openapi/threatdeck.openapi.yaml', import.meta.url), 'utf8');
  const schemaText = (name: string) => {
    const start = yaml.indexOf(`\n    ${name}:\n`);
    const rest = yaml.slice(start + 1);
    const end = rest.slice(5).search(/\n {4}\S/);
    return rest.slice(0, end + 5);
  };
  it.each([
    ['StatusChange', 2],
    ['IgnoreRequest', 1],
    ['RulePreviewRequest', 1],
    ['BlockRequest', 1],
    ['WorkItemRequest', 1],
    ['SuppressionRuleInput', 2],
    // The assignee filter's { userId } is the sixth.
    ['ActivityQuery', 6],
    ['StatusReason', 1],
    ['ActivityTarget', 2],
    ['AssignmentRequest', 1],
    ['NoteRequest', 1],
    ['BulkNoteRequest', 1],
  ])('%s: additionalProperties: false on each of its %i objects', (name, count) => {
    expect(schemaText(name).match(/additionalProperties: false/g)?.length).toBe(count);
  });
});

describe('block durations are bounded', () => {
  it('durationMs beyond 10 years is a 400 at body.durationMs; 10 years gives a safe expiresAt', async () => {
    await start();
    const target = backend.dataset.activities[0]!.actor.ip;
    const tooLong = await send('POST', '/blocks', { target, durationMs: Number.MAX_SAFE_INTEGER });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'invalid_request', path: 'body.durationMs' });
    expect((await send('POST', '/blocks', { target, durationMs: 10 * 365 * 86_400_000 + 1 })).status).toBe(400);
    const tenYears = await send('POST', '/blocks', { target, durationMs: 10 * 365 * 86_400_000 });
    expect(tenYears.status).toBe(201);
    expect(tenYears.body.expiresAt).toBe(NOW + 10 * 365 * 86_400_000);
  });
});

describe('404 messages do not echo a huge id', () => {
  it('an id of 10,000 characters comes back cut to 64 with an ellipsis', async () => {
    await start();
    const id = 'x'.repeat(10_000);
    for (const [method, path] of [['GET', `/activities/${id}`], ['DELETE', `/blocks/${id}`], ['DELETE', `/suppression-rules/${id}`]] as const) {
      const answer = await send(method, path);
      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toEqual(expect.stringContaining(`"${'x'.repeat(64)}…"`));
      expect(answer.body.error.message.length).toBeLessThan(120);
    }
  });
});

describe('405 answers say what is allowed', () => {
  it.each([
    ['PUT', '/activities', 'GET'],
    ['DELETE', '/status-changes', 'POST'],
    ['POST', '/blocks/b-1', 'DELETE'],
    ['PATCH', '/suppression-rules', 'GET, POST'],
  ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
    await start();
    const answer = await send(method, path);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe(allow);
  });
});
