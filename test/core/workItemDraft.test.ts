import { toCurl } from '../../src/core/export/toCurl';
import type { Activity, HttpRequest, WorkItemTarget } from '../../src/core/model';
import { DEFAULT_REDACTION } from '../../src/core/redaction';
import {
  buildWorkItemDraft,
  fitToField,
  parseLabels,
  prefillFields,
  toWorkItemValues,
  validateWorkItemValues,
  type WorkItemDraftFormat,
} from '../../src/core/workItemDraft';
import { en, type MessageKey } from '../../src/i18n/en';
import { formatMessage } from '../../src/i18n/formatMessage';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const format: WorkItemDraftFormat = {
  t: (key: MessageKey, values) => formatMessage(en[key], values),
  dateTime: (ms) => new Date(ms).toISOString(),
  number: (n) => n.toLocaleString('en'),
};

const activity: Activity = {
  id: 'a1',
  status: 'active',
  severity: 'critical',
  type: 'rule-based',
  actor: { ip: '185.220.101.4', country: 'DE', label: 'api-key "mobile"' },
  endpoint: { method: 'POST', path: '/api/users/{id}/orders', host: 'shop.example.com' },
  policy: { id: 'p1', name: 'SQL Injection in body' },
  category: 'Injection',
  subcategory: 'SQL Injection',
  successfulExploit: true,
  attemptCount: 1234,
  firstSeen: NOW - 3_600_000,
  lastSeen: NOW,
  workItems: [],
};

const target: WorkItemTarget = {
  id: 'jira',
  system: 'jira',
  label: 'SEC · Bug',
  fields: [
    { id: 'summary', label: 'Summary', type: 'text', required: true, role: 'title', maxLength: 40 },
    { id: 'description', label: 'Description', type: 'longtext', required: true, role: 'description' },
    { id: 'priority', label: 'Priority', type: 'select', required: true, options: [{ value: 'high', label: 'High' }, { value: 'low', label: 'Low' }] },
    { id: 'labels', label: 'Labels', type: 'labels', required: false },
    { id: 'assignee', label: 'Assignee', type: 'assignee', required: false },
    { id: 'notes', label: 'Notes', type: 'text', required: false, maxLength: 5 },
  ],
};

describe('buildWorkItemDraft', () => {
  it('titles the item "<subcategory> from <actor IP> on <METHOD path>"', () => {
    const draft = buildWorkItemDraft({ activity, latestRequest: null, remediation: null }, format);
    expect(draft.title).toBe('SQL Injection from 185.220.101.4 on POST /api/users/{id}/orders');
  });

  it('describes severity, endpoint, actor, counts, first and last seen, the request and remediation', () => {
    const draft = buildWorkItemDraft(
      {
        activity,
        latestRequest: { text: "curl -X POST 'https://shop.example.com/api' -H 'Authorization: [REDACTED]'", timestamp: NOW - 1000, redacted: true },
        remediation: {
          steps: [
            { title: 'Use parameterised queries', explanation: 'Never build SQL from strings.', example: { language: 'js', code: "db.query('SELECT 1 WHERE id = $1',\n  [id])" } },
            { title: 'Validate input', explanation: 'Reject unexpected types.' },
          ],
          references: [],
        },
      },
      format,
    );
    expect(draft.description.split('\n')).toEqual([
      'threatdeck detected SQL Injection (Injection) activity against this API endpoint.',
      '',
      'Severity: Critical',
      'Endpoint: POST /api/users/{id}/orders (host shop.example.com)',
      'Actor: 185.220.101.4 (DE) “api-key "mobile"”',
      'Policy: SQL Injection in body',
      'Attempts: 1,234',
      'Successful exploit: Yes',
      `First seen: ${new Date(NOW - 3_600_000).toISOString()}`,
      `Last seen: ${new Date(NOW).toISOString()}`,
      '',
      `Latest attempt (${new Date(NOW - 1000).toISOString()}) as cURL:`,
      'Secrets in the request are redacted.',
      '',
      "curl -X POST 'https://shop.example.com/api' -H 'Authorization: [REDACTED]'",
      '',
      'Remediation:',
      '1. Use parameterised queries: Never build SQL from strings.',
      "    db.query('SELECT 1 WHERE id = $1',",
      '      [id])',
      '2. Validate input: Reject unexpected types.',
    ]);
  });

  it('prefills a credential post without its secret body fields, from the redacted cURL the hooks build', () => {
    const form = 'login=alice&password=hunter2&remember=1&csrf_token=ab12';
    const request: HttpRequest = {
      method: 'POST',
      url: 'https://shop.example.com/login',
      httpVersion: 'HTTP/1.1',
      headers: [['Host', 'shop.example.com'], ['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(form.length)]],
      body: { kind: 'text', text: form, size: form.length, truncated: false },
    };
    // The call src/hooks/useWorkItems.ts makes for the prefill.
    const text = toCurl(request, { redact: DEFAULT_REDACTION, lineContinuation: true }).text;
    const draft = buildWorkItemDraft({ activity, latestRequest: { text, timestamp: NOW, redacted: true }, remediation: null }, format);
    expect(draft.description).not.toMatch(/hunter2|ab12/);
    expect(draft.description).toContain("--data-raw 'login=alice&password=[REDACTED]&remember=1&csrf_token=[REDACTED]'");
  });

  it('says when the request or remediation is missing, and does not claim redaction when off', () => {
    const none = buildWorkItemDraft({ activity: { ...activity, actor: { ip: '::1' }, successfulExploit: false }, latestRequest: null, remediation: { steps: [], references: [] } }, format);
    expect(none.description).toContain('Actor: ::1\n');
    expect(none.description).toContain('Successful exploit: No');
    expect(none.description).toContain('The latest request is not available.');
    expect(none.description).toContain('Remediation:\nNo remediation steps are available.');
    const raw = buildWorkItemDraft({ activity, latestRequest: { text: 'curl x', timestamp: NOW, redacted: false }, remediation: null }, format);
    expect(raw.description).not.toContain('redacted');
    expect(raw.description).toContain('\ncurl x\n');
  });

  it('keeps attacker-written text verbatim (it is plain text, never markup)', () => {
    const hostile = { ...activity, endpoint: { ...activity.endpoint, path: '/a/<script>{x}</script>' }, subcategory: '{policy} [x|javascript:alert(1)]' };
    const draft = buildWorkItemDraft({ activity: hostile, latestRequest: null, remediation: null }, format);
    expect(draft.title).toBe('{policy} [x|javascript:alert(1)] from 185.220.101.4 on POST /a/<script>{x}</script>');
  });
});

describe('prefill, values and validation', () => {
  it('fits prefilled text to the field limit with an ellipsis', () => {
    expect(fitToField('abcdef', { id: 'x', label: 'X', type: 'text', required: false, maxLength: 4 })).toBe('abc…');
    expect(fitToField('abcd', { id: 'x', label: 'X', type: 'text', required: false, maxLength: 4 })).toBe('abcd');
    expect(fitToField('abcd', { id: 'x', label: 'X', type: 'text', required: false })).toBe('abcd');
  });

  it('prefills the title and description roles only', () => {
    const fields = prefillFields(target, { title: 'SQL Injection in body on POST /api/users/{id}/orders/very/long', description: 'D' });
    expect(fields).toEqual({ summary: 'SQL Injection in body on POST /api/user…', description: 'D', priority: '', labels: '', assignee: '', notes: '' });
    expect(fields.summary).toHaveLength(40);
  });

  it('parses labels: trimmed, empty dropped, duplicates removed, order kept', () => {
    expect(parseLabels(' api, security,,api , owasp ,')).toEqual(['api', 'security', 'owasp']);
    expect(parseLabels('   ')).toEqual([]);
  });

  it('turns the form text into target values', () => {
    expect(
      toWorkItemValues(target, { summary: 'T', description: '  keep  spacing\n', priority: 'high', labels: 'a, b', assignee: ' kchen ', notes: '   ' }),
    ).toEqual({ summary: 'T', description: '  keep  spacing\n', priority: 'high', labels: ['a', 'b'], assignee: 'kchen' });
  });

  it('lists problems in field order: required, too long, not an option', () => {
    expect(validateWorkItemValues(target, toWorkItemValues(target, { summary: ' ', notes: 'toolong', priority: 'urgent' }))).toEqual([
      { fieldId: 'summary', problem: 'required' },
      { fieldId: 'description', problem: 'required' },
      { fieldId: 'priority', problem: 'option' },
      { fieldId: 'notes', problem: 'maxLength', max: 5, length: 7 },
    ]);
    expect(validateWorkItemValues(target, { summary: 'T', description: 'D', priority: 'low' })).toEqual([]);
  });
});
