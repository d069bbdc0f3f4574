/** The boundary schemas for the fields of the trustworthy-writes contract: what passes, what is refused and where. */
import { parseResponse } from '../../../src/core/parseRecord';
import {
  activityDetailSchema,
  activityPageSchema,
  affectedResultSchema,
  capabilitiesSchema,
  ipBlockPageSchema,
  rulePreviewSchema,
  suppressionRulePageSchema,
} from '../../../src/core/schemas';
import { MAX_EMBEDDED_WORK_ITEMS } from '../../../src/core/model';
import { sampleActivity, samplePage } from './sampleData';

const link = (i: number) => ({ targetId: 't', key: `SEC-${i}`, url: `https://x.example/SEC-${i}`, createdAt: i });
const rule = { id: 'rule-1', actorIp: '203.0.113.9', endpoint: { method: 'GET', path: '/a', host: 'h' }, policyId: 'p', createdAt: 1, expiresAt: null, suppressedCount: 4 };
const block = { blockId: 'block-1', target: '203.0.113.0/24', createdAt: 1, expiresAt: null };
const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('activities', () => {
  it('keep asOf, workItemTotal and suppressedBy', () => {
    const page = { ...samplePage(1), asOf: 'rev-42' };
    page.items[0] = { ...sampleActivity(0), workItems: [link(1)], workItemTotal: 55_000, suppressedBy: 'rule-1' };
    expect(parseResponse(activityPageSchema, page, 'activity list')).toEqual(page);
  });

  it(`refuse more than MAX_EMBEDDED_WORK_ITEMS (${MAX_EMBEDDED_WORK_ITEMS}) embedded work items`, () => {
    const page = samplePage(2);
    page.items[1] = { ...sampleActivity(1), workItems: Array.from({ length: MAX_EMBEDDED_WORK_ITEMS + 1 }, (_, i) => link(i)) };
    expect(refused(() => parseResponse(activityPageSchema, page, 'activity list'))).toMatchObject({ code: 'invalid_response', path: 'items[1].workItems' });
    page.items[1].workItems.pop();
    expect(parseResponse(activityPageSchema, page, 'activity list').items[1]!.workItems).toHaveLength(MAX_EMBEDDED_WORK_ITEMS);
  });

  it('refuse a workItemTotal below the embedded links, a negative one, and a non-string suppressedBy', () => {
    const detail = { ...sampleActivity(0), description: 'd', details: 'd', impact: 'i', references: [] };
    expect(refused(() => parseResponse(activityDetailSchema, { ...detail, workItems: [link(1), link(2)], workItemTotal: 1 }, 'activity'))).toMatchObject({
      path: 'workItemTotal',
      message: expect.stringContaining('workItemTotal at least the number of embedded work items'),
    });
    expect(refused(() => parseResponse(activityDetailSchema, { ...detail, workItemTotal: -1 }, 'activity'))).toMatchObject({ path: 'workItemTotal' });
    expect(refused(() => parseResponse(activityDetailSchema, { ...detail, suppressedBy: 7 }, 'activity'))).toMatchObject({ path: 'suppressedBy' });
  });
});

describe('writes and collections', () => {
  it('affected results keep liftedRuleIds and refuse a malformed list', () => {
    expect(parseResponse(affectedResultSchema, { affected: 2, liftedRuleIds: ['rule-1'] }, 'status change')).toEqual({ affected: 2, liftedRuleIds: ['rule-1'] });
    expect(refused(() => parseResponse(affectedResultSchema, { affected: 2, liftedRuleIds: [1] }, 'status change'))).toMatchObject({ path: 'liftedRuleIds[0]' });
  });

  it('rule pages: items with lastHitAt (a time or null), total and nextCursor', () => {
    const page = { items: [{ ...rule, lastHitAt: null }, { ...rule, id: 'rule-2', lastHitAt: 5 }], total: 9, nextCursor: 'c2' };
    expect(parseResponse(suppressionRulePageSchema, page, 'suppression rules')).toEqual(page);
    expect(refused(() => parseResponse(suppressionRulePageSchema, { ...page, nextCursor: undefined }, 'suppression rules'))).toMatchObject({ path: 'nextCursor' });
    expect(refused(() => parseResponse(suppressionRulePageSchema, { items: [{ ...rule, lastHitAt: 'yesterday' }], total: 1, nextCursor: null }, 'rules'))).toMatchObject({
      path: 'items[0].lastHitAt',
    });
  });

  it('block pages keep activityId; previews need a positive window', () => {
    const page = { items: [{ ...block, activityId: 'act-1' }], total: 1, nextCursor: null };
    expect(parseResponse(ipBlockPageSchema, page, 'blocks')).toEqual(page);
    expect(refused(() => parseResponse(ipBlockPageSchema, { items: [block] }, 'blocks'))).toMatchObject({ path: 'total' });
    expect(refused(() => parseResponse(rulePreviewSchema, { activities: 1, events: 2, windowMs: 0 }, 'rule preview'))).toMatchObject({ path: 'windowMs' });
  });

  it('capabilities: the later ones are optional booleans', () => {
    const base = { live: true, block: true, unblock: true, workItems: true, bulkByQuery: true, export: true, suppressionRules: true, serverTimeline: true };
    expect(parseResponse(capabilitiesSchema, base, 'capabilities')).toEqual(base);
    const all = { ...base, idempotentWrites: true, rulePreview: false, blockList: true };
    expect(parseResponse(capabilitiesSchema, all, 'capabilities')).toEqual(all);
    expect(refused(() => parseResponse(capabilitiesSchema, { ...base, idempotentWrites: 'yes' }, 'capabilities'))).toMatchObject({ path: 'idempotentWrites' });
  });
});
