/** Work items: the targets with their fields, and creating a ticket linked to an activity. */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { parseBody, workItemRequestSchema } from '../requestSchemas';
import { created, unsupported, type Route } from './route';

export function workItemRoutes(adapter: ThreatDeckAdapter): Route[] {
  return [
    ['GET', '/work-item-targets', async ({ signal }) => {
      if (!adapter.listWorkItemTargets) unsupported('work items');
      return { items: await adapter.listWorkItemTargets({ signal }) };
    }],
    ['POST', '/work-items', async (ctx) => {
      if (!adapter.createWorkItem) unsupported('work items');
      const options = await ctx.write();
      const request = parseBody(workItemRequestSchema, await ctx.body());
      return created(ctx, adapter.createWorkItem({ ...request, ...options }));
    }],
  ];
}
