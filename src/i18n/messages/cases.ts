/** Strings of case handling: age in triage, assignee, notes, reasons, history. */
export const casesMessages = {
  'age.seconds': '{count} s',
  'age.minutes': '{count} min',
  'age.hours': '{count} h',
  'age.days': '{count, plural, one {# day} other {# days}}',
  'list.column.inTriage': 'In triage',
  /** Spoken and shown next to an age past the host's SLA (not colour alone). */
  'list.triage.breached': 'Past SLA',
  'list.triage.within': 'Within SLA',
  'list.triage.none': 'Not in triage',
  'cases.user.system': 'System',
  'cases.user.deleted': '{name} (deleted)',
  'filters.field.assignee': 'Assignee',
  'filters.assignee.any': 'Anyone',
  'filters.assignee.me': 'Assigned to me',
  'filters.assignee.unassigned': 'Unassigned',
  'filters.assignee.search': 'Search users',
  'filters.assignee.users': 'Users',
  'filters.assignee.loading': 'Loading users…',
  'filters.assignee.noUsers': 'No users match.',
  'filters.assignee.more': 'Showing {shown} of {total} users. Type to narrow.',
};
