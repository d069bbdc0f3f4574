export { ThreatActivityList } from './ThreatActivityList';
export type { ThreatActivityListProps } from './ThreatActivityList';
export type { BulkActionContext } from './SelectionToolbar';
export { ACTIVITY_COLUMN_IDS } from './activityColumns';
export type { ActivityColumnId } from './activityColumns';
export { activityCsvColumns } from './activityCsvColumns';
