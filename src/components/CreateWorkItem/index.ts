export { CreateWorkItem } from './CreateWorkItem';
export type { CreateWorkItemProps } from './CreateWorkItem';
export { WorkItemFieldControl } from './WorkItemFieldControl';
export type { WorkItemFieldControlProps } from './WorkItemFieldControl';
