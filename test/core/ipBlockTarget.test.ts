import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { analyzeBlockTarget, canonicalIpAddress, DANGEROUS_BLOCK_WARNINGS, MAX_BLOCK_TARGET_LENGTH, type BlockTargetAnalysis } from '../../src/core/ipBlockTarget';

function valid(input: string, ownAddresses?: string[]) {
  const result = analyzeBlockTarget(input, ownAddresses ? { ownAddresses } : {});
  if (!result.valid) throw new Error(`expected ${input} to be valid, got ${result.reason}`);
  return result;
}

describe('analyzeBlockTarget: accepted forms', () => {
  it('accepts a public IPv4 address with no warnings', () => {
    expect(valid('185.220.101.4')).toEqual({
      valid: true,
      normalized: '185.220.101.4',
      kind: 'ipv4',
      prefixLength: 32,
      addressCount: 1n,
      warnings: [],
      dangerous: false,
    });
  });

  it('trims surrounding whitespace', () => {
    expect(valid('  185.220.101.4\n').normalized).toBe('185.220.101.4');
  });

  it('normalises IPv6 to RFC 5952 (lower case, compressed)', () => {
    const r = valid('2A00:1450:4001:0000:0:0:0:0001');
    expect(r.normalized).toBe('2a00:1450:4001::1');
    expect(r.kind).toBe('ipv6');
    expect(r.addressCount).toBe(1n);
  });

  it('widens to a CIDR, rounding host bits down to the network and saying so', () => {
    const r = valid('185.220.101.4/24');
    expect(r.normalized).toBe('185.220.101.0/24');
    expect(r.kind).toBe('cidr4');
    expect(r.addressCount).toBe(256n);
    expect(r.warnings).toEqual(['host-bits']);
    expect(r.dangerous).toBe(false);
  });

  it('does not flag host bits when the CIDR is already a network', () => {
    expect(valid('185.220.101.0/24').warnings).toEqual([]);
  });

  it('treats /32 and /128 as single addresses', () => {
    expect(valid('185.220.101.4/32')).toMatchObject({ normalized: '185.220.101.4', kind: 'ipv4' });
    expect(valid('2a00:1450:4001::1/128')).toMatchObject({ normalized: '2a00:1450:4001::1', kind: 'ipv6' });
  });

  it('counts IPv6 ranges exactly as bigint', () => {
    const r = valid('2a00:1450:4001::/48');
    expect(r.kind).toBe('cidr6');
    expect(r.addressCount).toBe(2n ** 80n);
    expect(r.warnings).toEqual([]);
  });

  it('rewrites IPv4-mapped IPv6 as IPv4 (address and range)', () => {
    expect(valid('::ffff:185.220.101.4')).toMatchObject({ normalized: '185.220.101.4', kind: 'ipv4', warnings: ['ipv4-mapped'] });
    expect(valid('::ffff:b9dc:6504')).toMatchObject({ normalized: '185.220.101.4', kind: 'ipv4' });
    const range = valid('::ffff:185.220.101.0/120');
    expect(range).toMatchObject({ normalized: '185.220.101.0/24', kind: 'cidr4', prefixLength: 24, addressCount: 256n });
  });

  it('sees through IPv4-mapped IPv6 to the IPv4 range it hides', () => {
    const r = valid('::ffff:10.1.2.3');
    expect(r.normalized).toBe('10.1.2.3');
    expect(r.warnings).toContain('private');
    expect(r.dangerous).toBe(true);
  });
});

describe('analyzeBlockTarget: dangerous targets', () => {
  it.each([
    ['10.0.0.5', 'private'],
    ['172.16.9.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.10.10', 'link-local'],
    ['fe80::1', 'link-local'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2002:c000:204::1', 'translation'],
  ])('%s is %s', (input, warning) => {
    const r = valid(input);
    expect(r.warnings).toContain(warning);
    expect(r.dangerous).toBe(true);
  });

  it('flags prefixes wider than /16 (IPv4) and /48 (IPv6), and not the thresholds themselves', () => {
    expect(valid('185.220.0.0/15').warnings).toContain('wide-prefix');
    expect(valid('185.220.0.0/16').warnings).not.toContain('wide-prefix');
    expect(valid('2a00:1450::/47').warnings).toContain('wide-prefix');
    expect(valid('2a00:1450:4001::/48').warnings).not.toContain('wide-prefix');
  });

  it('flags a range that merely overlaps a special range, not only one whose network is special', () => {
    // 192.0.0.0/16 starts at a reserved /24; 198.0.0.0/8 contains the 198.18/15 benchmarking range.
    expect(valid('192.0.0.0/16').warnings).toContain('reserved');
    expect(valid('198.0.0.0/8').warnings).toEqual(expect.arrayContaining(['reserved', 'wide-prefix']));
  });

  it('flags everything for /0', () => {
    const v4 = valid('0.0.0.0/0');
    expect(v4.addressCount).toBe(2n ** 32n);
    expect(v4.warnings).toEqual(expect.arrayContaining(['private', 'loopback', 'wide-prefix', 'unspecified']));
    const v6 = valid('::/0');
    expect(v6.addressCount).toBe(2n ** 128n);
    expect(v6.warnings).toEqual(expect.arrayContaining(['private', 'loopback', 'wide-prefix', 'link-local']));
  });

  it("flags the host's own addresses (exact, inside a range, or own range overlapping)", () => {
    expect(valid('198.51.100.7', ['198.51.100.7']).warnings).toContain('own-address');
    expect(valid('185.220.101.0/24', ['185.220.101.77']).warnings).toContain('own-address');
    expect(valid('185.220.101.77', ['185.220.0.0/16']).warnings).toContain('own-address');
    expect(valid('185.220.101.77', ['185.220.101.78']).warnings).not.toContain('own-address');
    expect(valid('2a00:1450:4001::/48', ['2a00:1450:4001:7::9']).warnings).toContain('own-address');
  });

  it('matches own addresses across IPv4 and IPv4-mapped IPv6 forms', () => {
    expect(valid('185.220.101.4', ['::ffff:185.220.101.4']).warnings).toContain('own-address');
    expect(valid('::/0', ['185.220.101.4']).warnings).toContain('own-address');
  });

  it('ignores invalid own addresses instead of failing', () => {
    const r = valid('185.220.101.4', ['not an ip', '', 'x'.repeat(10_000), '999.1.1.1', '185.220.101.4%eth0']);
    expect(r.warnings).toEqual([]);
  });

  it('keeps the warning order stable and dangerous consistent with the warnings', () => {
    const r = valid('10.0.0.0/7', ['10.1.1.1']);
    expect(r.warnings).toEqual(['private', 'wide-prefix', 'own-address']);
    expect(r.dangerous).toBe(true);
  });
});

describe('analyzeBlockTarget: rejected and hostile input', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(MAX_BLOCK_TARGET_LENGTH + 1), 'too-long'],
    ['1.2.3.4'.padEnd(10_000, ' ') + 'x', 'too-long'],
    ['fe80::1%eth0', 'zone-id'],
    ['fe80::1%25eth0/64', 'zone-id'],
    ['127.1', 'ambiguous-ipv4'],
    ['2130706433', 'ambiguous-ipv4'],
    ['0x7f.0.0.1', 'ambiguous-ipv4'],
    ['010.0.0.1', 'ambiguous-ipv4'],
    ['::ffff:010.0.0.1', 'ambiguous-ipv4'],
    ['1.2.3.4/33', 'prefix-out-of-range'],
    ['::1/129', 'prefix-out-of-range'],
    ['1.2.3.4/', 'malformed'],
    ['1.2.3.4/-1', 'malformed'],
    ['1.2.3.4/ 24', 'malformed'],
    ['1.2.3.4/24/8', 'malformed'],
    ['1.2.3.4/0x18', 'malformed'],
    ['1.2.3.4/1e1', 'malformed'],
    ['256.1.1.1', 'malformed'],
    ['1.2.3.4.5', 'malformed'],
    ['1.2.3', 'ambiguous-ipv4'],
    ['[::1]', 'malformed'],
    ['1.2.3.4; rm -rf /', 'malformed'],
    ['1.2.3.4\n5.6.7.8', 'malformed'],
    ['1.2.3.4\u0000', 'malformed'],
    ['１.２.３.４', 'malformed'],
    ['<script>alert(1)</script>', 'malformed'],
    ['example.com', 'malformed'],
    ['::ffff:1.2.3.4:5', 'malformed'],
    ['1:2:3:4:5:6:7:8:9', 'malformed'],
  ])('%j is rejected as %s', (input, reason) => {
    expect(analyzeBlockTarget(input)).toEqual({ valid: false, reason });
  });

  it('never throws and never accepts a non-string', () => {
    expect(analyzeBlockTarget(undefined as unknown as string)).toEqual({ valid: false, reason: 'empty' });
    expect(analyzeBlockTarget(42 as unknown as string)).toEqual({ valid: false, reason: 'empty' });
  });

  it('never throws on arbitrary strings, and what it accepts re-parses to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[0-9a-fA-F:./%x ]{0,50}$/)), (input) => {
        const r: BlockTargetAnalysis = analyzeBlockTarget(input);
        if (r.valid) {
          const again = analyzeBlockTarget(r.normalized);
          expect(again.valid && again.normalized).toBe(r.normalized);
          expect(ipaddr.isValid(r.normalized) || ipaddr.isValidCIDR(r.normalized)).toBe(true);
          expect(r.dangerous).toBe(r.warnings.some((w) => DANGEROUS_BLOCK_WARNINGS.has(w)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with ipaddr.js on the size of random IPv4 ranges', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        const r = analyzeBlockTarget(`${ip}/${prefix}`);
        expect(r.valid).toBe(true);
        if (!r.valid) return;
        expect(r.addressCount).toBe(2n ** BigInt(32 - prefix));
        const network = ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString();
        expect(r.normalized).toBe(prefix === 32 ? network : `${network}/${prefix}`);
        expect(r.warnings.includes('wide-prefix')).toBe(prefix < 16);
      }),
      { numRuns: 300 },
    );
  });
});

describe('canonicalIpAddress', () => {
  it('gives the normalized text analyzeBlockTarget gives a single address, and null for anything else', () => {
    expect(canonicalIpAddress(' ::FFFF:41.216.188.171 ')).toBe('41.216.188.171');
    expect(canonicalIpAddress('2A00:1450:4001:0:0:0:0:1')).toBe('2a00:1450:4001::1');
    for (const notOne of ['41.216.188.0/24', '41.216.188.171/32', '::1/128', '', 'x', '010.0.0.1', 'fe80::1%eth0', 7 as unknown as string]) {
      expect(canonicalIpAddress(notOne)).toBeNull();
    }
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.stringMatching(/^[0-9a-fA-F:. ]{0,40}$/)), (input) => {
        const r = analyzeBlockTarget(input);
        const single = r.valid && (r.kind === 'ipv4' || r.kind === 'ipv6') && !input.includes('/');
        expect(canonicalIpAddress(input)).toBe(single ? r.normalized : null);
      }),
      { numRuns: 300 },
    );
  });
});

describe('analyzeBlockTarget: IPv6 ranges that embed IPv4', () => {
  const V4_ALL = ['unspecified', 'broadcast', 'loopback', 'private', 'link-local', 'multicast', 'reserved', 'wide-prefix'] as const;

  it('a range containing all of ::ffff:0:0/96 carries the warnings of 0.0.0.0/0', () => {
    const r = valid('::ffff:127.0.0.1/95');
    expect(r.normalized).toBe('::fffe:0:0/95');
    expect(r.warnings).toEqual(expect.arrayContaining([...V4_ALL]));
    expect(r.dangerous).toBe(true);
    for (const wider of ['::/64', '::/80', '::fffe:0:0/94', '::/0']) expect(valid(wider).warnings).toEqual(expect.arrayContaining([...V4_ALL]));
    // The /96 itself is 0.0.0.0/0.
    expect(valid('::ffff:0:0/96')).toMatchObject({ normalized: '0.0.0.0/0', dangerous: true });
  });

  it('a range next to the mapped space, not overlapping it, gets no IPv4 warnings', () => {
    expect(valid('::fffe:0:0/96').warnings).not.toContain('loopback');
  });

  it('NAT64 (64:ff9b::/96) carries translation plus the warnings of the IPv4 it embeds', () => {
    expect(valid('64:ff9b::8.8.8.8')).toMatchObject({ normalized: '64:ff9b::808:808', warnings: ['translation'], dangerous: true });
    expect(valid('64:ff9b::127.0.0.1').warnings).toEqual(['loopback', 'translation']);
    expect(valid('64:ff9b::10.0.0.0/104').warnings).toEqual(['private', 'translation', 'wide-prefix']);
    expect(valid('64:ff9b::/96').warnings).toEqual(expect.arrayContaining([...V4_ALL, 'translation']));
    expect(valid('64:ff9b::/95').warnings).toEqual(expect.arrayContaining([...V4_ALL, 'translation']));
  });

  it('6to4 and Teredo ranges, and ranges containing them, are dangerous (translation)', () => {
    for (const t of ['2002::/16', '2002:7f00:1::/48', '2002:7f00:1::1', '2002::/15', '2001::/32', '2001::/31']) {
      const r = valid(t);
      expect(r.warnings).toContain('translation');
      expect(r.dangerous).toBe(true);
    }
  });
});

describe('analyzeBlockTarget: IPv4-compatible IPv6 (::a.b.c.d, deprecated by RFC 4291)', () => {
  it('means the IPv6 address ::a.b.c.d, exactly as the same address in hex', () => {
    for (const [dotted, hex] of [
      ['::127.0.0.1', '::7f00:1'],
      ['::8.8.8.8', '::808:808'],
      ['0:0:0:0:0:0:8.8.8.8', '::808:808'],
      ['::10.0.0.0/104', '::a00:0/104'],
    ] as const) {
      const a = valid(dotted);
      expect(a).toEqual(valid(hex));
      expect(a.normalized).toBe(hex);
      expect(a.kind).toMatch(/^(ipv6|cidr6)$/);
      expect(a.warnings).not.toContain('ipv4-mapped');
    }
  });

  it('is reserved (deprecated) space, so dangerous, and never reported as the IPv4 it spells', () => {
    const r = valid('::127.0.0.1');
    expect(r.warnings).toEqual(['reserved']);
    expect(r.dangerous).toBe(true);
    expect(valid('::7f00:1').warnings).toEqual(['reserved']);
    expect(valid('::8.8.8.8').warnings).toEqual(['reserved']);
    expect(valid('::/96').warnings).toEqual(['unspecified', 'loopback', 'reserved']);
  });

  it('keeps :: and ::1 as unspecified and loopback, in either spelling', () => {
    expect(valid('::0.0.0.0')).toMatchObject({ normalized: '::', warnings: ['unspecified'] });
    expect(valid('::0.0.0.1')).toMatchObject({ normalized: '::1', warnings: ['loopback'] });
    expect(valid('::1').warnings).toEqual(['loopback']);
    expect(valid('::2').warnings).toEqual(['reserved']);
  });

  it('reads any other embedded dotted quad as its two hex groups', () => {
    expect(valid('1::1.2.3.4').normalized).toBe('1::102:304');
    expect(valid('ffff::1.2.3.4').normalized).toBe('ffff::102:304');
    expect(valid('::ffff:0:1.2.3.4').normalized).toBe('::ffff:0:102:304');
    expect(valid('::ffff:1.2.3.4')).toMatchObject({ normalized: '1.2.3.4', kind: 'ipv4', warnings: ['ipv4-mapped'] });
    expect(analyzeBlockTarget('1:2:3:4:5:6:7:1.2.3.4')).toEqual({ valid: false, reason: 'malformed' });
  });
});
