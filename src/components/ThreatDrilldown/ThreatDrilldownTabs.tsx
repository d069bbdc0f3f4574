import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useCapabilities } from '../../hooks/useCapabilities';
import { DRILLDOWN_TABS } from './drilldownContext';
import { ThreatDrilldownTab } from './ThreatDrilldownTab';

export type ThreatDrilldownTabsProps = ComponentPropsWithoutRef<typeof Tabs.List>;

/**
 * The tab list: arrow keys move between tabs (Radix roving focus). Without
 * children it holds a trigger for each of the four panels; with children
 * (`ThreatDrilldown.Tab`) exactly the triggers given, for the panels a host composes.
 */
export const ThreatDrilldownTabs = forwardRef<HTMLDivElement, ThreatDrilldownTabsProps>(function ThreatDrilldownTabs(
  { className, children, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  const capabilities = useCapabilities();
  // History needs the backend's case handling.
  const tabs = DRILLDOWN_TABS.filter((tab) => tab !== 'history' || capabilities.cases);
  return (
    <Tabs.List ref={ref} data-slot="drilldown-tabs" aria-label={t('drilldown.tabs.label')} className={clsx('td-drilldown-tabs', className)} {...rest}>
      {children ?? tabs.map((tab) => <ThreatDrilldownTab key={tab} tab={tab} />)}
    </Tabs.List>
  );
});
