import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { forwardRef, useId, useMemo, type ComponentPropsWithoutRef } from 'react';
import { useControllableState } from '../../hooks/useControllableState';
import { DrilldownContext, isDrilldownTab, type DrilldownTab } from './drilldownContext';

export interface ThreatDrilldownRootProps
  extends Omit<ComponentPropsWithoutRef<typeof Tabs.Root>, 'value' | 'defaultValue' | 'onValueChange' | 'orientation'> {
  activityId: string;
  /** The active tab, when controlled (e.g. from the host's URL). */
  tab?: DrilldownTab;
  /** The tab shown first when uncontrolled; `overview` by default. */
  defaultTab?: DrilldownTab;
  /** Called on every change of tab, controlled or not. */
  onTabChange?: (tab: DrilldownTab) => void;
}

/** Holds the activity id and the active tab for every part inside it. */
export const ThreatDrilldownRoot = forwardRef<HTMLDivElement, ThreatDrilldownRootProps>(function ThreatDrilldownRoot(
  { activityId, tab, defaultTab = 'overview', onTabChange, className, children, ...rest },
  ref,
) {
  const idBase = useId();
  const ctx = useMemo(() => ({ activityId, idBase }), [activityId, idBase]);
  // Radix reports a change on pointer-down and again on focus; the hook reports only real changes.
  const [active, setActive] = useControllableState<DrilldownTab>({
    value: tab,
    defaultValue: defaultTab,
    onValueChange: onTabChange,
    name: 'ThreatDrilldown.tab',
  });
  return (
    <DrilldownContext.Provider value={ctx}>
      <Tabs.Root
        ref={ref}
        data-slot="drilldown"
        className={clsx('td-drilldown', className)}
        value={active}
        onValueChange={(value) => {
          if (isDrilldownTab(value)) setActive(value);
        }}
        {...rest}
      >
        {children}
      </Tabs.Root>
    </DrilldownContext.Provider>
  );
});
