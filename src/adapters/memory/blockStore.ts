/**
 * IP blocks of the memory adapter: their parsed ranges, which of several
 * blocks covering one address wins (the longest-lived), and the paged list
 * (active / expired, search).
 */
import ipaddr from 'ipaddr.js';
import type { Page } from '../../core/adapter';
import type { BlockState, IpBlock } from '../../core/model';
import { isExpired, pageNewestFirst, type CollectionPageParams, type StoredRecord } from './pageNewestFirst';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type AddressRange = [Address, number];

/** Parses an address or CIDR already checked by `analyzeBlockTarget`; `null` for anything else. */
export function parseAddressRange(target: string): AddressRange | null {
  const t = target.trim();
  try {
    if (t.includes('/')) return ipaddr.isValidCIDR(t) ? ipaddr.parseCIDR(t) : null;
    if (ipaddr.IPv4.isValidFourPartDecimal(t)) return [ipaddr.IPv4.parse(t), 32];
    if (ipaddr.IPv6.isValid(t)) return [ipaddr.IPv6.parse(t), 128];
  } catch {
    return null;
  }
  return null;
}

export function inRange(ip: Address | null, range: AddressRange): boolean {
  if (!ip) return false;
  let addr = ip;
  // An IPv4 actor seen through a dual-stack socket is still covered by an IPv4 block.
  if (addr.kind() === 'ipv6' && range[0].kind() === 'ipv4' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.kind() === range[0].kind() && addr.match(range);
}

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
  private readonly records = new Map<string, StoredRecord<IpBlock> & { range: AddressRange }>();
  private seq = 0;

  add(block: IpBlock, range: AddressRange): void {
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
  *active(now: number): Iterable<{ block: IpBlock; range: AddressRange }> {
    for (const r of this.records.values()) if (!isExpired(r.value, now)) yield { block: r.value, range: r.range };
  }

  list(params: CollectionPageParams, now: number): Page<IpBlock> {
    return pageNewestFirst('block', this.records.values(), params, now, (b) => ({ ...b }));
  }
}
