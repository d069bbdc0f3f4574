// threatdeck — the package root. Everything public is exported from here.
export * from './core/model';
export * from './core/query';
export * from './core/errors';
export type * from './core/adapter';
