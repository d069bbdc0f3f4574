/**
 * IP addresses and CIDR ranges as the core reads them: ipaddr.js does the
 * parsing (never regexes on the address itself); this module decides which
 * forms are accepted — four-part decimal IPv4 only, no zone ids, IPv4-mapped
 * IPv6 read as the IPv4 address it stands for, IPv4-compatible `::a.b.c.d` as
 * the IPv6 address it spells. Block-target analysis and every adapter that
 * matches actors against blocks use it, so they agree on what an address is.
 * Pure: no React, no DOM.
 */
import ipaddr from 'ipaddr.js';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** A network address and its prefix length (32 / 128 for one address). */
export type IpRange = [Address, number];

export type InvalidIpReason = 'malformed' | 'zone-id' | 'ambiguous-ipv4' | 'prefix-out-of-range';

/** Longest text read as an address or range (a full IPv6 with an embedded IPv4 and a prefix is 49). */
export const MAX_IP_TEXT_LENGTH = 64;

const STRICT_IPV4 = (s: string) => ipaddr.IPv4.isValidFourPartDecimal(s);

/**
 * Parses an address or CIDR strictly: four-part decimal IPv4 only (no octal,
 * hex or short forms that a firewall might read differently), no zone ids,
 * IPv4-mapped IPv6 rewritten as IPv4. Returns the network range.
 */
export function parseRange(text: string): { range: IpRange; isCidr: boolean; mapped: boolean } | InvalidIpReason {
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
  let range: IpRange = [address, prefix];
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    range = [(address as ipaddr.IPv6).toIPv4Address(), prefix - 96];
    mapped = true;
  }
  return { range: [networkOf(range), range[1]], isCidr: prefixText !== null, mapped };
}

function networkOf([address, prefix]: IpRange): Address {
  const bytes = address.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] = (bytes[i] as number) & (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(bytes);
}

export function formatAddress(address: Address): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

/** An address or CIDR as the core reads it (trimmed), as its network range; `null` for anything else. */
export function parseIpRange(text: string): IpRange | null {
  const t = typeof text === 'string' ? text.trim() : '';
  if (t === '' || t.length > MAX_IP_TEXT_LENGTH) return null;
  const parsed = parseRange(t);
  return typeof parsed === 'string' ? null : parsed.range;
}

/** One address (not a range) as the core reads it; `null` for a CIDR or anything that is not an address. */
export function parseIpAddress(text: string): Address | null {
  const range = typeof text === 'string' && !text.includes('/') ? parseIpRange(text) : null;
  return range ? range[0] : null;
}

/** Whether `range` covers `address` (both as parsed here: an IPv4-mapped address is already IPv4). */
export function rangeContains(range: IpRange, address: Address | null): boolean {
  return !!address && address.kind() === range[0].kind() && address.match(range);
}
