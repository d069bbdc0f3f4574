/**
 * The memory adapter's work items: the demo targets (a Jira and an Azure
 * Boards project) and creating an item, whose link the activity embeds
 * (the newest MAX_EMBEDDED_WORK_ITEMS, with the total).
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import { MAX_EMBEDDED_WORK_ITEMS } from '../../core/model';
import { assertWorkItemValues, DEMO_WORK_ITEM_TARGETS } from './demoWorkItemTargets';
import { notFound, settle, type MemoryStore } from './memoryStore';

type WorkItemOperations = Pick<Required<ThreatDeckAdapter>, 'listWorkItemTargets' | 'createWorkItem'>;

export function workItemOperations(store: MemoryStore): WorkItemOperations {
  const { index, clock, workItemCounters, workItemLog } = store;
  return {
    listWorkItemTargets: () => settle(() => DEMO_WORK_ITEM_TARGETS.map((t) => structuredClone(t))),

    createWorkItem: (params) =>
      store.write('createWorkItem', params, () => {
        const { targetId, activityId, values } = params;
        const target = DEMO_WORK_ITEM_TARGETS.find((t) => t.id === targetId);
        if (!target) throw notFound('work-item target', String(targetId));
        const a = index.rows[store.rowOf(activityId)]!;
        assertWorkItemValues(target, values);
        const n = (workItemCounters.get(targetId) ?? 100) + 1;
        workItemCounters.set(targetId, n);
        const jira = target.system === 'jira';
        const key = jira ? `SEC-${n}` : `AB#${4100 + n}`;
        const url = jira ? `https://northwind.atlassian.example/browse/${key}` : `https://dev.azure.example/northwind/security/_workitems/edit/${4100 + n}`;
        const now = clock();
        const titleField = target.fields.find((f) => f.role === 'title');
        const title = titleField ? values[titleField.id] : undefined;
        store.nextRevision();
        const log = workItemLog.get(a.id) ?? [...a.workItems];
        log.push({ targetId, key, url, ...(typeof title === 'string' ? { title } : {}), createdAt: now });
        workItemLog.set(a.id, log);
        // The activity travels in every list page: it carries the newest links and the count, not all of them.
        a.workItems = log.slice(-MAX_EMBEDDED_WORK_ITEMS);
        a.workItemTotal = log.length;
        store.cases.record({ kind: 'workItem', activityId: a.id, who: store.cases.who, when: now, targetId, key, url });
        return { targetId, key, url, createdAt: now };
      }),
  };
}
