export { generateDemoDataset, DEMO_DEFAULT_NOW } from './generateDemoDataset';
export type { GenerateDemoDatasetOptions, DemoDataset, PendingActivities, AttemptSeries, ActivityDescription } from './generateDemoDataset';
export { createSeededRandom, hashSeed } from './seededRandom';
export type { SeededRandom } from './seededRandom';
