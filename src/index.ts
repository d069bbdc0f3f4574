// threatdeck — the package root. Everything public is exported from here.
export * from './core/model';
export * from './core/query';
export * from './core/errors';
export type * from './core/adapter';
export * from './hooks/index';
export { en as englishMessages } from './i18n/en';
export type { MessageKey, Messages } from './i18n/en';
export { formatMessage } from './i18n/formatMessage';
export type { MessageValues } from './i18n/formatMessage';
export * from './components/ThreatDrilldown/index';
export { safeHref } from './core/safeHref';
export { bodyView, prettyJson, decodeForm, hexPreview } from './core/bodyView';
export type { BodyView, BodyViewOptions } from './core/bodyView';
