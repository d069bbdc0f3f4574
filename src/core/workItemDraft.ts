/**
 * The work-item draft: what a ticket about an activity says before the
 * analyst edits it, how the form's text becomes the values a target expects,
 * and what must be fixed before it can be sent. Pure: no React, no DOM.
 *
 * The draft is plain text. Much of it is attacker-written (paths, actor
 * labels, the request); an adapter must send it to its tracker as plain text
 * (e.g. a Jira ADF text or code node), never as markup.
 */
import type { MessageKey } from '../i18n/en';
import type { MessageValues } from '../i18n/formatMessage';
import type { Activity, Remediation, WorkItemField, WorkItemTarget, WorkItemValues } from './model';

export interface WorkItemDraftInput {
  activity: Activity;
  /** The latest attempt's request, already exported (the cURL command), or null when unavailable. */
  latestRequest: { text: string; timestamp: number; redacted: boolean } | null;
  remediation: Remediation | null;
}

export interface WorkItemDraftFormat {
  t: (key: MessageKey, values?: MessageValues) => string;
  dateTime: (ms: number) => string;
  number: (n: number) => string;
}

export interface WorkItemDraft {
  title: string;
  description: string;
}

/** Builds the prefilled title ("<policy> on <METHOD path>") and evidence description. */
export function buildWorkItemDraft({ activity, latestRequest, remediation }: WorkItemDraftInput, format: WorkItemDraftFormat): WorkItemDraft {
  const { t } = format;
  const { endpoint, actor } = activity;
  const actorText = [actor.ip, actor.country ? `(${actor.country})` : '', actor.label ? `“${actor.label}”` : ''].filter(Boolean).join(' ');

  const lines = [
    t('workItem.draft.summary', { subcategory: activity.subcategory, category: activity.category }),
    '',
    t('workItem.draft.severity', { severity: t(`severity.${activity.severity}`) }),
    t('workItem.draft.endpoint', { method: endpoint.method, path: endpoint.path, host: endpoint.host }),
    t('workItem.draft.actor', { actor: actorText }),
    t('workItem.draft.policy', { policy: activity.policy.name }),
    t('workItem.draft.attempts', { count: format.number(activity.attemptCount) }),
    t('workItem.draft.exploit', { value: t(activity.successfulExploit ? 'common.yes' : 'common.no') }),
    t('workItem.draft.firstSeen', { time: format.dateTime(activity.firstSeen) }),
    t('workItem.draft.lastSeen', { time: format.dateTime(activity.lastSeen) }),
    '',
  ];

  if (latestRequest) {
    lines.push(t('workItem.draft.requestHeading', { time: format.dateTime(latestRequest.timestamp) }));
    if (latestRequest.redacted) lines.push(t('workItem.draft.requestRedacted'));
    lines.push('', latestRequest.text, '');
  } else {
    lines.push(t('workItem.draft.noRequest'), '');
  }

  lines.push(t('workItem.draft.remediationHeading'));
  const steps = remediation?.steps ?? [];
  if (steps.length === 0) lines.push(t('workItem.draft.noRemediation'));
  steps.forEach((step, index) => {
    lines.push(`${index + 1}. ${step.title}: ${step.explanation}`);
    if (step.example) for (const codeLine of step.example.code.split('\n')) lines.push(`    ${codeLine}`);
  });

  return {
    title: t('workItem.draft.title', { policy: activity.policy.name, method: endpoint.method, path: endpoint.path }),
    description: lines.join('\n'),
  };
}

/** Cuts text to a field's limit (ending in "…"), so a long attacker path never blocks the prefill. */
export function fitToField(text: string, field: WorkItemField): string {
  const max = field.maxLength;
  if (max === undefined || text.length <= max) return text;
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}

/** The prefilled text of each field of a target (empty for fields without a role). */
export function prefillFields(target: WorkItemTarget, draft: WorkItemDraft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of target.fields) out[field.id] = field.role ? fitToField(draft[field.role], field) : '';
  return out;
}

/** "a, b ,, a" → ["a", "b"]: trimmed, empty dropped, duplicates removed, order kept. */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const label = part.trim();
    if (label) seen.add(label);
  }
  return [...seen];
}

/** The form's text per field → the values the target expects (labels as a list). */
export function toWorkItemValues(target: WorkItemTarget, texts: Record<string, string>): WorkItemValues {
  const values: WorkItemValues = {};
  for (const field of target.fields) {
    const text = texts[field.id] ?? '';
    if (field.type === 'labels') {
      const labels = parseLabels(text);
      if (labels.length > 0) values[field.id] = labels;
    } else if (text.trim() !== '') {
      values[field.id] = field.type === 'select' || field.type === 'assignee' ? text.trim() : text;
    }
  }
  return values;
}

export type WorkItemFieldProblem =
  | { fieldId: string; problem: 'required' }
  | { fieldId: string; problem: 'maxLength'; max: number; length: number }
  | { fieldId: string; problem: 'option' };

/** What must be fixed before submit, in field order (the first one gets focus). */
export function validateWorkItemValues(target: WorkItemTarget, values: WorkItemValues): WorkItemFieldProblem[] {
  const problems: WorkItemFieldProblem[] = [];
  for (const field of target.fields) {
    const value = values[field.id];
    if (value === undefined || value.length === 0) {
      if (field.required) problems.push({ fieldId: field.id, problem: 'required' });
      continue;
    }
    if (typeof value === 'string' && field.maxLength !== undefined && value.length > field.maxLength) {
      problems.push({ fieldId: field.id, problem: 'maxLength', max: field.maxLength, length: value.length });
    } else if (field.type === 'select' && field.options && !field.options.some((o) => o.value === value)) {
      problems.push({ fieldId: field.id, problem: 'option' });
    }
  }
  return problems;
}
