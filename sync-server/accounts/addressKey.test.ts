// Sign-in limits count an IPv6 client by its /64, the block one home or office is given, so a
// client cannot take a fresh limit for each of its many addresses; IPv4 counts by the address.
import { describe, expect, it } from 'vitest';
import { addressKey } from './addressKey';

describe('the address a sign-in limit counts by', () => {
  it('is an IPv4 address itself, however it reached the server', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.8')).not.toBe(addressKey('203.0.113.7'));
    // The same mapping written in hex, and an IPv4 client reached through a NAT64 gateway: were
    // these counted by their /64, every IPv4 client would share one limit.
    expect(addressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(addressKey('64:ff9b::203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('64:ff9b::cb00:7108')).toBe('203.0.113.8');
  });

  it('is the same for every IPv6 address in one /64, however it is written', () => {
    const key = addressKey('2001:db8:aa:bb:1:2:3:4');
    for (const address of [
      '2001:db8:aa:bb::1',
      '2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff',
      '2001:DB8:AA:BB::',
      '2001:db8:aa:bb:0:0:0:0',
      '2001:db8:aa:bb::5%eth0',
    ]) {
      expect(addressKey(address), address).toBe(key);
    }
  });

  it('differs between /64s, however far :: reaches', () => {
    const keys = [
      '2001:db8:aa:bb::1',
      '2001:db8:aa:bc::1',
      '2001:db8::1',
      '2001:db8::aa:bb:cc:dd:1',
      '::1',
      'fe80::1',
    ].map(addressKey);
    expect(new Set(keys).size).toBe(keys.length);
    // :: stands for one group here, so the /64 ends inside what it replaced...
    expect(addressKey('2001:db8::aa:bb:cc:dd:1')).toBe(addressKey('2001:db8:0:aa::'));
    // ...and for four here, so everything after it is outside the /64.
    expect(addressKey('2001:db8::1')).toBe(addressKey('2001:db8:0:0:ffff::'));
    expect(addressKey('::')).toBe(addressKey('::1'));
  });

  it('leaves anything that is not an IP address as it is', () => {
    expect(addressKey('unknown')).toBe('unknown');
    expect(addressKey('')).toBe('');
  });
});
