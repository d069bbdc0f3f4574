/**
 * What would a block on this IP or CIDR actually cover? Parsing is done by
 * ipaddr.js (never regexes on the address itself); this module only decides
 * which forms are accepted, normalises them and lists what makes the target
 * dangerous to block (private/special ranges, very wide prefixes, the host's
 * own addresses). Pure: no React, no DOM.
 */
import ipaddr from 'ipaddr.js';
import { formatAddress, MAX_IP_TEXT_LENGTH, parseRange, type InvalidIpReason, type IpRange as Range } from './ipRange';

export type BlockTargetKind = 'ipv4' | 'ipv6' | 'cidr4' | 'cidr6';

export const BLOCK_TARGET_WARNINGS = [
  'unspecified',
  'broadcast',
  'loopback',
  'private',
  'link-local',
  'multicast',
  'reserved',
  'translation',
  'wide-prefix',
  'own-address',
  /** Informational: the CIDR had host bits set and was rounded down to its network. */
  'host-bits',
  /** Informational: an IPv4-mapped IPv6 form was rewritten as IPv4. */
  'ipv4-mapped',
] as const;
export type BlockTargetWarning = (typeof BLOCK_TARGET_WARNINGS)[number];

/** Warnings that only explain a normalisation; every other warning is dangerous. */
const INFORMATIONAL_WARNINGS = ['host-bits', 'ipv4-mapped'] as const;
export type InformationalBlockWarning = (typeof INFORMATIONAL_WARNINGS)[number];
export type DangerousBlockWarning = Exclude<BlockTargetWarning, InformationalBlockWarning>;

export function isDangerousBlockWarning(warning: BlockTargetWarning): warning is DangerousBlockWarning {
  return !(INFORMATIONAL_WARNINGS as readonly string[]).includes(warning);
}

/** Warnings that make a block need a second, explicit confirmation. */
export const DANGEROUS_BLOCK_WARNINGS: ReadonlySet<BlockTargetWarning> = new Set(BLOCK_TARGET_WARNINGS.filter(isDangerousBlockWarning));

/** Prefixes shorter than these are "very wide". */
export const WIDE_PREFIX = { ipv4: 16, ipv6: 48 } as const;

/** Longest text accepted (a full IPv6 with an embedded IPv4 and a prefix is 49). */
export const MAX_BLOCK_TARGET_LENGTH = MAX_IP_TEXT_LENGTH;

export type InvalidBlockTargetReason = 'empty' | 'too-long' | InvalidIpReason;

export type BlockTargetAnalysis =
  | {
      valid: true;
      /** Canonical text to send to the adapter (network address for CIDRs, RFC 5952 for IPv6). */
      normalized: string;
      kind: BlockTargetKind;
      /** 32 / 128 for single addresses. */
      prefixLength: number;
      /** Addresses covered (bigint: an IPv6 /0 has 2^128). */
      addressCount: bigint;
      warnings: BlockTargetWarning[];
      /** True when any warning is in DANGEROUS_BLOCK_WARNINGS. */
      dangerous: boolean;
    }
  | { valid: false; reason: InvalidBlockTargetReason };

export interface AnalyzeBlockTargetOptions {
  /** Addresses or ranges the host must not lock itself out of (NAT egress, analyst IP). Invalid entries are ignored. */
  ownAddresses?: readonly string[];
}

const V4_WARNING: Record<string, BlockTargetWarning | undefined> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'private',
  private: 'private',
  reserved: 'reserved',
  as112: 'reserved',
  amt: 'reserved',
};

const V6_WARNING: Record<string, BlockTargetWarning | undefined> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
  discard: 'reserved',
  rfc6145: 'translation',
  rfc6052: 'translation',
  '6to4': 'translation',
  teredo: 'translation',
  benchmarking: 'reserved',
  amt: 'reserved',
  as112v6: 'reserved',
  deprecatedOrchid: 'reserved',
  orchid2: 'reserved',
  droneRemoteIdProtocolEntityTags: 'reserved',
  segmentRouting: 'reserved',
  reserved: 'reserved',
};

/** ipaddr.js keeps its special-range table on the prototypes; the typings omit it. */
function specialRanges(kind: 'ipv4' | 'ipv6'): Array<[string, Range]> {
  const proto = (kind === 'ipv4' ? ipaddr.IPv4.prototype : ipaddr.IPv6.prototype) as unknown as {
    SpecialRanges: Record<string, Range | Range[]>;
  };
  const out: Array<[string, Range]> = [];
  for (const [name, value] of Object.entries(proto.SpecialRanges)) {
    const list = Array.isArray(value[0]) ? (value as Range[]) : [value as Range];
    for (const range of list) out.push([name, range]);
  }
  return out;
}

let rangeTables: { ipv4: Array<[string, Range]>; ipv6: Array<[string, Range]> } | null = null;
function tables() {
  rangeTables ??= { ipv4: specialRanges('ipv4'), ipv6: specialRanges('ipv6') };
  return rangeTables;
}

/**
 * Two ranges overlap iff they agree on the shorter prefix. An IPv4 range is
 * compared with an IPv6 one through its IPv4-mapped form (`::ffff:a.b.c.d`).
 */
function overlaps(a: Range, b: Range): boolean {
  if (a[0].kind() !== b[0].kind()) {
    const toV6 = (r: Range): Range => (r[0].kind() === 'ipv4' ? [(r[0] as ipaddr.IPv4).toIPv4MappedAddress(), r[1] + 96] : r);
    a = toV6(a);
    b = toV6(b);
  }
  const bits = Math.min(a[1], b[1]);
  return bits === 0 || (a[0] as ipaddr.IPv4).match(b[0] as ipaddr.IPv4, bits);
}

/**
 * IPv6 /96 ranges whose last 32 bits are an IPv4 address that traffic in them
 * stands for: IPv4-mapped (the same hosts as IPv4 on a dual-stack socket) and
 * the NAT64 well-known prefix (RFC 6052). Other IPv4-embedding ranges (6to4
 * 2002::/16, Teredo, local-use NAT64 64:ff9b:1::/48, RFC 6145) put the IPv4 at
 * operator- or protocol-specific offsets; they are already dangerous as a
 * whole through the `translation` warning, so they are not unpacked.
 */
let embeddingRanges: Range[] | null = null;
const IPV4_EMBEDDING_RANGES = () => (embeddingRanges ??= [ipaddr.parseCIDR('::ffff:0:0/96'), ipaddr.parseCIDR('64:ff9b::/96')] as Range[]);

let compatibleRanges: [Range, Range] | null = null;
/** ::/96 (IPv4-compatible, deprecated) and ::/127 (the unspecified and loopback addresses inside it). */
const IPV4_COMPATIBLE = () => (compatibleRanges ??= [ipaddr.parseCIDR('::/96'), ipaddr.parseCIDR('::/127')] as [Range, Range]);

/**
 * The IPv4 range an IPv6 range covers inside a /96 embedding range, or null
 * when they do not overlap. A range of /96 or wider that overlaps contains the
 * whole /96, so it covers 0.0.0.0/0.
 */
function embeddedIPv4(range: Range, base: Range): Range | null {
  if (!overlaps(range, base)) return null;
  if (range[1] <= 96) return [ipaddr.IPv4.parse('0.0.0.0'), 0];
  return [ipaddr.fromByteArray(range[0].toByteArray().slice(12)), range[1] - 96];
}

/**
 * The canonical text of one IP address (not a range): trimmed, IPv4-mapped
 * IPv6 as IPv4, other IPv6 in RFC 5952 form — the `normalized` that
 * `analyzeBlockTarget` gives the same address. `null` for anything that is
 * not exactly one address (CIDRs, even /32 and /128, included).
 */
export function canonicalIpAddress(input: string): string | null {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '' || text.length > MAX_BLOCK_TARGET_LENGTH || text.includes('/')) return null;
  const parsed = parseRange(text);
  return typeof parsed === 'string' ? null : formatAddress(parsed.range[0]);
}

export function analyzeBlockTarget(input: string, options: AnalyzeBlockTargetOptions = {}): BlockTargetAnalysis {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { valid: false, reason: 'empty' };
  if (text.length > MAX_BLOCK_TARGET_LENGTH) return { valid: false, reason: 'too-long' };

  const parsed = parseRange(text);
  if (typeof parsed === 'string') return { valid: false, reason: parsed };
  const { range, isCidr, mapped } = parsed;
  const [network, prefix] = range;
  const family = network.kind();
  const width = family === 'ipv4' ? 32 : 128;
  const single = prefix === width;

  const warnings = new Set<BlockTargetWarning>();
  if (mapped) warnings.add('ipv4-mapped');
  if (isCidr && !single) {
    const original = parseRange(text.slice(0, text.indexOf('/')));
    if (typeof original !== 'string' && original.range[0].toString() !== network.toString()) warnings.add('host-bits');
  }

  const names = family === 'ipv4' ? V4_WARNING : V6_WARNING;
  for (const [name, special] of tables()[family]) {
    const warning = names[name];
    if (warning && overlaps(range, special)) warnings.add(warning);
  }
  if (prefix < WIDE_PREFIX[family]) warnings.add('wide-prefix');
  // IPv4-compatible ::/96 (deprecated by RFC 4291) is reserved, apart from :: and ::1 themselves.
  if (family === 'ipv6' && overlaps(range, IPV4_COMPATIBLE()[0]) && !(prefix >= 127 && overlaps(range, IPV4_COMPATIBLE()[1]))) {
    warnings.add('reserved');
  }
  // An IPv6 range that embeds IPv4 also covers what that IPv4 range covers.
  if (family === 'ipv6') {
    for (const base of IPV4_EMBEDDING_RANGES()) {
      const v4 = embeddedIPv4(range, base);
      if (!v4) continue;
      for (const [name, special] of tables().ipv4) {
        const warning = V4_WARNING[name];
        if (warning && overlaps(v4, special)) warnings.add(warning);
      }
      if (v4[1] < WIDE_PREFIX.ipv4) warnings.add('wide-prefix');
    }
  }

  for (const own of options.ownAddresses ?? []) {
    const ownParsed = typeof own === 'string' && own.length <= MAX_BLOCK_TARGET_LENGTH ? parseRange(own.trim()) : 'malformed';
    if (typeof ownParsed !== 'string' && overlaps(range, ownParsed.range)) {
      warnings.add('own-address');
      break;
    }
  }

  const ordered = BLOCK_TARGET_WARNINGS.filter((w) => warnings.has(w));
  return {
    valid: true,
    normalized: single ? formatAddress(network) : `${formatAddress(network)}/${prefix}`,
    kind: family === 'ipv4' ? (single ? 'ipv4' : 'cidr4') : single ? 'ipv6' : 'cidr6',
    prefixLength: prefix,
    addressCount: 1n << BigInt(width - prefix),
    warnings: ordered,
    dangerous: ordered.some((w) => DANGEROUS_BLOCK_WARNINGS.has(w)),
  };
}
