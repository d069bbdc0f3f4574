/**
 * The demo's attackers: distinct addresses drawn from the networks of the
 * topology, one per pool entry, in a seeded order (the same seed, the same pool).
 */
import { ACTOR_NETWORKS } from './demoTopology';
import type { SeededRandom } from './seededRandom';

/** Addresses an IPv4 network of the pool offers (.1 to .254). */
const V4_HOSTS = 254;

export function makeActorPool(random: SeededRandom, size: number) {
  const pool: Array<{ ip: string; country: string }> = [];
  const seen = new Set<string>();
  // IPv4 networks run out long before a large pool is full: a draw on a full one is still made
  // (the sequence, and so the dataset of a seed, stays the same) but builds no address to reject.
  const full = new Set<(typeof ACTOR_NETWORKS)[number]>();
  const used = new Map<(typeof ACTOR_NETWORKS)[number], number>();
  while (pool.length < size) {
    const net = random.pick(ACTOR_NETWORKS);
    if (full.has(net)) {
      random.next();
      continue;
    }
    const ip = net.v6 ? `${net.prefix}${random.int(0x10000).toString(16)}::${random.int(0x10000).toString(16)}` : `${net.prefix}${random.between(1, 254)}`;
    if (seen.has(ip)) {
      if (seen.size > 4000 * ACTOR_NETWORKS.length) break;
      continue;
    }
    seen.add(ip);
    pool.push({ ip, country: net.country });
    if (!net.v6) {
      const n = (used.get(net) ?? 0) + 1;
      used.set(net, n);
      if (n === V4_HOSTS) full.add(net);
    }
  }
  return pool;
}

