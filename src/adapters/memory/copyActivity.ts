/**
 * A copy of a stored activity for a caller: nested objects are fresh, so a
 * caller mutating what it got cannot change the store, and a block that has
 * expired is not shown.
 */
import type { Activity } from '../../core/model';

export function copyActivity(a: Activity, now: number): Activity {
  const out: Activity = {
    ...a,
    actor: { ...a.actor },
    endpoint: { ...a.endpoint },
    policy: { ...a.policy },
    workItems: a.workItems.map((w) => ({ ...w })),
  };
  if (a.blocked && (a.blocked.expiresAt === null || a.blocked.expiresAt > now)) out.blocked = { ...a.blocked };
  else delete out.blocked;
  return out;
}
