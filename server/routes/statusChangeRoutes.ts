/** Triage: status changes by ids (with `liftRules`) or by query (with `asOf`, `dryRun`). */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { LIFT_RULES_ROLES, requireRole } from '../permissions';
import { parseBody, statusChangeSchema, toActivityQuery } from '../requestSchemas';
import { queryForCaller } from '../caseRequestSchemas';
import { opt, unsupported, type Route } from './route';

export function statusChangeRoutes(adapter: ThreatDeckAdapter): Route[] {
  return [
    ['POST', '/status-changes', async ({ body, write, caller }) => {
      const change = parseBody(statusChangeSchema, await body());
      // Lifting deletes the rules, which only an admin may do (as with DELETE /suppression-rules/:id).
      if (change.liftRules === true) requireRole(caller.role, LIFT_RULES_ROLES, 'lift suppression rules');
      const options = await write({ record: change.dryRun !== true });
      if (change.ids) return adapter.setStatus({ ids: change.ids, status: change.status, ...opt('liftRules', change.liftRules), ...opt('reason', change.reason), ...options });
      if (!adapter.setStatusByQuery) unsupported('status changes by query');
      return adapter.setStatusByQuery({
        query: queryForCaller(toActivityQuery(change.query!), caller),
        status: change.status,
        ...opt('excludeIds', change.excludeIds),
        ...opt('asOf', change.asOf),
        ...opt('dryRun', change.dryRun),
        ...opt('reason', change.reason),
        ...options,
      });
    }],
  ];
}
