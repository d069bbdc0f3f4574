import * as Tabs from '@radix-ui/react-tabs';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/en';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { ThreatActivityViewName } from './threatActivityViewProps';

const VIEW_LABELS = {
  activities: 'view.switch.activities',
  actors: 'view.switch.actors',
  'suppression-rules': 'view.switch.suppressionRules',
  blocks: 'view.switch.blocks',
} as const satisfies Record<ThreatActivityViewName, MessageKey>;

export interface ViewSwitchProps {
  views: readonly ThreatActivityViewName[];
  view: ThreatActivityViewName;
  onViewChange: (view: ThreatActivityViewName) => void;
  /** The open view's content; only the open one is rendered. */
  children: ReactNode;
}

/** The tabs above ThreatActivityView that swap the whole view (activities, actors, rules, blocks). */
export function ViewSwitch({ views, view, onViewChange, children }: ViewSwitchProps) {
  const { t } = useThreatDeck();
  return (
    <Tabs.Root value={view} onValueChange={(next) => onViewChange(next as ThreatActivityViewName)} activationMode="manual" className="td-view-views" data-slot="view-views">
      <Tabs.List aria-label={t('view.switch.label')} data-slot="view-switch" className="td-list-tabs td-view-switch">
        {views.map((v) => (
          <Tabs.Trigger key={v} value={v} data-slot="view-switch-tab" className="td-list-tab">
            {t(VIEW_LABELS[v])}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {views.map((v) => (
        <Tabs.Content key={v} value={v} tabIndex={-1} data-slot="view-panel" className="td-view-panel">
          {v === view ? children : null}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
