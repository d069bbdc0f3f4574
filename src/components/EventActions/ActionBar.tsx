import { clsx } from 'clsx';
import { createContext, forwardRef, useContext, useState, type HTMLAttributes, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * `undefined`: not inside an ActionBar (messages render in place).
 * `null`: inside one whose status region is not mounted yet.
 */
const ActionStatusRegionContext = createContext<HTMLElement | null | undefined>(undefined);

export interface ActionBarProps extends HTMLAttributes<HTMLDivElement> {
  children?: ReactNode;
}

/**
 * A row of action buttons (EventActions, BlockIpButton, CreateWorkItem, …)
 * above ONE status region. The actions inside send their success and failure
 * messages there instead of rendering them among the buttons, so a message
 * never makes the buttons reflow onto more rows, and a screen reader hears
 * every outcome from the same live region.
 */
export const ActionBar = forwardRef<HTMLDivElement, ActionBarProps>(function ActionBar({ className, children, ...rest }, ref) {
  const [region, setRegion] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={ref} className={clsx('td-action-bar', className)} {...rest}>
      <div data-slot="action-bar-buttons" className="td-action-bar__buttons">
        <ActionStatusRegionContext.Provider value={region}>{children}</ActionStatusRegionContext.Provider>
      </div>
      <div ref={setRegion} role="status" aria-live="polite" data-slot="action-status" className="td-action-status" />
    </div>
  );
});

/** True inside an ActionBar: its region already is a live `status`, so messages need no role of their own. */
export function useInActionBar(): boolean {
  return useContext(ActionStatusRegionContext) !== undefined;
}

/**
 * An action's message: in the enclosing ActionBar's status region when there
 * is one (through a portal, so handlers and context still work), else in place.
 */
export function ActionMessage({ children }: { children: ReactNode }) {
  const region = useContext(ActionStatusRegionContext);
  if (region === undefined) return <>{children}</>;
  if (region === null || children === null || children === undefined || children === false) return null;
  return createPortal(children, region);
}
