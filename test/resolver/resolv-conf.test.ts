import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResolvConf, readSystemResolvers } from '../../src/resolver/resolv-conf.ts';
import { MAX_RESOLV_CONF_SERVERS } from '../../src/resolver/defaults.ts';

describe('resolver/resolv-conf', () => {
  it('reads nameserver lines (IPv4, IPv6, our port forms) and skips comments and other keywords', () => {
    const conf = parseResolvConf(
      ['# generated', 'search example.com', 'nameserver 192.0.2.53 # main', '; nameserver 192.0.2.99', 'options edns0', 'nameserver\t2001:db8::53', 'nameserver [::1]:5353'].join('\n'),
    );
    expect(conf.servers.map((s) => s.text)).to.deep.equal(['192.0.2.53', '2001:db8::53', '[::1]:5353']);
    expect(conf.ignored).to.deep.equal([]);
  });

  it('ignores an unusable nameserver line and says why, keeping the others', () => {
    const conf = parseResolvConf('nameserver dns.example\nnameserver\nnameserver 192.0.2.1\r\n');
    expect(conf.servers.map((s) => s.text)).to.deep.equal(['192.0.2.1']);
    expect(conf.ignored.map((i) => i.line)).to.deep.equal([1, 2]);
    expect(conf.ignored[0]!.why).to.match(/IP address/);
  });

  it(`uses at most ${MAX_RESOLV_CONF_SERVERS} nameservers, as glibc does`, () => {
    const conf = parseResolvConf(['1', '2', '3', '4'].map((n) => `nameserver 192.0.2.${n}`).join('\n'));
    expect(conf.servers).to.have.length(MAX_RESOLV_CONF_SERVERS);
    expect(conf.ignored).to.have.length(1);
    expect(conf.ignored[0]!.why).to.match(/first 3/);
  });

  describe('readSystemResolvers', () => {
    let dir = '';
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dane-verify-resolv-'));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('returns the servers of the file', async () => {
      const path = join(dir, 'resolv.conf');
      await writeFile(path, 'nameserver 198.51.100.7\nnameserver 2001:db8::7\n');
      expect((await readSystemResolvers(path)).map((s) => s.text)).to.deep.equal(['198.51.100.7', '2001:db8::7']);
    });

    it('falls back to the local machine when the file names no server or is missing (resolv.conf(5))', async () => {
      const path = join(dir, 'empty.conf');
      await writeFile(path, 'search example.com\n');
      expect((await readSystemResolvers(path)).map((s) => s.text)).to.deep.equal(['127.0.0.1', '::1']);
      expect((await readSystemResolvers(join(dir, 'missing.conf'))).map((s) => s.text)).to.deep.equal(['127.0.0.1', '::1']);
    });
  });
});
