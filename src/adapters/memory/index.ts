export { createMemoryAdapter } from './createMemoryAdapter';
export type { MemoryAdapter, MemoryAdapterOptions, MemoryAdapterMethod, MemoryLiveOptions, SimulateLiveOptions } from './createMemoryAdapter';
export type { FaultPlan, FaultSpec } from '../withFaults';
export { DEMO_WORK_ITEM_TARGETS } from './demoWorkItemTargets';
