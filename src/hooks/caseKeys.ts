/** Query keys of case handling: users, and each activity's notes and history. */
export const caseKeys = {
  users: (search: string, pageSize: number) => ['threatdeck', 'cases', 'users', search, pageSize] as const,
  allUsers: () => ['threatdeck', 'cases', 'users'] as const,
  notes: (activityId: string, pageSize: number) => ['threatdeck', 'cases', 'notes', activityId, pageSize] as const,
  notesOf: (activityId: string) => ['threatdeck', 'cases', 'notes', activityId] as const,
  allNotes: () => ['threatdeck', 'cases', 'notes'] as const,
  history: (activityId: string, pageSize: number) => ['threatdeck', 'cases', 'history', activityId, pageSize] as const,
  historyOf: (activityId: string) => ['threatdeck', 'cases', 'history', activityId] as const,
  allHistory: () => ['threatdeck', 'cases', 'history'] as const,
};
