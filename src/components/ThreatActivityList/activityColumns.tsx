/**
 * Column definitions of the activity list (TanStack Table v9). Module-level
 * and stable; cells are small components that read the message catalog and
 * the selection through the table's meta. Every value is rendered as text.
 */
import {
  columnOrderingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  type Row,
  type Table,
} from '@tanstack/react-table';
import type { Activity } from '../../core/model';
import type { SortField } from '../../core/query';
import type { MessageKey } from '../../i18n/en';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { SeverityBadge } from '../shared/SeverityBadge';
import { useRelativeTime } from './RelativeTime';

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
// Cells and headers take only what they read: TanStack's contexts are invariant in the cell value type.
type Cell = { row: Row<Features, Activity>; table: Table<Features, Activity> };
type HeaderCtx = { column: { id: string; columnDef: { meta?: ActivityColumnMeta | undefined } }; table: Table<Features, Activity> };

const helper = createColumnHelper<Features, Activity>();

function HeaderLabel({ column }: HeaderCtx) {
  const { t } = useThreatDeck();
  const meta = column.columnDef.meta;
  return <>{meta ? t(meta.label) : column.id}</>;
}

function SelectAllHeader({ table }: HeaderCtx) {
  const { t } = useThreatDeck();
  const meta = table.options.meta;
  if (!meta) return null;
  return (
    <input
      type="checkbox"
      data-slot="select-all-loaded"
      aria-label={t('list.select.allLoaded')}
      checked={meta.allLoadedSelected}
      ref={(el) => {
        if (el) el.indeterminate = meta.someLoadedSelected && !meta.allLoadedSelected;
      }}
      onChange={() => meta.onToggleAllLoaded()}
    />
  );
}

function SelectCell({ row, table }: Cell) {
  const { t } = useThreatDeck();
  const meta = table.options.meta;
  if (!meta) return null;
  const a = row.original;
  return (
    <input
      type="checkbox"
      data-slot="row-select"
      tabIndex={-1}
      aria-label={t('list.select.row', { method: a.endpoint.method, path: a.endpoint.path, actor: a.actor.ip })}
      checked={meta.isSelected(a.id)}
      // Keep focus on the grid (aria-activedescendant); the click still toggles.
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => meta.onToggle(a.id, (e.nativeEvent as MouseEvent).shiftKey === true)}
    />
  );
}

function SeverityCell({ row }: Cell) {
  return <SeverityBadge severity={row.original.severity} />;
}

function EndpointCell({ row }: Cell) {
  const { endpoint } = row.original;
  return (
    <span data-slot="endpoint" title={`${endpoint.method} ${endpoint.path}`}>
      <span data-slot="endpoint-method" className="td-mono">
        {endpoint.method}
      </span>{' '}
      <span data-slot="endpoint-path" className="td-mono">
        {endpoint.path}
      </span>
    </span>
  );
}

function HostCell({ row }: Cell) {
  return <span title={row.original.endpoint.host}>{row.original.endpoint.host}</span>;
}

function ActorCell({ row }: Cell) {
  const { t, format, now } = useThreatDeck();
  const { actor, blocked } = row.original;
  // A stale record may still carry a block that has run out: it no longer refuses anything.
  const blockLabel =
    blocked && (blocked.expiresAt === null || blocked.expiresAt > now())
      ? blocked.expiresAt === null
        ? t('blocks.mark.permanent', { target: blocked.target })
        : t('blocks.mark.until', { target: blocked.target, until: format.dateTime(blocked.expiresAt) })
      : null;
  return (
    <span
      data-slot="actor"
      data-state={blockLabel ? 'blocked' : 'unblocked'}
      title={actor.country ? `${actor.ip} (${actor.country})` : actor.ip}
    >
      <span data-slot="actor-ip" className="td-mono">
        {actor.ip}
      </span>
      {actor.country ? (
        <>
          {' '}
          <abbr data-slot="actor-country" title={t('list.actor.country', { country: actor.country })}>
            {actor.country}
          </abbr>
        </>
      ) : null}
      {blockLabel ? (
        // One element: the short visible word, the full "until …" as its accessible name and tooltip.
        <span data-slot="actor-blocked" className="td-actor-blocked" role="img" aria-label={blockLabel} title={blockLabel}>
          {t('blocks.mark')}
        </span>
      ) : null}
    </span>
  );
}

function PolicyCell({ row }: Cell) {
  const a = row.original;
  return (
    <span data-slot="policy" title={`${a.policy.name} / ${a.subcategory}`}>
      <span data-slot="policy-name">{a.policy.name}</span>
      <span data-slot="subcategory">{a.subcategory}</span>
    </span>
  );
}

function TypeCell({ row }: Cell) {
  const { t } = useThreatDeck();
  return <>{t(`type.${row.original.type}`)}</>;
}

function ExploitCell({ row }: Cell) {
  const { t } = useThreatDeck();
  const yes = row.original.successfulExploit;
  return (
    <span data-slot="exploit" data-state={yes ? 'yes' : 'no'}>
      {t(yes ? 'list.exploit.yes' : 'list.exploit.no')}
    </span>
  );
}

function AttemptsCell({ row }: Cell) {
  const { format } = useThreatDeck();
  return <>{format.number(row.original.attemptCount)}</>;
}

function LastSeenCell({ row }: Cell) {
  const { format } = useThreatDeck();
  const at = row.original.lastSeen;
  const absolute = format.dateTime(at);
  const relative = useRelativeTime(at);
  return (
    <time data-slot="last-seen" dateTime={format.utc(at)} title={absolute}>
      {relative}
      <span className="td-visually-hidden"> ({absolute})</span>
    </time>
  );
}

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
]);

export function columnIdForSortField(field: SortField): ActivityColumnId | null {
  for (const col of activityColumns) {
    if (col.meta?.sortField === field) return col.id as ActivityColumnId;
  }
  return null;
}
