/**
 * "In triage": how long an Active activity has waited since it became Active,
 * ticking with the list's relative times. Past the host's SLA the cell says so
 * in text (visible and spoken) and carries data-state="breached" for styling,
 * so the state is never carried by colour alone.
 */
import type { Row, Table } from '@tanstack/react-table';
import { ageInTriage } from '../../core/cases';
import type { Activity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { formatAge } from '../shared/formatAge';
import type { activityTableFeatures } from './activityColumns';
import { useTickingText } from './RelativeTime';

type Features = typeof activityTableFeatures;
type Cell = { row: Row<Features, Activity>; table: Table<Features, Activity> };

export function TriageAgeCell({ row, table }: Cell) {
  const { t, now } = useThreatDeck();
  const activity = row.original;
  const slaMs = table.options.meta?.triageSlaMs;
  const since = activity.status === 'active' ? activity.activeSince : undefined;
  // One string holds the age and the state, so a tick re-renders only when either changes.
  const text = useTickingText(since ?? 0, () => {
    const age = ageInTriage(activity, now());
    if (age === null) return '';
    const state = slaMs === undefined ? '' : age > slaMs ? 'breached' : 'within';
    return `${state}|${formatAge(age, t)}`;
  });
  if (text === '') {
    return (
      <span data-slot="triage-age" data-state="none">
        <span aria-hidden="true">—</span>
        <span className="td-visually-hidden">{t('list.triage.none')}</span>
      </span>
    );
  }
  // The state never holds '|'; a host's age message might.
  const cut = text.indexOf('|');
  const state = text.slice(0, cut);
  const age = text.slice(cut + 1);
  return (
    <span data-slot="triage-age" data-state={state || undefined}>
      {age}
      {state === 'breached' ? (
        <span data-slot="triage-sla" className="td-triage-sla">
          {' '}
          {t('list.triage.breached')}
        </span>
      ) : state === 'within' ? (
        <span className="td-visually-hidden"> ({t('list.triage.within')})</span>
      ) : null}
    </span>
  );
}
