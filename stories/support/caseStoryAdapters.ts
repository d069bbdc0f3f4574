/** Adapters for the case-handling stories: the demo team, and users that load forever, fail, are none or are many. */
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory';
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import type { User } from '../../src/core/cases';
import { AdapterError } from '../../src/core/errors';

const base = (options: MemoryAdapterOptions = {}) => createMemoryAdapter({ seed: 7, activities: 400, live: false, currentUserId: 'u-ana', ...options });

export const caseStoryAdapters = {
  /** The seeded demo team with assignments, notes and history; "me" is Ana Lima. */
  team: (): ThreatDeckAdapter => base(),
  usersLoading: (): ThreatDeckAdapter => ({ ...base(), listUsers: () => new Promise(() => {}) }),
  usersEmpty: (): ThreatDeckAdapter => ({ ...base(), listUsers: async () => ({ items: [], total: 0, nextCursor: null }) }),
  usersError: (): ThreatDeckAdapter => ({
    ...base(),
    listUsers: async () => {
      throw new AdapterError('server', 'The user directory is down.');
    },
  }),
  /** 300 users, some with hostile names (rendered as text). */
  manyUsers: (): ThreatDeckAdapter => base({ users: manyUsers(300) }),
};

export function manyUsers(n: number): User[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `u-${i}`,
    name: i % 50 === 7 ? `<img src=x onerror=alert(${i})> Mallory ${i}` : `Analyst ${String(i).padStart(3, '0')}`,
    email: `analyst${i}@example.com`,
  }));
}
