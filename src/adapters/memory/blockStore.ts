/**
 * IP blocks of the memory adapter: their ranges (parsed by the core's
 * `ipRange`, as every adapter reads them), which of several
 * blocks covering one address wins (the longest-lived), and the paged list
 * (active / expired, search).
 */
import type { Page } from '../../core/adapter';
import type { IpRange } from '../../core/ipRange';
import type { BlockState, IpBlock } from '../../core/model';
import { isExpired, pageNewestFirst, type CollectionPageParams, type StoredRecord } from './pageNewestFirst';

/** True when `a` lasts longer than `b`: permanent beats any expiry, a later expiry beats an earlier one. */
export function outlives(a: { expiresAt: number | null }, b: { expiresAt: number | null }): boolean {
  if (a.expiresAt === null) return b.expiresAt !== null;
  return b.expiresAt !== null && a.expiresAt > b.expiresAt;
}

/** The block an actor should show: the candidate, unless the current one is still in force and lasts at least as long. */
export function preferBlock(current: BlockState | undefined, candidate: IpBlock, now: number): boolean {
  return !current || isExpired(current, now) || outlives(candidate, current);
}

export const blockStateOf = (b: IpBlock): BlockState => ({ blockId: b.blockId, target: b.target, expiresAt: b.expiresAt });

export class BlockStore {
  private readonly records = new Map<string, StoredRecord<IpBlock> & { range: IpRange }>();
  private seq = 0;

  add(block: IpBlock, range: IpRange): void {
    const searchText = `${block.target}\n${block.reason ?? ''}`.toLowerCase();
    this.records.set(block.blockId, { value: block, seq: ++this.seq, searchText, range });
  }

  get(id: string): IpBlock | undefined {
    return this.records.get(id)?.value;
  }

  delete(id: string): boolean {
    return this.records.delete(id);
  }

  /** Blocks in force at `now`, with their ranges. */
  *active(now: number): Iterable<{ block: IpBlock; range: IpRange }> {
    for (const r of this.records.values()) if (!isExpired(r.value, now)) yield { block: r.value, range: r.range };
  }

  list(params: CollectionPageParams, now: number): Page<IpBlock> {
    return pageNewestFirst('block', this.records.values(), params, now, (b) => ({ ...b }));
  }
}
