import { useState } from 'react';
import type { ExportWarning } from '../../core/export/exportResult';
import type { Attempt, HttpResponse } from '../../core/model';
import { DEFAULT_REDACTION } from '../../core/redaction';
import { useClipboard } from '../../hooks/useClipboard';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { MessageKey } from '../../i18n/en';
import { MenuButton, type MenuButtonItem } from '../shared/MenuButton';
import { REQUEST_EXPORTERS, type RequestExporterId } from './attemptExporters';
import { responseText } from './responseText';

type CopyWhat = RequestExporterId | 'response';

const ITEM_LABEL: Record<RequestExporterId, MessageKey> = {
  curl: 'drilldown.attempt.copyCurl',
  burp: 'drilldown.attempt.copyBurp',
  fetch: 'drilldown.attempt.copyFetch',
  har: 'drilldown.attempt.copyHar',
  powershell: 'drilldown.attempt.copyPowerShell',
};

export interface CopyMenuProps {
  attempt: Attempt;
  /** Redact credentials in what is copied (the same switch as the view). */
  redact: boolean;
  /** The response as shown (already redacted when `redact`). */
  response: HttpResponse | null;
}

/** Copy the request in each export format, or the response; confirms in a live region and lists exporter warnings. */
export function CopyMenu({ attempt, redact, response }: CopyMenuProps) {
  const { t, portalContainer } = useThreatDeck();
  const clipboard = useClipboard<{ what: CopyWhat; redacted: boolean }>();
  const [warnings, setWarnings] = useState<ExportWarning[]>([]);

  const copy = (what: CopyWhat) => {
    let text: string;
    let found: ExportWarning[] = [];
    if (what === 'response') {
      if (!response) return;
      text = responseText(response);
    } else {
      const exporter = REQUEST_EXPORTERS.find((e) => e.id === what);
      if (!exporter) return;
      const result = exporter.run(attempt.request, redact ? { redact: DEFAULT_REDACTION } : {});
      text = result.text;
      found = result.warnings;
    }
    setWarnings(found);
    void clipboard.copy(text, { what, redacted: redact });
  };

  const label = clipboard.label;
  const whatText = label ? t(`drilldown.attempt.what.${label.what}`) : '';
  const message =
    clipboard.status === 'copied' && label
      ? t(label.redacted ? 'drilldown.attempt.copiedRedacted' : 'drilldown.attempt.copied', { what: whatText })
      : clipboard.status === 'error' && label
        ? t('drilldown.attempt.copyFailed', { what: whatText })
        : '';

  const items: MenuButtonItem[] = [
    ...REQUEST_EXPORTERS.map((e) => ({
      id: e.id,
      label: t(ITEM_LABEL[e.id]),
      onSelect: () => copy(e.id),
      data: { 'data-slot': 'copy-item', 'data-format': e.id },
    })),
    {
      id: 'response',
      label: t('drilldown.attempt.copyResponse'),
      onSelect: () => copy('response'),
      disabled: !response,
      separated: true,
      data: { 'data-slot': 'copy-item', 'data-format': 'response' },
    },
  ];

  return (
    <div data-slot="copy" className="td-drilldown-copy">
      <MenuButton
        items={items}
        container={portalContainer}
        align="end"
        offset={4}
        triggerProps={{ className: 'td-button', 'data-slot': 'copy-trigger' }}
        menuProps={{ className: 'td-drilldown-menu', 'data-slot': 'copy-menu' }}
        itemClassName="td-drilldown-menu-item"
        separatorClassName="td-drilldown-menu-separator"
      >
        {t('drilldown.attempt.copyAs')}
      </MenuButton>
      <span role="status" data-slot="copy-status" data-status={clipboard.status} className="td-drilldown-copy-status">
        {message}
      </span>
      {warnings.length > 0 ? (
        <ul data-slot="copy-warnings" aria-label={t('drilldown.attempt.warnings')} className="td-alert" data-tone="warning">
          {warnings.map((w, i) => (
            <li key={`${w.code}:${i}`} data-code={w.code}>
              {w.message}
              {w.header ? (
                <>
                  {' '}
                  (<span className="td-mono">{w.header}</span>)
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
