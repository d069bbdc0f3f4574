/** IP blocks: block (refusing dangerous targets unless acknowledged), the paged list, unblock. */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { AdapterError } from '../../src/core/errors';
import { analyzeBlockTarget, DANGEROUS_BLOCK_WARNINGS } from '../../src/core/ipBlockTarget';
import { blockRequestSchema, parseBody, readCollectionQuery } from '../requestSchemas';
import { created, unsupported, type Route } from './route';

/**
 * The dangerous-range guard on the server, not only in the UI: whatever
 * adapter is behind, `0.0.0.0/0` or a private range needs `acknowledgeRisk`.
 * The detail lists the warning codes; the message names the normalised
 * target (re-serialised from the parsed address, never the request's text).
 */
function refuseUnacknowledgedRisk(target: string, acknowledgeRisk: boolean | undefined): void {
  const analysis = analyzeBlockTarget(target);
  if (!analysis.valid || !analysis.dangerous || acknowledgeRisk === true) return;
  const dangerous = analysis.warnings.filter((w) => DANGEROUS_BLOCK_WARNINGS.has(w));
  throw new AdapterError('invalid_request', `Blocking ${analysis.normalized} is dangerous (${dangerous.join(',')}); send acknowledgeRisk: true to block it anyway.`, {
    path: 'body.acknowledgeRisk',
    detail: dangerous.join(','),
  });
}

export function blockRoutes(adapter: ThreatDeckAdapter): Route[] {
  return [
    ['GET', '/blocks', async ({ query, signal }) => {
      if (!adapter.listBlocks) unsupported('listing blocks');
      return adapter.listBlocks({ ...readCollectionQuery(query), signal });
    }],
    ['POST', '/blocks', async (ctx) => {
      if (!adapter.block) unsupported('blocking');
      const options = await ctx.write();
      const request = parseBody(blockRequestSchema, await ctx.body());
      refuseUnacknowledgedRisk(request.target, request.acknowledgeRisk);
      return created(ctx, adapter.block({ ...request, ...options }));
    }],
    ['DELETE', '/blocks/:id', async ({ params, write }) => {
      if (!adapter.unblock) unsupported('unblocking');
      await adapter.unblock({ blockId: params.id!, ...(await write()) });
    }],
  ];
}
