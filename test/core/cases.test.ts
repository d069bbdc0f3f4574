import { describe, expect, it } from 'vitest';
import { ageInTriage, isPastSla, matchesAssignee, MAX_NOTE_LENGTH, MAX_REASON_TEXT_LENGTH, normalizeNoteText, normalizeStatusReason } from '../../src/core/cases';
import { isAdapterError } from '../../src/core/errors';
import { createQuery, hasActiveFilters, normalizeQuery, queryFromSearchParams, queryToSearchParams, type AssigneeFilter } from '../../src/core/query';

const pathOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return isAdapterError(e) && e.code === 'invalid_request' ? e.path : `not invalid_request: ${String(e)}`;
  }
  return 'accepted';
};

describe('notes', () => {
  it('are trimmed plain text within the cap, or invalid_request at text', () => {
    expect(normalizeNoteText('  hi\r\nthere \t')).toBe('hi\nthere');
    expect(normalizeNoteText('a\u0000b\u001b[31mc')).toBe('ab[31mc');
    expect(normalizeNoteText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(normalizeNoteText(`  ${'x'.repeat(MAX_NOTE_LENGTH)}  `)).toHaveLength(MAX_NOTE_LENGTH);
    expect(pathOf(() => normalizeNoteText('x'.repeat(MAX_NOTE_LENGTH + 1)))).toBe('text');
    expect(pathOf(() => normalizeNoteText(' \n '))).toBe('text');
    expect(pathOf(() => normalizeNoteText(42))).toBe('text');
  });
});

describe('status reasons', () => {
  it('drop empty parts and name the part over its cap', () => {
    expect(normalizeStatusReason({ choice: ' false-positive ', text: '' })).toEqual({ choice: 'false-positive' });
    expect(normalizeStatusReason({ text: '   ' })).toBeUndefined();
    expect(normalizeStatusReason(undefined)).toBeUndefined();
    expect(pathOf(() => normalizeStatusReason({ text: 'x'.repeat(MAX_REASON_TEXT_LENGTH + 1) }))).toBe('reason.text');
    expect(pathOf(() => normalizeStatusReason({ choice: 7 }, 'statusReason'))).toBe('statusReason.choice');
    expect(pathOf(() => normalizeStatusReason('because'))).toBe('reason');
  });
});

describe('the assignee filter in the query model', () => {
  const roundTrip = (assignee: AssigneeFilter) => queryFromSearchParams(queryToSearchParams(createQuery({ assignee })).toString()).assignee;

  it('round-trips me, unassigned and any user id through a URL, hostile ones included', () => {
    for (const assignee of ['me', 'unassigned', { userId: 'u-ana' }, { userId: 'me' }, { userId: 'unassigned' }, { userId: 'user:x' }, { userId: '&assignee=me#<script>' }, { userId: 'ü 名 \u202e' }] as AssigneeFilter[]) {
      expect(roundTrip(assignee)).toEqual(assignee);
    }
  });

  it('drops junk from a URL or an object instead of throwing', () => {
    expect(queryFromSearchParams('assignee=everyone').assignee).toBeUndefined();
    expect(queryFromSearchParams('assignee=user:').assignee).toBeUndefined();
    expect(queryFromSearchParams(`assignee=user:${'x'.repeat(5000)}`).assignee).toBeUndefined();
    expect(normalizeQuery({ assignee: { userId: 7 } }).assignee).toBeUndefined();
    expect(normalizeQuery({ assignee: ['me'] }).assignee).toBeUndefined();
    expect('assignee' in createQuery()).toBe(false);
  });

  it('counts as an active filter and matches as documented', () => {
    expect(hasActiveFilters(createQuery({ assignee: 'unassigned' }))).toBe(true);
    expect(matchesAssignee(undefined, 'unassigned', 'u-ana')).toBe(true);
    expect(matchesAssignee('u-ana', 'me', 'u-ana')).toBe(true);
    expect(matchesAssignee('u-ana', 'me', undefined)).toBe(false);
    expect(matchesAssignee('u-ben', { userId: 'u-ana' }, 'u-ana')).toBe(false);
  });

  it('sorts by age in triage', () => {
    expect(queryFromSearchParams('sort=activeSince:asc').sort).toEqual({ field: 'activeSince', direction: 'asc' });
  });
});

describe('age in triage', () => {
  it('is the time since the activity became Active, only while it is Active', () => {
    expect(ageInTriage({ status: 'active', activeSince: 1000 }, 4000)).toBe(3000);
    expect(ageInTriage({ status: 'ignored', activeSince: 1000 }, 4000)).toBeNull();
    expect(ageInTriage({ status: 'active' }, 4000)).toBeNull();
    expect(isPastSla({ status: 'active', activeSince: 1000 }, 4000, 2000)).toBe(true);
    expect(isPastSla({ status: 'active', activeSince: 1000 }, 4000, undefined)).toBe(false);
  });
});
