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
};
