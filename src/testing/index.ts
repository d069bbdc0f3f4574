// threatdeck/testing — helpers for host teams' tests (ships no test framework).
export { runAdapterContract } from './runAdapterContract';
export type { AdapterContractOptions } from './runAdapterContract';
export { createTestAdapter } from './createTestAdapter';
export type { TestAdapterInput } from './createTestAdapter';
export { withFaults } from '../adapters/withFaults';
export type { FaultOptions, FaultPlan, FaultSpec, AdapterMethod } from '../adapters/withFaults';
