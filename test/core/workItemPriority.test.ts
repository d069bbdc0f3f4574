/** Issue 15 (Create work item): Priority is prefilled from severity by the documented mapping; the title reads naturally. */
import type { Activity, Severity, WorkItemField, WorkItemTarget } from '../../src/core/model';
import { buildWorkItemDraft, prefillFields, priorityForSeverity, SEVERITY_PRIORITY_NAMES } from '../../src/core/workItemDraft';
import { formatMessage } from '../../src/i18n/formatMessage';
import { en } from '../../src/i18n/en';
import { SEVERITIES } from '../../src/core/model';

const select = (id: string, label: string, names: string[], values = names.map((n) => n.toLowerCase())): WorkItemField => ({
  id, label, type: 'select', required: true, options: names.map((n, i) => ({ value: values[i]!, label: n })),
});

const jira = select('priority', 'Priority', ['Highest', 'High', 'Medium', 'Low', 'Lowest']);

describe('priorityForSeverity', () => {
  it('maps Jira priorities by name: critical → Highest … info → Lowest', () => {
    const got = Object.fromEntries(SEVERITIES.map((s) => [s, priorityForSeverity(jira, s)]));
    expect(got).toEqual({ critical: 'highest', high: 'high', medium: 'medium', low: 'low', info: 'lowest' });
  });

  it('maps P1…P4 by name, whatever the option values are', () => {
    const p = select('prio', 'Priority', ['P1', 'P2', 'P3', 'P4'], ['10', '20', '30', '40']);
    expect(priorityForSeverity(p, 'critical')).toBe('10');
    expect(priorityForSeverity(p, 'high')).toBe('20');
    expect(priorityForSeverity(p, 'medium')).toBe('30');
    expect(priorityForSeverity(p, 'low')).toBe('40');
  });

  it('maps Azure Boards numeric priorities 1…4', () => {
    const p = select('Microsoft.VSTS.Common.Priority', 'Priority', ['1', '2', '3', '4']);
    expect(priorityForSeverity(p, 'critical')).toBe('1');
    expect(priorityForSeverity(p, 'low')).toBe('4');
  });

  it('falls back to the relative position (highest first) for unknown names', () => {
    const p = select('priority', 'Priority', ['Now', 'Soon', 'Later']);
    expect(priorityForSeverity(p, 'critical')).toBe('now');
    expect(priorityForSeverity(p, 'medium')).toBe('soon');
    expect(priorityForSeverity(p, 'info')).toBe('later');
  });

  it('leaves every other field alone', () => {
    expect(priorityForSeverity(select('area', 'Area path', ['Security']), 'critical')).toBeNull();
    expect(priorityForSeverity({ id: 'priority', label: 'Priority', type: 'text', required: false }, 'critical')).toBeNull();
  });

  it('documents a name list for every severity', () => {
    for (const s of SEVERITIES as readonly Severity[]) expect(SEVERITY_PRIORITY_NAMES[s].length).toBeGreaterThan(0);
  });
});

describe('the prefill', () => {
  const activity = {
    id: 'a', status: 'active', severity: 'critical', type: 'rule-based', actor: { ip: '203.0.113.7' },
    endpoint: { method: 'POST', path: '/oauth/token', host: 'auth.example.com' }, policy: { id: 'p', name: 'SQL injection on login' },
    category: 'Injection', subcategory: 'SQL Injection', successfulExploit: false, attemptCount: 3, firstSeen: 0, lastSeen: 1, workItems: [],
  } satisfies Activity;
  const format = { t: (key: keyof typeof en, values?: Record<string, unknown>) => formatMessage(en[key], values as never, 'en'), dateTime: String, number: String };

  it('titles "<subcategory> from <actor> on <METHOD path>", never "…on login on POST …"', () => {
    const draft = buildWorkItemDraft({ activity, latestRequest: null, remediation: null }, format);
    expect(draft.title).toBe('SQL Injection from 203.0.113.7 on POST /oauth/token');
    expect(draft.title).not.toMatch(/ on .* on /);
  });

  it('fills Priority from the severity', () => {
    const target: WorkItemTarget = { id: 'j', system: 'jira', label: 'J', fields: [{ id: 'summary', label: 'Summary', type: 'text', required: true, role: 'title' }, jira] };
    expect(prefillFields(target, { title: 'T', description: 'D' }, activity)).toEqual({ summary: 'T', priority: 'highest' });
  });
});
