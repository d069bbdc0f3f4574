import * as Dialog from '@radix-ui/react-dialog';
import { clsx } from 'clsx';
import { forwardRef, useId, useRef, useState, type FormEvent, type HTMLAttributes } from 'react';
import type { AdapterError } from '../../core/errors';
import type { Activity, CreatedWorkItem, WorkItemField } from '../../core/model';
import { safeHref } from '../../core/safeHref';
import {
  fitToField,
  suggestFieldValue,
  toWorkItemValues,
  validateWorkItemValues,
  type WorkItemDraft,
  type WorkItemFieldProblem,
} from '../../core/workItemDraft';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useDraft } from '../../hooks/useDraft';
import type { WriteOutcome } from '../../hooks/useGuardedMutation';
import { useCreateWorkItem, useWorkItemDraft, useWorkItemsSupported, useWorkItemTargets } from '../../hooks/useWorkItems';
import { ErrorNotice } from '../shared/ErrorNotice';
import { ActionMessage, useInActionBar } from '../EventActions/ActionBar';
import { ActionButton } from '../EventActions/ActionButton';
import { ActionDialogContent, ActionDialogFooter, WriteNotice } from '../EventActions/ActionDialog';
import { useActionDialogOpen } from '../EventActions/useActionDialogOpen';
import { WorkItemFieldControl } from './WorkItemFieldControl';

export interface CreateWorkItemProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  activity: Activity;
  /** Whether the dialog is open, when controlled (it stays closed while the backend cannot create work items). */
  open?: boolean;
  /** Opens the dialog on mount when uncontrolled. */
  defaultOpen?: boolean;
  /** Called on every open and close, controlled or not. */
  onOpenChange?: (open: boolean) => void;
  /** The target selected first (defaults to the first one the adapter lists). */
  defaultTargetId?: string;
  onCreated?: (item: CreatedWorkItem) => void;
  /** `outcome` is `unknown` when the item may have been created (a retry yields the same item). */
  onError?: (error: AdapterError, outcome: WriteOutcome) => void;
}

type RoleEdits = Partial<Record<keyof WorkItemDraft, string>>;

/** What the analyst typed or chose, kept per activity until the item is created. */
interface WorkItemFormDraft {
  targetId: string | undefined;
  redact: boolean;
  roleEdits: RoleEdits;
  fieldEdits: Record<string, string>;
}

/**
 * Creates a Jira issue or another tracker's work item from an activity. The
 * fields come from the chosen target; title and description are prefilled
 * with the evidence and stay editable. The draft is kept per activity (it
 * survives a failed create and moving to another activity and back). A lost
 * response is retried with the same idempotency key ("checking"), so it
 * yields the one item created; a created item shows its key and link.
 */
export const CreateWorkItem = forwardRef<HTMLDivElement, CreateWorkItemProps>(function CreateWorkItem(
  { activity, open: openProp, defaultOpen = false, onOpenChange, defaultTargetId, onCreated, onError, className, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  const inBar = useInActionBar();
  const ids = { target: useId(), redact: useId(), summary: useId() };
  const supported = useWorkItemsSupported();
  const [form, updateForm, clearForm] = useDraft<WorkItemFormDraft>(`workItem:${activity.id}`, {
    targetId: defaultTargetId,
    redact: true,
    roleEdits: {},
    fieldEdits: {},
  });
  // Title and description edits follow the role, so they survive a change of target.
  const { targetId, redact, roleEdits, fieldEdits } = form;
  const setTargetId = (id: string) => updateForm({ targetId: id });
  const setRedact = (value: boolean) => updateForm({ redact: value });
  const [showErrors, setShowErrors] = useState(false);
  const [lastCreated, setLastCreated] = useState<CreatedWorkItem | null>(null);
  const controls = useRef(new Map<string, HTMLElement>());

  const creating = useCreateWorkItem({
    onCreated: (item) => {
      setLastCreated(item);
      clearForm();
      setShowErrors(false);
      onCreated?.(item);
    },
    ...(onError ? { onError: (error: AdapterError, _v: unknown, outcome: WriteOutcome) => onError(error, outcome) } : {}),
  });
  const pending = creating.status === 'pending' || creating.status === 'checking';
  const dialog = useActionDialogOpen({
    open: openProp,
    defaultOpen: defaultOpen && supported,
    onOpenChange,
    name: 'CreateWorkItem.open',
    busy: pending,
    finished: creating.status === 'success',
    clear: creating.reset,
  });
  // Nothing to open while the backend cannot create work items.
  const open = dialog.open && supported;
  const targets = useWorkItemTargets({ enabled: open });
  const target = targets.targets.find((x) => x.id === targetId) ?? targets.targets[0];
  const { draft, evidence } = useWorkItemDraft(activity, { enabled: open, redact });
  const created = creating.status === 'success' ? creating.data : undefined;

  const textOf = (field: WorkItemField): string =>
    field.role ? (roleEdits[field.role] ?? fitToField(draft[field.role], field)) : (fieldEdits[field.id] ?? suggestFieldValue(field, activity) ?? '');
  const setText = (field: WorkItemField, text: string) => {
    if (field.role) updateForm((prev) => ({ ...prev, roleEdits: { ...prev.roleEdits, [field.role as keyof WorkItemDraft]: text } }));
    else updateForm((prev) => ({ ...prev, fieldEdits: { ...prev.fieldEdits, [field.id]: text } }));
  };

  const texts: Record<string, string> = {};
  for (const field of target?.fields ?? []) texts[field.id] = textOf(field);
  const values = target ? toWorkItemValues(target, texts) : {};
  const problems = target ? validateWorkItemValues(target, values) : [];
  const problemOf = new Map<string, WorkItemFieldProblem>(showErrors ? problems.map((p) => [p.fieldId, p]) : []);
  // A tracker that rejects one field names it in the error path (`values.<fieldId>`).
  const rejectedPath = creating.error?.code === 'invalid_request' ? creating.error.path : undefined;
  const rejectedField = rejectedPath?.startsWith('values.') ? rejectedPath.slice('values.'.length) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setShowErrors(true);
    const first = problems[0];
    if (first) {
      controls.current.get(first.fieldId)?.focus();
      return;
    }
    void creating.create({ targetId: target.id, activityId: activity.id, values });
  };

  const problemText = (field: WorkItemField, problem: WorkItemFieldProblem): string => {
    if (problem.problem === 'maxLength') return t('workItem.invalid.maxLength', { field: field.label, max: problem.max, length: problem.length });
    return t(problem.problem === 'required' ? 'workItem.invalid.required' : 'workItem.invalid.option', { field: field.label });
  };

  const createdLink = (item: CreatedWorkItem) => {
    const href = safeHref(item.url);
    return href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" data-slot="work-item-link">
        {t('workItem.open', { key: item.key })}
      </a>
    ) : (
      <span className="td-mono" data-slot="work-item-url">
        {item.url}
      </span>
    );
  };

  return (
    <div ref={ref} data-slot="create-work-item" data-state={lastCreated ? 'created' : 'not-created'} className={clsx('td-create-work-item', className)} {...rest}>
      <Dialog.Root open={open} onOpenChange={dialog.request}>
        <div className="td-action-row">
          <Dialog.Trigger asChild>
            <ActionButton data-slot="work-item-trigger" unavailableReason={supported ? null : t('workItem.unavailable')}>
              {t('workItem.trigger')}
            </ActionButton>
          </Dialog.Trigger>
        </div>
        <ActionMessage>
          {lastCreated && !open ? (
            <p role={inBar ? undefined : 'status'} data-slot="work-item-last-created">
              {t('workItem.created', { key: lastCreated.key })} {createdLink(lastCreated)}
            </p>
          ) : null}
        </ActionMessage>
        <ActionDialogContent
          className="td-create-work-item__dialog"
          data-slot="work-item-dialog"
          data-status={creating.status}
          title={t('workItem.title')}
          description={t('workItem.description')}
        >
          {created ? (
            <>
              <p role="status" className="td-alert" data-tone="success" data-slot="work-item-created">
                {t('workItem.created', { key: created.key })} {createdLink(created)}
              </p>
              <div className="td-dialog-actions">
                <Dialog.Close asChild>
                  <button type="button" className="td-button" data-slot="close">
                    {t('common.close')}
                  </button>
                </Dialog.Close>
              </div>
            </>
          ) : targets.status === 'pending' ? (
            <p role="status" data-slot="work-item-targets-loading">
              {t('workItem.targetsLoading')}
            </p>
          ) : targets.error ? (
            <ErrorNotice error={targets.error} title={t('workItem.targetsFailed')} onRetry={targets.refetch} />
          ) : !target ? (
            <p role="status">{t('workItem.noTargets')}</p>
          ) : (
            <form onSubmit={submit} noValidate data-slot="work-item-form">
              <div className="td-field">
                <label htmlFor={ids.target}>{t('workItem.target')}</label>
                <select id={ids.target} className="td-select" value={target.id} onChange={(e) => setTargetId(e.currentTarget.value)}>
                  {targets.targets.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.label}
                    </option>
                  ))}
                </select>
              </div>
              {target.fields.map((field) => {
                const problem = problemOf.get(field.id);
                return (
                  <WorkItemFieldControl
                    key={`${target.id}:${field.id}`}
                    field={field}
                    value={textOf(field)}
                    onValueChange={(text) => setText(field, text)}
                    error={problem ? problemText(field, problem) : rejectedField === field.id ? t('workItem.invalid.rejected', { field: field.label }) : null}
                    controlRef={(node) => {
                      if (node) controls.current.set(field.id, node);
                      else controls.current.delete(field.id);
                    }}
                  />
                );
              })}
              <div className="td-field">
                <label className="td-choice">
                  <input id={ids.redact} type="checkbox" checked={redact} onChange={(e) => setRedact(e.currentTarget.checked)} />
                  {t('workItem.redact')}
                </label>
                {evidence === 'pending' ? (
                  <span className="td-hint" role="status" data-slot="work-item-evidence-loading">
                    {t('workItem.evidenceLoading')}
                  </span>
                ) : null}
              </div>
              {showErrors && problems.length > 0 ? (
                <p id={ids.summary} className="td-alert" data-tone="error" data-slot="work-item-invalid">
                  {t('workItem.invalidSummary', { count: problems.length })}
                </p>
              ) : null}
              <WriteNotice
                status={creating.status}
                retrySafe={creating.retrySafe}
                error={creating.error}
                failed="workItem.failed"
                unknown="workItem.unknown"
                checking="workItem.checking"
                slot="work-item-error"
              />
              <ActionDialogFooter submitLabel={t('workItem.submit')} pending={pending} slot="work-item-submit" />
            </form>
          )}
        </ActionDialogContent>
      </Dialog.Root>
    </div>
  );
});
