/**
 * The demo's attackers: distinct addresses drawn from the networks of the
 * topology, one per pool entry, the same for the same seed.
 *
 * Entry j is computed from j alone, on first use: a progressive dataset's
 * first page meets a few hundred of the pool's entries, and building all
 * of them up front (16,667 at 100k activities) was most of its first chunk.
 */
import { ACTOR_NETWORKS } from './demoTopology';
import type { SeededRandom } from './seededRandom';

/** Addresses an IPv4 network of the pool offers (.1 to .254). */
const V4_HOSTS = 254;

export interface ActorPool {
  readonly length: number;
  at(j: number): { ip: string; country: string };
}

export function makeActorPool(random: SeededRandom, size: number): ActorPool {
  const networks = ACTOR_NETWORKS;
  const v6 = networks.filter((n) => n.v6);
  // Host k of an IPv4 network is 1 + (a·k + b) mod 254: a permutation of the hosts when a is
  // coprime to 254 (= 2 · 127), so no two entries of a network share an address.
  const hostSteps = networks.map(() => {
    let a = 1 + 2 * random.int(V4_HOSTS / 2);
    if (a % 127 === 0) a += 2;
    return { a, b: random.int(V4_HOSTS) };
  });
  const mix = Math.floor(random.next() * 0x1_0000_0000) >>> 0;
  const entries: Array<{ ip: string; country: string } | undefined> = new Array(size);

  const build = (j: number) => {
    const net = networks[j % networks.length]!;
    const k = Math.floor(j / networks.length);
    if (!net.v6 && k < V4_HOSTS) {
      const { a, b } = hostSteps[j % networks.length]!;
      return { ip: `${net.prefix}${1 + ((a * k + b) % V4_HOSTS)}`, country: net.country };
    }
    // IPv6 (its own slots, and the IPv4 slots past a network's last host): the 32 bits are a bijection of j
    // (an odd multiplier mod 2³², then a xor), so two entries never share an address.
    const six = net.v6 ? net : v6[j % v6.length]!;
    const x = (Math.imul(j, 0x9e3779b1) ^ mix) >>> 0;
    return { ip: `${six.prefix}${(x >>> 16).toString(16)}::${(x & 0xffff).toString(16)}`, country: six.country };
  };

  return {
    length: size,
    at: (j) => (entries[j] ??= build(j)),
  };
}
