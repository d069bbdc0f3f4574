/**
 * Column definitions of the activity list (TanStack Table v9). Module-level
 * and stable; the cells (activityCells.tsx) are small components that read the message catalog and
 * the selection through the table's meta. Every value is rendered as text.
 */
import {
  columnOrderingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { Activity } from '../../core/model';
import type { SortField } from '../../core/query';
import type { MessageKey } from '../../i18n/en';
import {
  ActorCell,
  AttemptsCell,
  EndpointCell,
  ExploitCell,
  HeaderLabel,
  HostCell,
  LastSeenCell,
  PolicyCell,
  SelectAllHeader,
  SelectCell,
  SeverityCell,
  TypeCell,
} from './activityCells';
import { TriageAgeCell } from './TriageAgeCell';

export const ACTIVITY_COLUMN_IDS = [
  'select',
  'severity',
  'endpoint',
  'host',
  'actor',
  'policy',
  'type',
  'successfulExploit',
  'attempts',
  'lastSeen',
  'inTriage',
] as const;
export type ActivityColumnId = (typeof ACTIVITY_COLUMN_IDS)[number];

export interface ActivityColumnMeta {
  label: MessageKey;
  /** The server-side sort field this column sorts by. */
  sortField?: SortField;
  /** 1 = always shown; higher numbers hide first when the list is narrow (see columnLayout). */
  priority: number;
  /** The analyst can resize it (a separator in its header). */
  resizable: boolean;
  sortDescFirst?: boolean;
}

export interface ActivityTableMeta {
  isSelected: (id: string) => boolean;
  /** `range`: extend from the last toggled row (shift). */
  onToggle: (id: string, range: boolean) => void;
  allLoadedSelected: boolean;
  someLoadedSelected: boolean;
  onToggleAllLoaded: () => void;
  /** Host SLA for the time in triage (ms); ages past it are marked breached. */
  triageSlaMs?: number | undefined;
}

export const activityTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  columnSizingFeature,
  columnMeta: {} as ActivityColumnMeta,
  tableMeta: {} as ActivityTableMeta,
});
type Features = typeof activityTableFeatures;

const helper = createColumnHelper<Features, Activity>();

export const activityColumns = helper.columns([
  helper.display({
    id: 'select',
    header: SelectAllHeader,
    cell: SelectCell,
    enableSorting: false,
    enableHiding: false,
    meta: { label: 'list.column.select', priority: 1, resizable: false },
    size: 44,
    minSize: 44,
    maxSize: 44,
  }),
  helper.accessor((a) => a.severity, {
    id: 'severity',
    header: HeaderLabel,
    cell: SeverityCell,
    meta: { label: 'list.column.severity', sortField: 'severity', priority: 1, resizable: true, sortDescFirst: true },
    size: 100,
    minSize: 84,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.endpoint.path, {
    id: 'endpoint',
    header: HeaderLabel,
    cell: EndpointCell,
    meta: { label: 'list.column.endpoint', sortField: 'endpoint', priority: 1, resizable: true },
    size: 300,
    minSize: 200,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.endpoint.host, {
    id: 'host',
    header: HeaderLabel,
    cell: HostCell,
    meta: { label: 'list.column.host', sortField: 'host', priority: 4, resizable: true },
    size: 170,
    minSize: 100,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.actor.ip, {
    id: 'actor',
    header: HeaderLabel,
    cell: ActorCell,
    meta: { label: 'list.column.actor', sortField: 'actor', priority: 1, resizable: true },
    size: 240,
    minSize: 180,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.policy.name, {
    id: 'policy',
    header: HeaderLabel,
    cell: PolicyCell,
    meta: { label: 'list.column.policy', sortField: 'policy', priority: 2, resizable: true },
    size: 220,
    minSize: 120,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.type, {
    id: 'type',
    header: HeaderLabel,
    cell: TypeCell,
    meta: { label: 'list.column.type', sortField: 'type', priority: 5, resizable: true },
    size: 110,
    minSize: 90,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.successfulExploit, {
    id: 'successfulExploit',
    header: HeaderLabel,
    cell: ExploitCell,
    meta: { label: 'list.column.successfulExploit', sortField: 'successfulExploit', priority: 3, resizable: true, sortDescFirst: true },
    size: 110,
    minSize: 80,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.attemptCount, {
    id: 'attempts',
    header: HeaderLabel,
    cell: AttemptsCell,
    meta: { label: 'list.column.attempts', sortField: 'attemptCount', priority: 4, resizable: true, sortDescFirst: true },
    size: 90,
    minSize: 70,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.lastSeen, {
    id: 'lastSeen',
    header: HeaderLabel,
    cell: LastSeenCell,
    meta: { label: 'list.column.lastSeen', sortField: 'lastSeen', priority: 2, resizable: true, sortDescFirst: true },
    size: 130,
    minSize: 96,
    maxSize: 1200,
  }),
  helper.accessor((a) => a.activeSince, {
    id: 'inTriage',
    header: HeaderLabel,
    cell: TriageAgeCell,
    // Oldest first is what triage wants: ascending activeSince.
    meta: { label: 'list.column.inTriage', sortField: 'activeSince', priority: 3, resizable: true },
    size: 120,
    minSize: 90,
    maxSize: 1200,
  }),
]);

export function columnIdForSortField(field: SortField): ActivityColumnId | null {
  for (const col of activityColumns) {
    if (col.meta?.sortField === field) return col.id as ActivityColumnId;
  }
  return null;
}
