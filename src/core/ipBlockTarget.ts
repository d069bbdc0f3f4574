/**
 * What would a block on this IP or CIDR actually cover? Parsing is done by
 * ipaddr.js (never regexes on the address itself); this module only decides
 * which forms are accepted, normalises them and lists what makes the target
 * dangerous to block (private/special ranges, very wide prefixes, the host's
 * own addresses). Pure: no React, no DOM.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

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
export const MAX_BLOCK_TARGET_LENGTH = 64;

export type InvalidBlockTargetReason = 'empty' | 'too-long' | 'malformed' | 'zone-id' | 'ambiguous-ipv4' | 'prefix-out-of-range';

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

const STRICT_IPV4 = (s: string) => ipaddr.IPv4.isValidFourPartDecimal(s);

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
 * Parses an address or CIDR strictly: four-part decimal IPv4 only (no octal,
 * hex or short forms that a firewall might read differently), no zone ids,
 * IPv4-mapped IPv6 rewritten as IPv4. Returns the network range.
 */
function parseRange(text: string): { range: Range; isCidr: boolean; mapped: boolean } | InvalidBlockTargetReason {
  if (text.includes('%')) return 'zone-id';
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? null : text.slice(slash + 1);
  if (prefixText !== null && !/^\d{1,3}$/.test(prefixText)) return 'malformed';

  let address: Address;
  if (ipaddr.IPv4.isValid(addressText) && !addressText.includes(':')) {
    if (!STRICT_IPV4(addressText)) return 'ambiguous-ipv4';
    address = ipaddr.IPv4.parse(addressText);
  } else if (ipaddr.IPv6.isValid(addressText)) {
    // An embedded dotted quad must be plain decimal too, and it is read as the
    // two hex groups it spells: ipaddr.js would turn the IPv4-compatible
    // `::a.b.c.d` into the IPv4-mapped `::ffff:a.b.c.d`, a different address.
    const lastColon = addressText.lastIndexOf(':');
    const dotted = addressText.slice(lastColon + 1);
    let hexText = addressText;
    if (dotted.includes('.')) {
      if (!STRICT_IPV4(dotted)) return 'ambiguous-ipv4';
      const [a, b, c, d] = ipaddr.IPv4.parse(dotted).octets as [number, number, number, number];
      hexText = `${addressText.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
      if (!ipaddr.IPv6.isValid(hexText)) return 'malformed';
    }
    address = ipaddr.IPv6.parse(hexText);
  } else {
    return 'malformed';
  }

  const width = address.kind() === 'ipv4' ? 32 : 128;
  const prefix = prefixText === null ? width : Number(prefixText);
  if (prefix > width) return 'prefix-out-of-range';

  let mapped = false;
  let range: Range = [address, prefix];
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    range = [(address as ipaddr.IPv6).toIPv4Address(), prefix - 96];
    mapped = true;
  }
  return { range: [networkOf(range), range[1]], isCidr: prefixText !== null, mapped };
}

function networkOf([address, prefix]: Range): Address {
  const bytes = address.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] = (bytes[i] as number) & (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(bytes);
}

function formatAddress(address: Address): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
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
