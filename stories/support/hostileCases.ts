/**
 * Case data where every analyst-written or directory-supplied string is a real
 * XSS payload: user names (the team the adapter lists), notes, and the reason
 * on a status change, so the History tab, the assignee control and the
 * assignee filter render them. Used by the "Hostile data" story and its
 * browser test. Test data only.
 */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import type { User } from '../../src/core/cases';

export function hostileUsers(payloads: string[], n = 8): User[] {
  return Array.from({ length: n }, (_, i) => ({ id: `u-hostile-${i}`, name: payloads[(i * 13) % payloads.length]!, email: `hostile${i}@example.com` }));
}

/**
 * Writes, through the adapter's own case and status operations, for each of
 * `activityIds`: an assignment to a hostile user, two notes that are payloads,
 * and a Mark for Review whose reason is a payload followed by a Reactivate
 * (so the activity stays on the Active list with both changes in its history).
 */
export async function seedHostileCases(adapter: ThreatDeckAdapter, payloads: string[], users: User[], activityIds: string[]): Promise<void> {
  if (!adapter.assignActivities || !adapter.addNote) return;
  const signal = new AbortController().signal;
  const p = (i: number) => payloads[i % payloads.length]!.slice(0, 500);
  for (const [i, id] of activityIds.entries()) {
    await adapter.assignActivities({ target: { ids: [id] }, userId: users[i % users.length]!.id, signal });
    await adapter.addNote({ activityId: id, text: p(i * 11 + 3), signal });
    await adapter.addNote({ activityId: id, text: p(i * 11 + 5), signal });
    await adapter.setStatus({ ids: [id], status: 'under_review', reason: { text: p(i * 11 + 7) }, signal });
    await adapter.setStatus({ ids: [id], status: 'active', signal });
  }
}
