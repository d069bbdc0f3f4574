import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { DrilldownTab } from './drilldownContext';

export interface ThreatDrilldownTabProps extends Omit<ComponentPropsWithoutRef<typeof Tabs.Trigger>, 'value'> {
  /** The panel this trigger shows. */
  tab: DrilldownTab;
}

/** One tab trigger, labelled from the catalog unless given children. Goes inside `ThreatDrilldown.Tabs`. */
export const ThreatDrilldownTab = forwardRef<HTMLButtonElement, ThreatDrilldownTabProps>(function ThreatDrilldownTab(
  { tab, className, children, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  return (
    <Tabs.Trigger ref={ref} value={tab} data-slot="drilldown-tab" data-tab={tab} className={clsx('td-drilldown-tab', className)} {...rest}>
      {children ?? t(`drilldown.tab.${tab}`)}
    </Tabs.Trigger>
  );
});
