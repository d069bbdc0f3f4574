/**
 * The adapter contract as an executable, runner-agnostic suite: a host team
 * passes its adapter factory and its runner's `test`/`it`, and every case is
 * registered with it. Ships no test framework; failures throw plain Errors.
 *
 *   runAdapterContract({ name: 'my backend', createAdapter: () => myAdapter, test: it });
 *
 * Each case gets a fresh adapter from `createAdapter` (write cases mutate it).
 * The adapter must hold some activities in the `active` status. Cases for an
 * optional capability (idempotent writes, rule preview, block list, …) pass
 * without checking anything when the adapter does not advertise it.
 */
import type { ThreatDeckAdapter } from '../core/adapter';
import { caseAssignmentContractCases } from './contract/caseAssignmentCases';
import { caseNoteContractCases } from './contract/caseNoteCases';
import { check, createContractContext } from './contract/contractKit';
import { readContractCases } from './contract/readCases';
import { trustedWriteContractCases } from './contract/trustedWriteCases';
import { writeContractCases } from './contract/writeCases';
import { pivotContractCases } from './pivotContract';


export interface AdapterContractOptions {
  /** Prefix of every case title. */
  name: string;
  createAdapter: () => ThreatDeckAdapter | Promise<ThreatDeckAdapter>;
  /** The runner's registration function (vitest/jest `it`, node:test `test`, …). */
  test: (title: string, fn: () => Promise<void>) => void;
  /** Page size used when walking lists. Default 25. */
  pageSize?: number;
  /** Stop walking a list after this many items (large backends). Default 3000. */
  maxItems?: number;
}

export function runAdapterContract(options: AdapterContractOptions): void {
  const { name, createAdapter, test } = options;
  const ctx = createContractContext(options.pageSize ?? 25, options.maxItems ?? 3000);
  const it = (title: string, fn: (adapter: ThreatDeckAdapter) => Promise<void>) =>
    test(`${name}: ${title}`, async () => fn(await createAdapter()));

  readContractCases(it, ctx);
  pivotContractCases(it, check, ctx.walk, ctx.maxItems);
  writeContractCases(it, ctx);
  trustedWriteContractCases(it, ctx);
  caseAssignmentContractCases(it, ctx);
  caseNoteContractCases(it, ctx);
}
