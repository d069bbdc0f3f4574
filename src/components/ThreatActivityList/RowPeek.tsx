/**
 * Full values of the keyboard-focused row, under it: what a narrow column
 * clips (endpoint, host, actor with country, policy) and what the layout
 * hid for lack of space. Mouse users get the same through each cell's
 * title. Hidden from assistive technology, which reads the cells' full text
 * already; shown only while the grid has keyboard focus (CSS).
 */
import type { Activity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface RowPeekProps {
  activity: Activity;
  /** Offset of the focused row's top in the grid's scroll content, px. */
  rowTop: number;
  rowHeight: number;
  /** The row is in the lower half of the view: the peek goes above it (never past the list's end). */
  above: boolean;
  /** Columns hidden for lack of space; their values are listed too. */
  hiddenColumns: readonly string[];
}

export function RowPeek({ activity: a, rowTop, rowHeight, above, hiddenColumns }: RowPeekProps) {
  const { t, format } = useThreatDeck();
  const hidden = new Set(hiddenColumns);
  const entries: Array<[string, string]> = [
    [t('list.column.endpoint'), `${a.endpoint.method} ${a.endpoint.path}`],
    [t('list.column.host'), a.endpoint.host],
    [t('list.column.actor'), a.actor.country ? `${a.actor.ip} (${a.actor.country})` : a.actor.ip],
    [t('list.column.policy'), `${a.policy.name} / ${a.subcategory}`],
  ];
  if (hidden.has('type')) entries.push([t('list.column.type'), t(`type.${a.type}`)]);
  if (hidden.has('successfulExploit')) entries.push([t('list.column.successfulExploit'), t(a.successfulExploit ? 'list.exploit.yes' : 'list.exploit.no')]);
  if (hidden.has('attempts')) entries.push([t('list.column.attempts'), format.number(a.attemptCount)]);
  if (hidden.has('lastSeen')) entries.push([t('list.column.lastSeen'), format.dateTime(a.lastSeen)]);
  if (hidden.has('inTriage') && a.status === 'active' && a.activeSince !== undefined) {
    entries.push([t('list.column.inTriage'), t('list.triage.since', { date: format.dateTime(a.activeSince) })]);
  }
  return (
    <div
      aria-hidden="true"
      data-slot="row-peek"
      data-side={above ? 'top' : 'bottom'}
      className="td-list-peek"
      style={above ? { top: rowTop, transform: 'translateY(-100%)' } : { top: rowTop + rowHeight }}
    >
      <dl>
        {entries.map(([label, value]) => (
          <div key={label} data-slot="row-peek-entry">
            <dt>{label}</dt>
            <dd className="td-mono">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
