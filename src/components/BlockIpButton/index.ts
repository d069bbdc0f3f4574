export { BlockIpButton } from './BlockIpButton';
export type { BlockIpButtonProps } from './BlockIpButton';
