/**
 * Case handling: users, assignments, notes (one activity, or a bulk target)
 * and an activity's history. Writes carry the caller's principal (from
 * authentication) as the author; `me` in a target's query is the caller.
 */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { assignmentRequestSchema, bulkNoteRequestSchema, noteRequestSchema, readCasePage, readUserSearch, toActivityTarget } from '../caseRequestSchemas';
import { parseBody } from '../requestSchemas';
import { created, opt, unsupported, type Route } from './route';

export function caseRoutes(adapter: ThreatDeckAdapter): Route[] {
  const need = <M extends 'listUsers' | 'assignActivities' | 'addNote' | 'addNotes' | 'listNotes' | 'listHistory'>(method: M): NonNullable<ThreatDeckAdapter[M]> => {
    const fn = adapter[method];
    if (typeof fn !== 'function') unsupported('case handling');
    return fn.bind(adapter) as NonNullable<ThreatDeckAdapter[M]>;
  };
  return [
    ['GET', '/users', ({ query, signal }) => need('listUsers')({ ...opt('search', readUserSearch(query)), ...readCasePage(query), signal })],
    ['POST', '/assignments', async ({ body, write, caller }) => {
      const request = parseBody(assignmentRequestSchema, await body());
      return need('assignActivities')({ target: toActivityTarget(request.target, caller), userId: request.userId, ...(await write()) });
    }],
    ['GET', '/activities/:id/notes', ({ params, query, signal }) => need('listNotes')({ activityId: params.id!, ...readCasePage(query), signal })],
    ['POST', '/activities/:id/notes', async (ctx) => {
      const request = parseBody(noteRequestSchema, await ctx.body());
      return created(ctx, need('addNote')({ activityId: ctx.params.id!, text: request.text, ...(await ctx.write()) }));
    }],
    ['POST', '/notes', async ({ body, write, caller }) => {
      const request = parseBody(bulkNoteRequestSchema, await body());
      return need('addNotes')({ target: toActivityTarget(request.target, caller), text: request.text, ...(await write()) });
    }],
    ['GET', '/activities/:id/history', ({ params, query, signal }) => need('listHistory')({ activityId: params.id!, ...readCasePage(query), signal })],
  ];
}
