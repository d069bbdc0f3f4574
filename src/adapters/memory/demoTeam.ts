/**
 * The demo's security team and what it has already done, seeded from the
 * dataset's seed and each activity's id, so a demo shows a team at work and a
 * seed replays it exactly: about half the activities assigned, some with
 * notes, each with the history of its assignment and status.
 */
import type { StatusReason, User } from '../../core/cases';
import { createSeededRandom, hashSeed } from '../../core/dataset/seededRandom';
import type { Activity } from '../../core/model';

export const DEMO_USERS: readonly User[] = [
  { id: 'u-ana', name: 'Ana Lima', email: 'ana.lima@example.com' },
  { id: 'u-ben', name: 'Ben Okafor', email: 'ben.okafor@example.com' },
  { id: 'u-chen', name: 'Chen Wei', email: 'chen.wei@example.com' },
  { id: 'u-dana', name: 'Dana Novak', email: 'dana.novak@example.com' },
  { id: 'u-eli', name: 'Eli Haddad', email: 'eli.haddad@example.com' },
  // Left the team: stays listed for the history, nothing new can be assigned to them.
  { id: 'u-finn', name: 'Finn Berg', email: 'finn.berg@example.com', deleted: true },
];

/** The signed-in analyst of the demo (`me`). */
export const DEMO_CURRENT_USER_ID = 'u-ana';

const ASSIGNEES = DEMO_USERS.map((u) => u.id);

const NOTES = [
  'Checked the WAF logs: the payload was blocked upstream.',
  'Same actor hit staging last week; asked the app team for the request logs.',
  'Looks like a scanner. Watching for a day before blocking.',
  'Reproduced against the test tenant: the endpoint is not vulnerable.',
  'Escalated to the API owner, waiting for their answer.',
  'Customer confirmed this is their pentest vendor.',
];

const REASONS: Record<'under_review' | 'ignored', StatusReason[]> = {
  under_review: [{ choice: 'needs-investigation' }, { choice: 'escalated', text: 'Owner asked for a second look.' }],
  ignored: [{ choice: 'false-positive' }, { choice: 'known-scanner', text: 'Authorised scanner.' }, { choice: 'accepted-risk' }],
};

/** The seeded assignee of a dataset activity (`undefined` = unassigned). */
export function seededAssignee(seed: number, activity: Activity): string | undefined {
  const r = createSeededRandom(hashSeed(seed, 'assignee', activity.id));
  return r.next() < 0.5 ? ASSIGNEES[Math.floor(r.next() * ASSIGNEES.length)] : undefined;
}

export interface SeededCase {
  /** Who assigned it, and when (for the history). */
  assignedBy?: { who: string; when: number };
  /** Who moved it out of Active, when and why. */
  status?: { who: string; when: number; reason: StatusReason };
  notes: Array<{ who: string; when: number; text: string }>;
}

/** What the team did on a dataset activity before the demo started (deterministic). */
export function seededCase(seed: number, activity: Activity): SeededCase {
  const r = createSeededRandom(hashSeed(seed, 'case', activity.id));
  const span = Math.max(1, activity.lastSeen - activity.firstSeen);
  const at = (f: number) => Math.round(activity.firstSeen + span * f);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r.next() * xs.length)]!;
  const lead = ASSIGNEES[Math.floor(r.next() * 2)]!;
  const out: SeededCase = { notes: [] };
  if (activity.assigneeId !== undefined) out.assignedBy = { who: lead, when: at(0.2) };
  if (activity.status !== 'active') out.status = { who: activity.assigneeId ?? lead, when: at(0.6), reason: pick(REASONS[activity.status]) };
  if (activity.assigneeId !== undefined && r.next() < 0.5) {
    const n = 1 + Math.floor(r.next() * 2);
    for (let i = 0; i < n; i++) out.notes.push({ who: i === 0 ? activity.assigneeId : lead, when: at(0.3 + 0.2 * i), text: pick(NOTES) });
  }
  return out;
}
