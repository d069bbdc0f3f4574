/**
 * Who may call what. Every route of the reference server is listed here with
 * the roles allowed to call it; the router refuses to start with a route that
 * is missing (fail closed), so a new endpoint cannot ship unprotected.
 *
 *   viewer   reads and live updates
 *   analyst  + triage: status changes, Ignore (rule + status), rule preview, work items
 *   admin    + deleting rules (also `liftRules`), blocking and unblocking, ingest
 *   ingest   only `POST /events` (a detector's credential: it feeds, it reads nothing)
 */
import type { Role } from '../src/core/adapter';
import { AdapterError } from '../src/core/errors';

export const SERVER_ROLES = ['viewer', 'analyst', 'admin', 'ingest'] as const satisfies readonly Role[];
export type ServerRole = Role;

const READERS: readonly ServerRole[] = ['viewer', 'analyst', 'admin'];
const ANALYSTS: readonly ServerRole[] = ['analyst', 'admin'];
const ADMINS: readonly ServerRole[] = ['admin'];

/** `METHOD pattern` (as the routes declare them) → the roles allowed. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, readonly ServerRole[]>> = {
  'GET /capabilities': READERS,
  'GET /activities': READERS,
  'GET /facets/:field': READERS,
  'GET /overview': READERS,
  'GET /actors': READERS,
  'GET /activities/:id': READERS,
  'GET /activities/:id/attempts': READERS,
  'GET /activities/:id/timeline': READERS,
  'GET /activities/:id/remediation': READERS,
  'GET /suppression-rules': READERS,
  'GET /blocks': READERS,
  'GET /work-item-targets': READERS,
  'GET /events': READERS,
  'POST /status-changes': ANALYSTS,
  'POST /suppression-rules': ANALYSTS,
  // A read, but only the Ignore flow needs it, and it scans the attempts of the key.
  'POST /suppression-rules/preview': ANALYSTS,
  'POST /work-items': ANALYSTS,
  'DELETE /suppression-rules/:id': ADMINS,
  'POST /blocks': ADMINS,
  'DELETE /blocks/:id': ADMINS,
  'POST /events': ['admin', 'ingest'],
  // Case handling: everyone who reads sees users, notes and history; analysts assign and write notes.
  'GET /users': READERS,
  'GET /activities/:id/notes': READERS,
  'GET /activities/:id/history': READERS,
  'POST /assignments': ANALYSTS,
  'POST /activities/:id/notes': ANALYSTS,
  'POST /notes': ANALYSTS,
};

/** Rights that depend on the body, checked by the route once it has parsed it. */
export const LIFT_RULES_ROLES = ADMINS;

export function rolesFor(method: string, pattern: string): readonly ServerRole[] {
  const roles = ROUTE_PERMISSIONS[`${method} ${pattern}`];
  if (!roles) throw new Error(`No permission entry for ${method} ${pattern}: every route must say who may call it.`);
  return roles;
}

/** Throws 403 `forbidden` unless `role` is one of `allowed`. */
export function requireRole(role: ServerRole, allowed: readonly ServerRole[], what: string): void {
  if (!allowed.includes(role)) throw new AdapterError('forbidden', `The ${role} role may not ${what}.`);
}
