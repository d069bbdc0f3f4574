export { SuppressionRules } from './SuppressionRules';
export type { SuppressionRulesProps } from './SuppressionRules';
