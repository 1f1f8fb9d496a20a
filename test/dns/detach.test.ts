/**
 * Records kept by long-lived caches are detached from the message they came from (dns/detach.ts):
 * a record decoded from a message padded to ~60 KiB keeps all of it alive; its detached copy keeps
 * only its own octets, with the same content. retainedOctets says which is which.
 */
import { expect } from 'chai';
import { decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { parseRR, formatRR } from '../../src/dns/presentation.ts';
import { detachName, detachRecords, detachedOrSame, retainedOctets } from '../../src/dns/detach.ts';

function padded(): Message {
  const answers = [
    parseRR('mx.example. 300 IN A 192.0.2.1'),
    parseRR('mx.example. 300 IN RRSIG A 13 2 300 20300101000000 20200101000000 12345 example. ' + 'AAAA'.repeat(22) + 'AA=='),
  ];
  // Junk that a hostile zone adds to every answer: 60 TXT records of ~1000 octets.
  const additionals = Array.from({ length: 60 }, (_, i) => parseRR(`pad${i}.example. 300 IN TXT ${Array.from({ length: 4 }, () => `"${'x'.repeat(250)}"`).join(' ')}`));
  const wire = encodeMessage({ id: 1, opcode: 0, flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true }, rcode: 0, questions: [{ name: Name.parse('mx.example.'), type: RRType.A, class: 1 }], answers, authorities: [], additionals });
  return decodeMessage(wire);
}

describe('dns/detach: records for long-lived caches', () => {
  it('a record from a padded message keeps the whole message alive; its detached copy keeps its own octets, same content', () => {
    const m = padded();
    const kept = m.answers;
    expect(retainedOctets(kept)).to.be.greaterThan(60_000);
    const detached = detachRecords(kept);
    expect(retainedOctets(detached)).to.be.lessThan(3_000);
    expect(detached.map((rr) => formatRR(rr))).to.deep.equal(kept.map((rr) => formatRR(rr)));
    expect(detached.map((rr) => rr.data)).to.deep.equal(kept.map((rr) => rr.data));
    const message = kept[0]!.rdata.buffer;
    for (const rr of detached) {
      expect(rr.rdata.buffer).to.not.equal(message);
      for (const l of rr.name.labels) expect(l.buffer).to.not.equal(message);
    }
    // One RRset's owner is one name: detached once, shared by the record and its RRSIG.
    expect(detached[0]!.name).to.equal(detached[1]!.name);
  });

  it('detachName keeps the labels and their case; the root stays the root', () => {
    const n = Name.parse('Mx.Example.');
    expect(detachName(n).toString()).to.equal('Mx.Example.');
    expect(detachName(Name.ROOT)).to.equal(Name.ROOT);
  });

  it('detachedOrSame gives the records back as they are when one does not decode alone', () => {
    const rr = parseRR('mx.example. 300 IN A 192.0.2.1');
    const broken = { ...rr, rdata: new Uint8Array(3) };
    const out = detachedOrSame([broken]);
    expect(out[0]).to.equal(broken);
  });
});
