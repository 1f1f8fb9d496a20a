import { expect } from 'chai';
import { ZoneIndex } from '../../src/testing/world/zone-index.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { a, exampleZone, n } from './fixtures.ts';

describe('testing/world/zone-index', () => {
  const ix = new ZoneIndex(n('example.'), exampleZone());

  it('classifies apex, data, delegations, glue, empty non-terminals and missing names', () => {
    const kinds = Object.fromEntries(
      ['example.', 'www.example.', 'sub.example.', 'ns.sub.example.', 'x.y.sec.example.', 'c.example.', 'b.c.example.',
        'ent.example.', 'nope.example.', 'example.net.'].map((s) => [s, ix.kindOf(n(s))]),
    );
    expect(kinds).to.deep.equal({
      'example.': 'data',
      'www.example.': 'data',
      'sub.example.': 'delegation',
      'ns.sub.example.': 'occluded',
      'x.y.sec.example.': 'occluded',
      'c.example.': 'empty-non-terminal',
      'b.c.example.': 'empty-non-terminal',
      'ent.example.': 'empty-non-terminal',
      'nope.example.': 'nonexistent',
      'example.net.': 'out-of-zone',
    });
  });

  it('lists authoritative names in canonical order without glue (RFC 4034 §6.1)', () => {
    expect(ix.authoritativeNames.map(String)).to.deep.equal([
      'example.', 'alias.example.', 'a.b.c.example.', 'deleg.ent.example.', 'mail.example.', 'moved.example.',
      'ns.example.', 'sec.example.', 'sub.example.', '*.w.example.', 'www.example.',
    ]);
    expect(ix.emptyNonTerminals.map(String)).to.deep.equal(['c.example.', 'b.c.example.', 'ent.example.', 'w.example.']);
  });

  it('finds the closest encloser: the deepest existing ancestor (RFC 5155 §1.3)', () => {
    expect(ix.closestEncloser(n('x.a.b.c.example.')).toString()).to.equal('a.b.c.example.');
    expect(ix.closestEncloser(n('x.b.c.example.')).toString()).to.equal('b.c.example.');
    expect(ix.closestEncloser(n('x.y.example.')).toString()).to.equal('example.');
    expect(ix.closestEncloser(n('www.example.')).toString()).to.equal('www.example.');
    expect(() => ix.closestEncloser(n('example.net.'))).to.throw(RangeError);
  });

  it('finds a DNAME above a name but not at it (RFC 6672 §2.3)', () => {
    expect(ix.dnameAbove(n('a.moved.example.'))?.owner.toString()).to.equal('moved.example.');
    expect(ix.dnameAbove(n('moved.example.'))).to.equal(undefined);
    expect(ix.dnameAbove(n('a.www.example.'))).to.equal(undefined);
  });

  it('matches names case-insensitively and drops duplicate records', () => {
    const dup = new ZoneIndex(n('example.'), [a('www.example.', '192.0.2.1'), a('WWW.Example.', '192.0.2.1'), a('www.example.', '192.0.2.2')]);
    expect(dup.rrset(n('WwW.eXample.'), RRType.A)).to.have.length(2);
  });

  it('refuses records outside the zone and signature records', () => {
    expect(() => new ZoneIndex(n('example.'), [a('www.example.net.', '192.0.2.1')])).to.throw(RangeError, /not in zone/);
  });
});
