/**
 * The CSV export's columns: raw values (UTC ISO times, the assignee's user
 * id), headers from the catalog. The case columns come with a backend that
 * handles cases (`cases`), so other hosts' files keep their shape.
 */
import type { CsvColumn } from '../../core/csv';
import type { Activity } from '../../core/model';
import type { ThreatDeckContextValue } from '../../hooks/ThreatDeckProvider';

export function activityCsvColumns(t: ThreatDeckContextValue['t'], format: ThreatDeckContextValue['format'], { cases = false } = {}): CsvColumn<Activity>[] {
  const columns: CsvColumn<Activity>[] = [
    { header: t('list.csv.id'), value: (a) => a.id },
    { header: t('list.csv.status'), value: (a) => t(`status.${a.status}`) },
    { header: t('list.csv.severity'), value: (a) => t(`severity.${a.severity}`) },
    { header: t('list.csv.method'), value: (a) => a.endpoint.method },
    { header: t('list.csv.path'), value: (a) => a.endpoint.path },
    { header: t('list.csv.host'), value: (a) => a.endpoint.host },
    { header: t('list.csv.actorIp'), value: (a) => a.actor.ip },
    { header: t('list.csv.country'), value: (a) => a.actor.country },
    { header: t('list.csv.policy'), value: (a) => a.policy.name },
    { header: t('list.csv.category'), value: (a) => a.category },
    { header: t('list.csv.subcategory'), value: (a) => a.subcategory },
    { header: t('list.csv.type'), value: (a) => t(`type.${a.type}`) },
    { header: t('list.csv.successfulExploit'), value: (a) => a.successfulExploit },
    { header: t('list.csv.attempts'), value: (a) => a.attemptCount },
    { header: t('list.csv.firstSeen'), value: (a) => format.utc(a.firstSeen) },
    { header: t('list.csv.lastSeen'), value: (a) => format.utc(a.lastSeen) },
  ];
  if (!cases) return columns;
  return [
    ...columns,
    { header: t('list.csv.assignee'), value: (a) => a.assigneeId ?? '' },
    { header: t('list.csv.activeSince'), value: (a) => (a.activeSince === undefined ? '' : format.utc(a.activeSince)) },
  ];
}
