// threatdeck/server — server-side (Node) backends. Never imported by the browser entry (src/index.ts).
export { createPostgresAdapter } from './postgres/createPostgresAdapter';
export type { PostgresAdapter, PostgresAdapterOptions } from './postgres/createPostgresAdapter';
export { runMigrations, MIGRATIONS } from './postgres/migrations';
export type { Migration } from './postgres/migrations';
export { loadDemoDataset } from './postgres/loadDemoDataset';
export type { LoadDemoDatasetOptions, LoadDemoDatasetResult } from './postgres/loadDemoDataset';
