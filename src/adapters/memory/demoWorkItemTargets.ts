/**
 * The work-item targets the memory adapter offers (a Jira project and an Azure
 * Boards project), and the validation a real tracker would apply to a create call.
 */
import { AdapterError } from '../../core/errors';
import type { WorkItemTarget, WorkItemValues } from '../../core/model';

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

/** Throws `invalid_request` naming the first bad field (`values.<id>`). */
export function validateWorkItemValues(target: WorkItemTarget, values: WorkItemValues): void {
  const fail = (id: string, message: string) => {
    throw new AdapterError('invalid_request', message, { path: `values.${id}` });
  };
  // A value for no field of the target is refused, not dropped: the caller meant something by it.
  for (const id of Object.keys(values)) {
    if (!target.fields.some((field) => field.id === id)) fail(id, `${target.label} has no field "${id.length > 64 ? `${id.slice(0, 64)}…` : id}".`);
  }
  for (const field of target.fields) {
    const value = values[field.id];
    const multi = field.type === 'labels';
    if (value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '')) {
      if (field.required) fail(field.id, `${field.label} is required.`);
      continue;
    }
    if (multi !== Array.isArray(value) || (Array.isArray(value) && value.some((v) => typeof v !== 'string'))) {
      fail(field.id, `${field.label} has the wrong type.`);
    }
    if (typeof value === 'string' && field.maxLength !== undefined && value.length > field.maxLength) {
      fail(field.id, `${field.label} is longer than ${field.maxLength} characters.`);
    }
    if (field.type === 'select' && !field.options?.some((o) => o.value === value)) fail(field.id, `${field.label} is not one of the options.`);
  }
}
