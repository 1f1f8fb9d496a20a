import { expect } from 'chai';
import { dnsNameMatches, normalizeDnsName } from '../../src/dane/cert-names.ts';

describe('dane/cert-names (RFC 7672 §3.2.3, RFC 6125 §6.4)', () => {
  it('matches exact names case-insensitively, ignoring one trailing dot', () => {
    expect(dnsNameMatches('MX.Example.NET', 'mx.example.net.')).to.equal(true);
    expect(dnsNameMatches('mx.example.net', 'mx2.example.net')).to.equal(false);
  });
  it('lets a wildcard cover exactly one non-empty left-most label', () => {
    expect(dnsNameMatches('*.example.net', 'mx.example.net')).to.equal(true);
    expect(dnsNameMatches('*.example.net', 'a.mx.example.net')).to.equal(false);
    expect(dnsNameMatches('*.example.net', 'example.net')).to.equal(false);
  });
  it('refuses partial-label, inner and top-level wildcards', () => {
    expect(dnsNameMatches('m*.example.net', 'mx.example.net')).to.equal(false);
    expect(dnsNameMatches('mx.*.net', 'mx.example.net')).to.equal(false);
    expect(dnsNameMatches('*.*.net', 'mx.example.net')).to.equal(false);
    expect(dnsNameMatches('*.net', 'example.net')).to.equal(false);
  });
  it('never treats a wildcard in the reference identifier as a pattern', () => {
    expect(dnsNameMatches('mx.example.net', '*.example.net')).to.equal(false);
    expect(dnsNameMatches('*.example.net', '*.example.net')).to.equal(false);
  });
  it('normalizes only printable ASCII names with sane labels', () => {
    expect(normalizeDnsName('A.B.')).to.equal('a.b');
    expect(normalizeDnsName('a..b')).to.equal(undefined);
    expect(normalizeDnsName('ä.example')).to.equal(undefined);
    expect(normalizeDnsName('')).to.equal(undefined);
  });
});
