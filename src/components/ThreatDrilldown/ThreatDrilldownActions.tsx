import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ActionBar } from '../EventActions/ActionBar';

export type ThreatDrilldownActionsProps = HTMLAttributes<HTMLDivElement>;

/**
 * The header's actions (EventActions, BlockIpButton, CreateWorkItem, or your
 * own), above one status region for every action's outcome (see ActionBar).
 */
export const ThreatDrilldownActions = forwardRef<HTMLDivElement, ThreatDrilldownActionsProps>(function ThreatDrilldownActions(
  { className, children, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  return (
    <ActionBar
      ref={ref}
      data-slot="drilldown-actions"
      role="group"
      aria-label={t('drilldown.header.actions')}
      className={clsx('td-drilldown-actions', className)}
      {...rest}
    >
      {children}
    </ActionBar>
  );
});
