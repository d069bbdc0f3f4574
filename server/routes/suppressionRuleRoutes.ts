/** Suppression rules: Ignore (rule + status, one operation), preview, the paged list, delete. */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { ignoreRequestSchema, parseBody, readCollectionQuery, rulePreviewRequestSchema } from '../requestSchemas';
import { created, opt, unsupported, type Route } from './route';

export function suppressionRuleRoutes(adapter: ThreatDeckAdapter): Route[] {
  return [
    ['GET', '/suppression-rules', async ({ query, signal }) => {
      if (!adapter.listSuppressionRules) unsupported('suppression rules');
      return adapter.listSuppressionRules({ ...readCollectionQuery(query), signal });
    }],
    ['POST', '/suppression-rules', async (ctx) => {
      if (!adapter.ignore) unsupported('suppression rules');
      const options = await ctx.write();
      const { rule, activityIds, statusReason } = parseBody(ignoreRequestSchema, await ctx.body());
      return created(ctx, adapter.ignore({ rule, ...opt('activityIds', activityIds), ...opt('statusReason', statusReason), ...options }));
    }],
    ['POST', '/suppression-rules/preview', async ({ body, signal }) => {
      if (!adapter.previewSuppressionRule) unsupported('rule previews');
      const { rule } = parseBody(rulePreviewRequestSchema, await body());
      return adapter.previewSuppressionRule({ rule, signal });
    }],
    ['DELETE', '/suppression-rules/:id', async ({ params, write }) => {
      if (!adapter.deleteSuppressionRule) unsupported('deleting suppression rules');
      await adapter.deleteSuppressionRule({ ruleId: params.id!, ...(await write()) });
    }],
  ];
}
