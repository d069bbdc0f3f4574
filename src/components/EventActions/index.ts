export { EventActions } from './EventActions';
export type { EventActionsProps, StatusChange } from './EventActions';
export { IgnoreDialog } from './IgnoreDialog';
export type { IgnoreDialogProps } from './IgnoreDialog';
export { ActionButton } from './ActionButton';
export type { ActionButtonProps } from './ActionButton';
export { ActionBar, ActionMessage, useInActionBar } from './ActionBar';
export type { ActionBarProps } from './ActionBar';
export type { StatusReasonChoice } from './StatusReasonFields';
