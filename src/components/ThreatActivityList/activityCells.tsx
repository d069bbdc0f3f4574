/**
 * The activity list's cells and header labels: small components that read
 * the message catalog and the selection through the table's meta. Every value
 * is rendered as text (attacker-written strings never become markup).
 */
import type { Row, Table } from '@tanstack/react-table';
import type { Activity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { SeverityBadge } from '../shared/SeverityBadge';
import type { ActivityColumnMeta, activityTableFeatures } from './activityColumns';
import { useRelativeTime } from './RelativeTime';

type Features = typeof activityTableFeatures;
// Cells and headers take only what they read: TanStack's contexts are invariant in the cell value type.
type Cell = { row: Row<Features, Activity>; table: Table<Features, Activity> };
type HeaderCtx = { column: { id: string; columnDef: { meta?: ActivityColumnMeta | undefined } }; table: Table<Features, Activity> };

export function HeaderLabel({ column }: HeaderCtx) {
  const { t } = useThreatDeck();
  const meta = column.columnDef.meta;
  return <>{meta ? t(meta.label) : column.id}</>;
}

export function SelectAllHeader({ table }: HeaderCtx) {
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

export function SelectCell({ row, table }: Cell) {
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

export function SeverityCell({ row }: Cell) {
  return <SeverityBadge severity={row.original.severity} />;
}

export function EndpointCell({ row }: Cell) {
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

export function HostCell({ row }: Cell) {
  return <span title={row.original.endpoint.host}>{row.original.endpoint.host}</span>;
}

export function ActorCell({ row }: Cell) {
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

export function PolicyCell({ row }: Cell) {
  const a = row.original;
  return (
    <span data-slot="policy" title={`${a.policy.name} / ${a.subcategory}`}>
      <span data-slot="policy-name">{a.policy.name}</span>
      <span data-slot="subcategory">{a.subcategory}</span>
    </span>
  );
}

export function TypeCell({ row }: Cell) {
  const { t } = useThreatDeck();
  return <>{t(`type.${row.original.type}`)}</>;
}

export function ExploitCell({ row }: Cell) {
  const { t } = useThreatDeck();
  const yes = row.original.successfulExploit;
  return (
    <span data-slot="exploit" data-state={yes ? 'yes' : 'no'}>
      {t(yes ? 'list.exploit.yes' : 'list.exploit.no')}
    </span>
  );
}

export function AttemptsCell({ row }: Cell) {
  const { format } = useThreatDeck();
  return <>{format.number(row.original.attemptCount)}</>;
}

export function LastSeenCell({ row }: Cell) {
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
