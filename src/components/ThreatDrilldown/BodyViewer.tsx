import { useMemo, useState } from 'react';
import { bodyView, formatBytes } from '../../core/bodyView';
import type { Body, HeaderPairs } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface BodyViewerProps {
  body: Body | null;
  headers: HeaderPairs;
  /** Accessible name of the body region, e.g. "Request body". */
  label: string;
  /** Characters shown before "Show all". */
  cap?: number;
}

// Decoded form fields shown before "Show all" (each is a table row).
const FORM_ROWS_CAP = 200;

/** A body as text: pretty JSON, decoded form, hex preview for bytes; capped with "Show all". */
export function BodyViewer({ body, headers, label, cap }: BodyViewerProps) {
  const { t, format } = useThreatDeck();
  const view = useMemo(() => bodyView(body, headers, cap !== undefined ? { cap } : {}), [body, headers, cap]);
  const [expanded, setExpanded] = useState(false);
  const [raw, setRaw] = useState(false);

  if (view.kind === 'empty') {
    return (
      <p data-slot="body" data-kind="empty">
        {t('drilldown.attempt.bodyEmpty')}
      </p>
    );
  }
  const size = formatBytes(view.size);
  const truncatedNote = view.captureTruncated ? (
    <p data-slot="body-capture-truncated" className="td-alert" data-tone="warning">
      {t('drilldown.attempt.bodyCaptureTruncated')}
    </p>
  ) : null;

  if (view.kind === 'binary') {
    return (
      <div data-slot="body" data-kind="binary" role="region" aria-label={label}>
        <p data-slot="body-kind">{t('drilldown.attempt.bodyBinary', { size, preview: format.number(view.previewBytes) })}</p>
        {truncatedNote}
        <pre className="td-mono" tabIndex={0} aria-label={label}>
          {view.hex}
        </pre>
      </div>
    );
  }

  const kindLabel =
    view.kind === 'json'
      ? t('drilldown.attempt.bodyJson', { size })
      : view.kind === 'form'
        ? t('drilldown.attempt.bodyForm', { size })
        : t('drilldown.attempt.bodyText', { size });
  const showForm = view.kind === 'form' && !raw;
  const formCapped = view.kind === 'form' && view.pairs.length > FORM_ROWS_CAP;
  const capped = showForm ? formCapped : view.capped;
  const shownText = expanded ? view.text : view.shown;

  return (
    <div data-slot="body" data-kind={view.kind} data-state={expanded ? 'expanded' : 'collapsed'} role="region" aria-label={label}>
      <p data-slot="body-kind">{kindLabel}</p>
      {truncatedNote}
      {showForm ? (
        <table data-slot="form-fields" className="td-drilldown-table td-mono">
          <caption className="td-visually-hidden">{kindLabel}</caption>
          <thead>
            <tr>
              <th scope="col">{t('drilldown.attempt.formName')}</th>
              <th scope="col">{t('drilldown.attempt.formValue')}</th>
            </tr>
          </thead>
          <tbody>
            {(expanded ? view.pairs : view.pairs.slice(0, FORM_ROWS_CAP)).map(([name, value], i) => (
              <tr key={i}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <pre data-slot="body-text" className="td-mono" tabIndex={0} aria-label={label}>
          {shownText}
        </pre>
      )}
      <div className="td-drilldown-body-actions">
        {capped && !expanded ? (
          <span data-slot="body-capped">
            {showForm
              ? null
              : t('drilldown.attempt.bodyCapped', { shown: format.number(view.shown.length), total: format.number(view.text.length) })}{' '}
          </span>
        ) : null}
        {capped ? (
          <button type="button" className="td-button" data-variant="ghost" data-slot="body-show-all" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
            {expanded ? t('drilldown.attempt.showLess') : t('drilldown.attempt.showAll')}
          </button>
        ) : null}
        {view.kind === 'form' ? (
          <button type="button" className="td-button" data-variant="ghost" data-slot="body-show-raw" aria-pressed={raw} onClick={() => setRaw((r) => !r)}>
            {t('drilldown.attempt.showRaw')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
