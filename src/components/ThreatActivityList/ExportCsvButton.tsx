import type { ActivityQuery } from '../../core/query';
import { toCsv } from '../../core/csv';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useActivityExport } from '../../hooks/useActivityExport';
import { useCapabilities } from '../../hooks/useCapabilities';
import { ErrorNotice } from '../shared/ErrorNotice';
import { activityCsvColumns } from './activityCsvColumns';

export interface ExportCsvButtonProps {
  query: ActivityQuery;
  /** Receives the CSV instead of the default browser download. */
  onExport?: ((csv: string, filename: string) => void) | undefined;
}

function downloadCsv(csv: string, filename: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Exports every activity matching the current query (not only the loaded rows). */
export function ExportCsvButton({ query, onExport }: ExportCsvButtonProps) {
  const { t, format, now } = useThreatDeck();
  const { state, run } = useActivityExport();
  const { cases } = useCapabilities();
  const onClick = async () => {
    const rows = await run(query);
    if (!rows) return;
    const csv = toCsv(rows, activityCsvColumns(t, format, { cases }));
    const stamp = format.utc(now()).replace(/[:.]/g, '-');
    const filename = `threat-activities-${query.status}-${stamp}.csv`;
    (onExport ?? downloadCsv)(csv, filename);
  };
  return (
    <span data-slot="export" data-status={state.status}>
      <button
        type="button"
        className="td-button"
        data-slot="export-button"
        disabled={state.status === 'pending'}
        onClick={() => void onClick()}
      >
        {state.status === 'pending' ? t('list.export.pending') : t('list.export.button')}
      </button>
      <span role="status" className="td-visually-hidden">
        {state.status === 'success' ? t('list.export.done', { count: state.count }) : ''}
      </span>
      {state.status === 'error' ? (
        <ErrorNotice error={state.error} title={t('list.export.failed')} onRetry={() => void onClick()} />
      ) : null}
    </span>
  );
}
