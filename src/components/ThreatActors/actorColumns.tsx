/**
 * The actor grid's columns: what each shows, its header label, the sort field
 * it offers (only those of ACTOR_SORT_FIELDS, which every backend sorts on) and
 * its width. Every value is rendered as text: IPs, labels, countries and
 * subcategories are attacker-written or backend-written strings.
 */
import type { ReactNode } from 'react';
import type { ActorSortField, ActorSummary } from '../../core/actors';
import type { MessageKey } from '../../i18n/en';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { SeverityBadge } from '../shared/SeverityBadge';

export const ACTOR_COLUMN_IDS = ['actor', 'country', 'activities', 'endpoints', 'subcategories', 'firstSeen', 'lastSeen', 'attempts', 'severity', 'blocked'] as const;
export type ActorColumnId = (typeof ACTOR_COLUMN_IDS)[number];

export interface ActorColumn {
  id: ActorColumnId;
  label: MessageKey;
  sortField?: ActorSortField;
  /** The first activation sorts descending (newest, most, highest first). */
  sortDescFirst?: boolean;
  width: string;
  Cell: (props: { actor: ActorSummary }) => ReactNode;
}

function ActorIpCell({ actor }: { actor: ActorSummary }) {
  return (
    <span data-slot="actor" title={actor.label ? `${actor.ip} (${actor.label})` : actor.ip}>
      <span data-slot="actor-ip" className="td-mono">
        {actor.ip}
      </span>
      {actor.label ? <span data-slot="actor-label" className="td-actors-label">{actor.label}</span> : null}
    </span>
  );
}

function CountryCell({ actor }: { actor: ActorSummary }) {
  const { t } = useThreatDeck();
  if (actor.country) return <span data-slot="actor-country">{actor.country}</span>;
  return (
    <>
      <span aria-hidden="true">{t('actors.country.none')}</span>
      <span className="td-visually-hidden">{t('common.none')}</span>
    </>
  );
}

function NumberCell({ value }: { value: number }) {
  const { format } = useThreatDeck();
  return <>{format.number(value)}</>;
}

function SubcategoriesCell({ actor }: { actor: ActorSummary }) {
  const { t } = useThreatDeck();
  const more = actor.subcategoryCount - actor.subcategories.length;
  const text = actor.subcategories.join(', ');
  return (
    <span data-slot="actor-subcategories" title={text}>
      {text}
      {more > 0 ? ` ${t('actors.subcategories.more', { count: more })}` : null}
    </span>
  );
}

function TimeCell({ at }: { at: number }) {
  const { format } = useThreatDeck();
  return <time dateTime={format.utc(at)}>{format.dateTime(at)}</time>;
}

function BlockedCell({ actor }: { actor: ActorSummary }) {
  const { t, format, now } = useThreatDeck();
  const b = actor.blocked;
  // A block that has run out no longer refuses anything.
  const active = b && (b.expiresAt === null || b.expiresAt > now());
  return (
    <span data-slot="actor-blocked" data-state={active ? 'blocked' : 'unblocked'}>
      {!active ? t('actors.blocked.no') : b.expiresAt === null ? t('actors.blocked.permanent') : t('actors.blocked.until', { until: format.dateTime(b.expiresAt) })}
    </span>
  );
}

export const actorColumns: readonly ActorColumn[] = [
  { id: 'actor', label: 'actors.column.actor', sortField: 'actor', width: 'minmax(180px, 1.2fr)', Cell: ActorIpCell },
  { id: 'country', label: 'actors.column.country', width: '84px', Cell: CountryCell },
  { id: 'activities', label: 'actors.column.activities', sortField: 'activities', sortDescFirst: true, width: '104px', Cell: ({ actor }) => <NumberCell value={actor.activities} /> },
  { id: 'endpoints', label: 'actors.column.endpoints', sortField: 'endpoints', sortDescFirst: true, width: '104px', Cell: ({ actor }) => <NumberCell value={actor.endpoints} /> },
  { id: 'subcategories', label: 'actors.column.subcategories', width: 'minmax(180px, 1.5fr)', Cell: SubcategoriesCell },
  { id: 'firstSeen', label: 'actors.column.firstSeen', sortField: 'firstSeen', sortDescFirst: true, width: '168px', Cell: ({ actor }) => <TimeCell at={actor.firstSeen} /> },
  { id: 'lastSeen', label: 'actors.column.lastSeen', sortField: 'lastSeen', sortDescFirst: true, width: '168px', Cell: ({ actor }) => <TimeCell at={actor.lastSeen} /> },
  { id: 'attempts', label: 'actors.column.attempts', sortField: 'attempts', sortDescFirst: true, width: '96px', Cell: ({ actor }) => <NumberCell value={actor.attempts} /> },
  { id: 'severity', label: 'actors.column.severity', sortField: 'severity', sortDescFirst: true, width: '144px', Cell: ({ actor }) => <SeverityBadge severity={actor.severity} /> },
  { id: 'blocked', label: 'actors.column.blocked', width: '150px', Cell: BlockedCell },
];
