import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { DrilldownTab } from './drilldownContext';

export type DrilldownPanelProps = Omit<ComponentPropsWithoutRef<typeof Tabs.Content>, 'value'>;

/** One tab panel; the content mounts only while its tab is active. */
export const DrilldownPanel = forwardRef<HTMLDivElement, DrilldownPanelProps & { tab: DrilldownTab }>(function DrilldownPanel(
  { tab, className, ...rest },
  ref,
) {
  return <Tabs.Content ref={ref} value={tab} data-slot={`drilldown-${tab}`} className={clsx('td-drilldown-panel', className)} {...rest} />;
});
