export { BlockList } from './BlockList';
export type { BlockListProps } from './BlockList';
