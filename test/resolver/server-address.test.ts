import { expect } from 'chai';
import { formatServerAddress, parseServerAddress } from '../../src/resolver/server-address.ts';

describe('resolver/server-address', () => {
  it('reads an IPv4 address with and without a port', () => {
    expect(parseServerAddress('192.0.2.1')).to.deep.equal({ host: '192.0.2.1', port: 53, family: 4, protocol: 'dns', text: '192.0.2.1' });
    expect(parseServerAddress('127.0.0.1:5353')).to.deep.equal({ host: '127.0.0.1', port: 5353, family: 4, protocol: 'dns', text: '127.0.0.1:5353' });
  });

  it('reads an IPv6 address bare, bracketed, and bracketed with a port', () => {
    expect(parseServerAddress('2001:db8::1')).to.include({ host: '2001:db8::1', port: 53, family: 6, text: '2001:db8::1' });
    expect(parseServerAddress('[::1]')).to.include({ host: '::1', port: 53, family: 6 });
    expect(parseServerAddress('[::1]:5353')).to.include({ host: '::1', port: 5353, family: 6, text: '[::1]:5353' });
  });

  it('reads DNS over TLS with the name to authenticate, on port 853 by default', () => {
    expect(parseServerAddress('tls://192.0.2.1#dns.example')).to.deep.equal({
      host: '192.0.2.1', port: 853, family: 4, protocol: 'tls', tlsName: 'dns.example', text: 'tls://192.0.2.1#dns.example',
    });
    expect(parseServerAddress('TLS://[2001:db8::1]:8853#dns.example')).to.include({ host: '2001:db8::1', port: 8853, family: 6, protocol: 'tls', text: 'tls://[2001:db8::1]:8853#dns.example' });
    expect(parseServerAddress('tls://127.0.0.1:853#a-b.example.')).to.include({ port: 853, tlsName: 'a-b.example.', text: 'tls://127.0.0.1#a-b.example.' });
  });

  it('rejects DNS over TLS without a name, or with one that is not a host name', () => {
    for (const bad of ['tls://192.0.2.1', 'tls://192.0.2.1#', 'tls://192.0.2.1#bad name', 'tls://192.0.2.1#-x.example', 'tls://dns.example#dns.example']) {
      expect(() => parseServerAddress(bad), bad).to.throw(TypeError);
    }
  });

  it('keeps an IPv6 zone index', () => {
    expect(parseServerAddress('fe80::1%eth0')).to.include({ host: 'fe80::1%eth0', family: 6 });
  });

  it('uses the given default port when the text names none', () => {
    expect(parseServerAddress('192.0.2.1', 5300).port).to.equal(5300);
  });

  it('rejects host names, bad ports, an unbracketed IPv6 with a port and IPv4 in brackets', () => {
    for (const bad of ['dns.example', '192.0.2.1:0', '192.0.2.1:65536', '192.0.2.1:x', '[::1]:', '[192.0.2.1]:53', '1.2.3', '', '[::1]:53:53']) {
      expect(() => parseServerAddress(bad), bad).to.throw(TypeError);
    }
  });

  it('prints port 53 without the port and other ports in the form it reads', () => {
    expect(formatServerAddress('::1', 53)).to.equal('::1');
    expect(formatServerAddress('::1', 5353)).to.equal('[::1]:5353');
    expect(formatServerAddress('10.0.0.1', 5353)).to.equal('10.0.0.1:5353');
  });
});
