/**
 * The view's side panel around the drilldown: Back / Previous / Next, the
 * notice of moving on after a triage, the drilldown's keyboard shortcuts and
 * the `?` overlay that lists them.
 */
import { forwardRef, useCallback, useRef, useState, type ReactNode } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useCapabilities } from '../../hooks/useCapabilities';
import type { MessageKey } from '../../i18n/en';
import { ShortcutsOverlay } from '../ThreatDrilldown/ShortcutsOverlay';
import type { DrilldownTab } from '../ThreatDrilldown/drilldownContext';
import { DRILLDOWN_SHORTCUTS, type DrilldownShortcutId } from '../ThreatDrilldown/drilldownShortcuts';
import { useDrilldownShortcuts, type DrilldownShortcutHandlers } from '../ThreatDrilldown/useDrilldownShortcuts';
import type { FlowNotice } from './useDrilldownFlow';

export interface ViewDrilldownPanelProps {
  onClose: () => void;
  onStep: (delta: 1 | -1) => void;
  hasPrev: boolean;
  hasNext: boolean;
  onTabChange: (tab: DrilldownTab) => void;
  notice: FlowNotice;
  onNotice: (notice: FlowNotice) => void;
  children: ReactNode;
}

/**
 * The action buttons a shortcut presses, by their styling contract
 * (`data-slot`), so a key does exactly what the visible button does — an
 * unavailable or pending button ignores it as it ignores a click. A host's
 * own actions opt in with `data-shortcut="review|ignore|block|workItem"`.
 */
const ACTION_TARGETS = {
  review: '[data-shortcut="review"], [data-slot="action-under_review"]',
  ignore: '[data-shortcut="ignore"], [data-slot="action-ignored"]',
  block: '[data-shortcut="block"], [data-slot="block-trigger"]',
  workItem: '[data-shortcut="workItem"], [data-slot="work-item-trigger"]',
} as const satisfies Partial<Record<DrilldownShortcutId, string>>;

const label = (id: DrilldownShortcutId): MessageKey => DRILLDOWN_SHORTCUTS.find((s) => s.id === id)!.label;
const keysOf = (id: DrilldownShortcutId): string => DRILLDOWN_SHORTCUTS.find((s) => s.id === id)!.keys.join(' ');

export const ViewDrilldownPanel = forwardRef<HTMLElement, ViewDrilldownPanelProps>(function ViewDrilldownPanel(
  { onClose, onStep, hasPrev, hasNext, onTabChange, notice, onNotice, children },
  ref,
) {
  const { t } = useThreatDeck();
  const capabilities = useCapabilities();
  const [helpOpen, setHelpOpen] = useState(false);
  const sectionRef = useRef<HTMLElement | null>(null);
  // Stable, so React does not detach and re-attach the ref on every render.
  const setRefs = useCallback(
    (node: HTMLElement | null) => {
      sectionRef.current = node;
      if (typeof ref === 'function') ref(node);
      else if (ref) ref.current = node;
    },
    [ref],
  );

  const press = (id: keyof typeof ACTION_TARGETS) => () => {
    const button = sectionRef.current?.querySelector<HTMLButtonElement>(ACTION_TARGETS[id]);
    if (button) button.click();
    else onNotice({ kind: 'unavailable', action: t(label(id)) });
  };
  const handlers: DrilldownShortcutHandlers = {
    next: () => onStep(1),
    previous: () => onStep(-1),
    'tab.overview': () => onTabChange('overview'),
    'tab.timeline': () => onTabChange('timeline'),
    'tab.attempt': () => onTabChange('attempt'),
    'tab.remediation': () => onTabChange('remediation'),
    // The History tab exists only with the backend's case handling.
    ...(capabilities.cases ? { 'tab.history': () => onTabChange('history') } : {}),
    review: press('review'),
    ignore: press('ignore'),
    block: press('block'),
    workItem: press('workItem'),
    help: () => setHelpOpen(true),
    close: onClose,
  };
  const onKeyDown = useDrilldownShortcuts(handlers);

  return (
    // Shortcuts and Escape are handled for the whole panel, whichever control inside has focus.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      ref={setRefs}
      tabIndex={-1}
      aria-label={t('view.drilldownRegion')}
      data-slot="view-drilldown"
      className="td-view-drilldown"
      onKeyDown={onKeyDown}
    >
      <nav aria-label={t('view.activityNavigation')} data-slot="view-drilldown-nav" className="td-view-nav">
        <button type="button" className="td-button" data-variant="ghost" aria-keyshortcuts="Escape" onClick={onClose}>
          {t('view.backToList')}
        </button>
        <span role="status" data-slot="view-flow-notice" className="td-view-nav-note">
          {notice ? noticeText(t, notice) : null}
        </span>
        <span className="td-view-nav-steps">
          {/* Compact: the key itself is the label seen; the name is read (and shown on hover). */}
          <button
            type="button"
            className="td-button"
            data-slot="shortcuts-trigger"
            aria-haspopup="dialog"
            aria-keyshortcuts="Shift+?"
            title={t('shortcuts.open')}
            onClick={() => setHelpOpen(true)}
          >
            <span className="td-visually-hidden">{t('shortcuts.open')}</span>
            <kbd className="td-kbd" aria-hidden="true">?</kbd>
          </button>
          <button type="button" className="td-button" disabled={!hasPrev} aria-keyshortcuts={keysOf('previous')} onClick={() => onStep(-1)}>
            {t('view.previousActivity')}
          </button>
          <button type="button" className="td-button" disabled={!hasNext} aria-keyshortcuts={keysOf('next')} onClick={() => onStep(1)}>
            {t('view.nextActivity')}
          </button>
        </span>
      </nav>
      {children}
      <ShortcutsOverlay open={helpOpen} onOpenChange={setHelpOpen} />
    </section>
  );
});

function noticeText(t: ReturnType<typeof useThreatDeck>['t'], notice: NonNullable<FlowNotice>): string {
  if (notice.kind === 'unavailable') return t('shortcuts.unavailable', { action: notice.action });
  return t(notice.kind === 'advanced' ? 'view.advanced' : 'view.advancedLast', { status: t(`status.${notice.status}`) });
}
