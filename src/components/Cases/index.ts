export { AssigneeControl } from './AssigneeControl';
export type { AssigneeControlProps } from './AssigneeControl';
export { NoteComposer } from './NoteComposer';
export type { NoteComposerProps } from './NoteComposer';
export { HistoryList } from './HistoryList';
export type { HistoryListProps } from './HistoryList';
