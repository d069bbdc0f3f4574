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
import type { Activity, Remediation, Severity, WorkItemField, WorkItemTarget, WorkItemValues } from './model';

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

/**
 * Builds the prefilled title and the evidence description. The title reads
 * "<subcategory> from <actor IP> on <METHOD path>" (e.g. "SQL Injection from
 * 203.0.113.7 on POST /oauth/token"): policy names often end in "on <something>"
 * themselves ("SQL injection on login"), so the policy stays in the description.
 */
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
    title: t('workItem.draft.title', { subcategory: activity.subcategory, actor: actor.ip, method: endpoint.method, path: endpoint.path }),
    description: lines.join('\n'),
  };
}

/**
 * The documented severity → priority mapping. For each severity, the option
 * names (or values) a tracker commonly uses for it, best first; compared
 * case-insensitively with each option's value and label:
 *
 * | severity | matches                                     |
 * |----------|---------------------------------------------|
 * | critical | Highest, Critical, Blocker, Urgent, P1, 1   |
 * | high     | High, Major, P2, 2                          |
 * | medium   | Medium, Normal, Moderate, P3, 3             |
 * | low      | Low, Minor, P4, 4                           |
 * | info     | Lowest, Trivial, Informational, Info, P5, 5 |
 *
 * When no option matches by name, the options are taken as ordered from the
 * highest priority down (as Jira lists them) and the severity's rank picks
 * the option at the same relative position.
 */
export const SEVERITY_PRIORITY_NAMES: Readonly<Record<Severity, readonly string[]>> = {
  critical: ['highest', 'critical', 'blocker', 'urgent', 'p1', '1'],
  high: ['high', 'major', 'p2', '2'],
  medium: ['medium', 'normal', 'moderate', 'p3', '3'],
  low: ['low', 'minor', 'p4', '4'],
  info: ['lowest', 'trivial', 'informational', 'info', 'p5', '5'],
};
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** A priority select: a `select` field whose id or label says "priority" (Jira's `priority`, Azure's `Priority`). */
export function isPriorityField(field: WorkItemField): boolean {
  return field.type === 'select' && (/priority/i.test(field.id) || /priority/i.test(field.label)) && (field.options?.length ?? 0) > 0;
}

/** The option of a priority field for `severity` (see SEVERITY_PRIORITY_NAMES), or null for another field. */
export function priorityForSeverity(field: WorkItemField, severity: Severity): string | null {
  if (!isPriorityField(field)) return null;
  const options = field.options!;
  const norm = (s: string) => s.trim().toLowerCase();
  for (const name of SEVERITY_PRIORITY_NAMES[severity]) {
    const hit = options.find((o) => norm(o.value) === name || norm(o.label) === name);
    if (hit) return hit.value;
  }
  const index = Math.round((SEVERITY_RANK[severity] / 4) * (options.length - 1));
  return options[index]!.value;
}

/** What a field without a prefill role starts with for this activity (today: its priority from the severity), or null. */
export function suggestFieldValue(field: WorkItemField, activity: Pick<Activity, 'severity'>): string | null {
  return priorityForSeverity(field, activity.severity);
}

/** Cuts text to a field's limit (ending in "…"), so a long attacker path never blocks the prefill. */
export function fitToField(text: string, field: WorkItemField): string {
  const max = field.maxLength;
  if (max === undefined || text.length <= max) return text;
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}

/** The prefilled text of each field of a target: the draft for role fields, the priority from `activity`'s severity when given, else empty. */
export function prefillFields(target: WorkItemTarget, draft: WorkItemDraft, activity?: Pick<Activity, 'severity'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of target.fields) out[field.id] = field.role ? fitToField(draft[field.role], field) : ((activity && suggestFieldValue(field, activity)) ?? '');
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
  | { fieldId: string; problem: 'option' }
  /** The value is not what the field holds: a list of strings for labels, a string otherwise. */
  | { fieldId: string; problem: 'type' }
  /** The target has no such field: refused, not dropped (the caller meant something by it). */
  | { fieldId: string; problem: 'unknown' };

/** Blank text is no value: a ticket whose summary is spaces has no summary. */
const isBlank = (value: unknown) => value === undefined || (Array.isArray(value) ? value.length === 0 : typeof value === 'string' && value.trim() === '');

/**
 * What must be fixed before submit: values for fields the target does not
 * have, then the fields in order (the first one gets focus). The one rule for
 * every side: the form, the memory adapter and the reference server all
 * check values with it, so they cannot disagree. `values` may come from any
 * caller (an adapter's request), so every value's type is checked.
 */
export function validateWorkItemValues(target: WorkItemTarget, values: Readonly<Record<string, unknown>>): WorkItemFieldProblem[] {
  const problems: WorkItemFieldProblem[] = [];
  for (const id of Object.keys(values)) if (!target.fields.some((field) => field.id === id)) problems.push({ fieldId: id, problem: 'unknown' });
  for (const field of target.fields) {
    const value = values[field.id];
    if (isBlank(value)) {
      if (field.required) problems.push({ fieldId: field.id, problem: 'required' });
      continue;
    }
    const wellTyped = field.type === 'labels' ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === 'string';
    if (!wellTyped) {
      problems.push({ fieldId: field.id, problem: 'type' });
    } else if (typeof value === 'string' && field.maxLength !== undefined && value.length > field.maxLength) {
      problems.push({ fieldId: field.id, problem: 'maxLength', max: field.maxLength, length: value.length });
    } else if (field.type === 'select' && !(field.options ?? []).some((o) => o.value === value)) {
      // A select without options has no valid value.
      problems.push({ fieldId: field.id, problem: 'option' });
    }
  }
  return problems;
}
