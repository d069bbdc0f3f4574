import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { DRILLDOWN_TABS } from './drilldownContext';

export type ThreatDrilldownTabsProps = ComponentPropsWithoutRef<typeof Tabs.List>;

/** The tab list: arrow keys move between tabs (Radix roving focus). */
export const ThreatDrilldownTabs = forwardRef<HTMLDivElement, ThreatDrilldownTabsProps>(function ThreatDrilldownTabs(
  { className, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  return (
    <Tabs.List ref={ref} data-slot="drilldown-tabs" aria-label={t('drilldown.tabs.label')} className={clsx('td-drilldown-tabs', className)} {...rest}>
      {DRILLDOWN_TABS.map((tab) => (
        <Tabs.Trigger key={tab} value={tab} data-slot="drilldown-tab" data-tab={tab} className="td-drilldown-tab">
          {t(`drilldown.tab.${tab}`)}
        </Tabs.Trigger>
      ))}
    </Tabs.List>
  );
});
