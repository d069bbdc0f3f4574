/** A polite loading placeholder for a panel. */
export function PanelLoading({ label }: { label: string }) {
  return (
    <div role="status" data-slot="panel-loading" data-status="pending" className="td-drilldown-loading">
      <span className="td-skeleton" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
