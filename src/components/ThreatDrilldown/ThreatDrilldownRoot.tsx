import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { forwardRef, useId, useMemo, useRef, useState, type ComponentPropsWithoutRef } from 'react';
import { DrilldownContext, isDrilldownTab, type DrilldownTab } from './drilldownContext';

export interface ThreatDrilldownRootProps
  extends Omit<ComponentPropsWithoutRef<typeof Tabs.Root>, 'value' | 'defaultValue' | 'onValueChange' | 'orientation'> {
  activityId: string;
  /** The active tab, when controlled (e.g. from the host's URL). */
  tab?: DrilldownTab;
  /** The tab shown first when uncontrolled; `overview` by default. */
  defaultTab?: DrilldownTab;
  onTabChange?: (tab: DrilldownTab) => void;
}

/** Holds the activity id and the active tab for every part inside it. */
export const ThreatDrilldownRoot = forwardRef<HTMLDivElement, ThreatDrilldownRootProps>(function ThreatDrilldownRoot(
  { activityId, tab, defaultTab = 'overview', onTabChange, className, children, ...rest },
  ref,
) {
  const idBase = useId();
  const ctx = useMemo(() => ({ activityId, idBase }), [activityId, idBase]);
  const [uncontrolled, setUncontrolled] = useState<DrilldownTab>(defaultTab);
  const active = tab ?? uncontrolled;
  // The last value reported, so two events before a re-render don't report twice.
  const reported = useRef(active);
  reported.current = active;
  return (
    <DrilldownContext.Provider value={ctx}>
      <Tabs.Root
        ref={ref}
        data-slot="drilldown"
        className={clsx('td-drilldown', className)}
        value={active}
        // Radix reports a change on pointer-down and again on focus: report each real change once.
        onValueChange={(value) => {
          if (!isDrilldownTab(value) || value === reported.current) return;
          reported.current = value;
          if (tab === undefined) setUncontrolled(value);
          onTabChange?.(value);
        }}
        {...rest}
      >
        {children}
      </Tabs.Root>
    </DrilldownContext.Provider>
  );
});
