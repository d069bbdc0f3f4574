/**
 * Hand-made suppression rules and IP blocks and a cursor-paging backend over
 * them (for the SuppressionRules / BlockList tests and stories). The backend
 * filters by state and search like the contract says, and keeps a log of the
 * calls so a test can state what was asked.
 */
import type { ListBlocksParams, ListSuppressionRulesParams, Page } from '../../../src/core/adapter';
import { AdapterError } from '../../../src/core/errors';
import type { IpBlock, SuppressionRule } from '../../../src/core/model';

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const POLICIES = ['sqli-policy', 'bola-policy', 'credential-stuffing', 'xss-reflected'];
const HOSTS = ['api.example.com', 'auth.example.com', 'payments.example.com'];

export function makeRule(i: number, overrides: Partial<SuppressionRule> = {}): SuppressionRule {
  return {
    id: `rule-${i}`,
    actorIp: `198.51.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
    endpoint: { method: ['GET', 'POST', 'DELETE'][i % 3]!, host: HOSTS[i % HOSTS.length]!, path: `/api/v1/items/{id}/r${i}` },
    policyId: POLICIES[i % POLICIES.length]!,
    ...(i % 4 === 3 ? {} : { reason: `Known scanner ${i}` }),
    createdAt: NOW - (i + 1) * HOUR,
    expiresAt: i % 5 === 0 ? null : NOW + (i + 1) * DAY,
    suppressedCount: i * 7,
    lastHitAt: i % 3 === 0 ? null : NOW - (i + 1) * 60_000,
    ...overrides,
  };
}

export function makeRules(n: number, overrides: Partial<SuppressionRule> = {}): SuppressionRule[] {
  return Array.from({ length: n }, (_, i) => makeRule(i, overrides));
}

export function makeBlock(i: number, overrides: Partial<IpBlock> = {}): IpBlock {
  return {
    blockId: `blk-${i}`,
    target: i % 4 === 1 ? `203.0.${i % 250}.0/24` : `203.0.113.${(i % 250) + 1}`,
    ...(i % 3 === 2 ? {} : { reason: `Credential stuffing wave ${i}` }),
    ...(i % 2 === 0 ? { activityId: `act-${i}` } : {}),
    createdAt: NOW - (i + 1) * HOUR,
    expiresAt: i % 5 === 0 ? null : NOW + (i + 1) * DAY,
    ...overrides,
  };
}

export function makeBlocks(n: number, overrides: Partial<IpBlock> = {}): IpBlock[] {
  return Array.from({ length: n }, (_, i) => makeBlock(i, overrides));
}

const isExpired = (expiresAt: number | null, now: number) => expiresAt !== null && expiresAt <= now;

function page<T>(matching: T[], cursor: string | undefined, pageSize: number): Page<T> {
  const start = cursor ? Number(cursor) : 0;
  const end = start + pageSize;
  return { items: matching.slice(start, end), total: matching.length, nextCursor: end < matching.length ? String(end) : null };
}

/** `listSuppressionRules` + `deleteSuppressionRule` over an array (cursor = offset). */
export function rulesBackend(initial: SuppressionRule[], now = NOW) {
  const store = { rules: [...initial] };
  const calls: Array<Omit<ListSuppressionRulesParams, 'signal'>> = [];
  const deleted: string[] = [];
  return {
    store,
    calls,
    deleted,
    listSuppressionRules: async ({ signal: _signal, ...params }: ListSuppressionRulesParams): Promise<Page<SuppressionRule>> => {
      calls.push(params);
      const state = params.state ?? 'active';
      const s = (params.search ?? '').toLowerCase();
      const matching = store.rules.filter(
        (r) =>
          isExpired(r.expiresAt, now) === (state === 'expired') &&
          (!s || [r.actorIp, r.endpoint.method, r.endpoint.host, r.endpoint.path, r.policyId, r.reason ?? ''].some((v) => v.toLowerCase().includes(s))),
      );
      return page(matching, params.cursor, params.pageSize);
    },
    deleteSuppressionRule: async ({ ruleId }: { ruleId: string }): Promise<void> => {
      deleted.push(ruleId);
      const before = store.rules.length;
      store.rules = store.rules.filter((r) => r.id !== ruleId);
      if (store.rules.length === before) throw new AdapterError('not_found', `suppression rule ${ruleId} not found`);
    },
  };
}

/** `listBlocks` + `unblock` over an array (cursor = offset). */
export function blocksBackend(initial: IpBlock[], now = NOW) {
  const store = { blocks: [...initial] };
  const calls: Array<Omit<ListBlocksParams, 'signal'>> = [];
  const unblocked: string[] = [];
  return {
    store,
    calls,
    unblocked,
    listBlocks: async ({ signal: _signal, ...params }: ListBlocksParams): Promise<Page<IpBlock>> => {
      calls.push(params);
      const state = params.state ?? 'active';
      const s = (params.search ?? '').toLowerCase();
      const matching = store.blocks.filter(
        (b) => isExpired(b.expiresAt, now) === (state === 'expired') && (!s || [b.target, b.reason ?? ''].some((v) => v.toLowerCase().includes(s))),
      );
      return page(matching, params.cursor, params.pageSize);
    },
    unblock: async ({ blockId }: { blockId: string }): Promise<void> => {
      unblocked.push(blockId);
      const before = store.blocks.length;
      store.blocks = store.blocks.filter((b) => b.blockId !== blockId);
      if (store.blocks.length === before) throw new AdapterError('not_found', `block ${blockId} not found`);
    },
  };
}
