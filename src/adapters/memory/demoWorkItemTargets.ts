/**
 * The work-item targets the memory adapter offers (a Jira project and an Azure
 * Boards project), and the refusal a real tracker would send for bad values
 * (the core's work-item rule, as an `invalid_request`).
 */
import { AdapterError } from '../../core/errors';
import type { WorkItemTarget, WorkItemValues } from '../../core/model';
import { validateWorkItemValues, type WorkItemFieldProblem } from '../../core/workItemDraft';

export const DEMO_WORK_ITEM_TARGETS: readonly WorkItemTarget[] = [
  {
    id: 'jira-sec-bug',
    system: 'jira',
    label: 'SEC · Bug',
    fields: [
      { id: 'summary', label: 'Summary', type: 'text', required: true, role: 'title', maxLength: 255 },
      { id: 'description', label: 'Description', type: 'longtext', required: true, role: 'description', maxLength: 32_000 },
      {
        id: 'priority', label: 'Priority', type: 'select', required: true,
        options: ['Highest', 'High', 'Medium', 'Low', 'Lowest'].map((p) => ({ value: p.toLowerCase(), label: p })),
      },
      { id: 'labels', label: 'Labels', type: 'labels', required: false, options: ['security', 'api', 'threat-activity', 'owasp'].map((l) => ({ value: l, label: l })) },
      {
        id: 'assignee', label: 'Assignee', type: 'assignee', required: false,
        options: [{ value: 'asmith', label: 'Alex Smith' }, { value: 'mgarcia', label: 'Maria Garcia' }, { value: 'kchen', label: 'Kai Chen' }],
      },
    ],
  },
  {
    id: 'azure-boards-issue',
    system: 'azure-boards',
    label: 'Azure Boards · Issue',
    fields: [
      { id: 'title', label: 'Title', type: 'text', required: true, role: 'title', maxLength: 255 },
      { id: 'description', label: 'Description', type: 'longtext', required: false, role: 'description' },
      { id: 'areaPath', label: 'Area path', type: 'select', required: true, options: ['Security', 'Security\\API', 'Platform'].map((a) => ({ value: a, label: a })) },
      { id: 'tags', label: 'Tags', type: 'labels', required: false },
    ],
  },
];

const clip = (id: string) => (id.length > 64 ? `${id.slice(0, 64)}…` : id);

/** The message a tracker would send back for a field problem (English: this stands for the remote system). */
function problemMessage(target: WorkItemTarget, problem: WorkItemFieldProblem): string {
  const label = target.fields.find((field) => field.id === problem.fieldId)?.label ?? '';
  switch (problem.problem) {
    case 'unknown':
      return `${target.label} has no field "${clip(problem.fieldId)}".`;
    case 'required':
      return `${label} is required.`;
    case 'type':
      return `${label} has the wrong type.`;
    case 'maxLength':
      return `${label} is longer than ${problem.max} characters.`;
    case 'option':
      return `${label} is not one of the options.`;
  }
}

/**
 * Throws `invalid_request` naming the first bad field (`values.<id>`), with
 * the core's rule (`validateWorkItemValues`) so the form and the backend agree.
 */
export function assertWorkItemValues(target: WorkItemTarget, values: unknown): asserts values is WorkItemValues {
  if (!values || typeof values !== 'object' || Array.isArray(values)) throw new AdapterError('invalid_request', 'values are required.', { path: 'values' });
  const problem = validateWorkItemValues(target, values as Record<string, unknown>)[0];
  if (problem) throw new AdapterError('invalid_request', problemMessage(target, problem), { path: `values.${problem.fieldId}` });
}

/** The name src/server/postgres imports. */
export { assertWorkItemValues as validateWorkItemValues };
