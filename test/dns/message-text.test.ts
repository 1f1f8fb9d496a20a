import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { formatMessage } from '../../src/dns/message-text.ts';
import { createQuery } from '../../src/dns/message.ts';
import { parseRR, parseZone } from '../../src/dns/presentation.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';

describe('dns/message-text', () => {
  it('formats a response as dig does, with records that parse back', () => {
    const m = createQuery({ id: 4035, name: Name.parse('ml.example.'), type: RRType.A, edns: { udpSize: 4096, options: [{ code: 10, data: Uint8Array.of(1, 2) }] } });
    m.flags.qr = true;
    m.flags.aa = true;
    m.rcode = 3;
    m.authorities.push(parseRR('b.example. 3600 IN NSEC ns1.example. NS RRSIG NSEC'));
    const text = formatMessage(m);
    expect(text).to.equal([
      ';; ->>HEADER<<- opcode: QUERY, rcode: NXDOMAIN, id: 4035',
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1',
      '',
      ';; OPT PSEUDOSECTION:',
      ';; EDNS: version: 0, flags: do; udp: 4096',
      ';; OPTION 10: 0102',
      '',
      ';; QUESTION SECTION:',
      ';ml.example.\tIN\tA',
      '',
      ';; AUTHORITY SECTION:',
      'b.example. 3600 IN NSEC ns1.example. NS RRSIG NSEC',
      '',
    ].join('\n'));
    expect(parseZone(text)).to.have.length(1);
  });

  it('prints extended RCODEs and unknown opcodes by number', () => {
    const m = createQuery({ id: 1, name: Name.ROOT, type: 2 });
    m.rcode = 16;
    m.opcode = 15;
    expect(formatMessage(m)).to.match(/^;; ->>HEADER<<- opcode: OPCODE15, rcode: BADVERS, id: 1\n/);
    m.rcode = 4000;
    expect(formatMessage(m)).to.contain('rcode: RCODE4000');
  });
});
