import { expect } from 'chai';
import { createHash, X509Certificate } from 'node:crypto';
import { connect } from 'node:net';
import { once } from 'node:events';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { planMailServer, startMailServers, freeLoopbackPort } from '../../src/testing/world/mail-servers.ts';
import { createServer } from 'node:net';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { RecordOf } from '../../src/dns/record.ts';
import { toHex } from '../../src/dns/encoding.ts';
import { delv, writeDelvAnchors } from './delv.ts';

const MISMATCH = '3 1 1 ' + '00'.repeat(32);

/** SHA-256 of the certificate's SubjectPublicKeyInfo, by node:crypto (independent of dane/tlsa.ts). */
function spkiSha256(der: Uint8Array): string {
  const spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

async function greeting(port: number, address: string): Promise<string> {
  const sock = connect(port, address);
  const [chunk] = (await once(sock, 'data')) as [Buffer];
  sock.destroy();
  return chunk.toString('latin1');
}

describe('testing/world mail servers', function () {
  this.timeout(60_000);
  let world: TestWorld;

  before(async () => {
    world = await createTestWorld({
      zones: { 'mail.example.': { records: ['@ MX 10 mx', '@ MX 20 mx2'] }, 'other.': { unsigned: true } },
      mailServers: {
        'mx.mail.example.': {},
        'mx2.mail.example.': { certificate: 'chain', tlsa: ['2 1 1', MISMATCH] },
        'mx.other.': { mode: 'no-starttls', tlsa: [] },
      },
    });
  });
  after(async () => world?.close());

  it('publishes the host A record and a 3 1 1 TLSA computed from the leaf by default', () => {
    const m = world.mailServers.get('mx.mail.example.')!;
    const zone = world.zones.get('mail.example.')!;
    const tlsa = zone.records.filter((rr) => rr.type === RRType.TLSA && rr.name.equals(Name.parse('_' + world.mailPort + '._tcp.mx.mail.example.'))) as RecordOf<typeof RRType.TLSA>[];
    expect(tlsa).to.have.length(1);
    expect(tlsa[0]!.data).to.include({ certUsage: 3, selector: 1, matchingType: 1 });
    expect(toHex(tlsa[0]!.data.certificateAssociationData)).to.equal(spkiSha256(m.chain[0]!.der));
    expect(zone.records.some((rr) => rr.type === RRType.A && rr.name.equals(m.host))).to.equal(true);
  });

  it('computes 2 x x from the top certificate presented and publishes verbatim data as given', () => {
    const m = world.mailServers.get('mx2.mail.example.')!;
    expect(m.chain).to.have.length(2);
    const tlsa = world.zones.get('mail.example.')!.records.filter(
      (rr) => rr.type === RRType.TLSA && rr.name.equals(Name.parse(`_${world.mailPort}._tcp.mx2.mail.example.`)),
    ) as RecordOf<typeof RRType.TLSA>[];
    const byUsage = new Map(tlsa.map((rr) => [rr.data.certUsage, toHex(rr.data.certificateAssociationData)]));
    expect(byUsage.get(2)).to.equal(spkiSha256(m.chain[1]!.der));
    expect(byUsage.get(3)).to.equal('00'.repeat(32));
  });

  it('runs each server on its own loopback address, all on one port, greeting with its host name', async () => {
    const servers = [...world.mailServers.values()];
    expect(new Set(servers.map((m) => m.port))).to.deep.equal(new Set([world.mailPort]));
    expect(servers.map((m) => m.address)).to.deep.equal(['127.0.0.10', '127.0.0.11', '127.0.0.12']);
    const mx = world.mailServers.get('mx.mail.example.')!;
    expect(await greeting(world.mailPort, mx.address)).to.match(/^220 mx\.mail\.example /);
    expect(await greeting(world.mailPort, world.mailServers.get('mx.other.')!.address)).to.match(/^220 mx\.other /);
    const a = world.zones.get('mail.example.')!.records.find((rr) => rr.type === RRType.A && rr.name.equals(mx.host)) as RecordOf<typeof RRType.A>;
    expect(a.data.address).to.equal(mx.address);
  });

  it('publishes the TLSA records signed: delv validates them from the world anchor', async () => {
    const anchors = writeDelvAnchors(world);
    try {
      expect((await delv(world, anchors.file, `_${world.mailPort}._tcp.mx.mail.example.`, 'TLSA')).verdict).to.equal('secure');
      expect((await delv(world, anchors.file, 'mx.other.', 'A')).verdict).to.equal('insecure');
      expect((await delv(world, anchors.file, `_${world.mailPort}._tcp.mx.other.`, 'TLSA')).verdict).to.equal('insecure-negative');
    } finally {
      anchors.cleanup();
    }
  });

  it('closes the servers it started when the shared port is taken on one address, and frees the port', async () => {
    const port = await freeLoopbackPort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.21', () => resolve()));
    try {
      const plans = [
        planMailServer('a.example.', { mode: 'no-starttls' }, new Date(), { address: '127.0.0.20', port }),
        planMailServer('b.example.', { mode: 'no-starttls' }, new Date(), { address: '127.0.0.21', port }),
      ];
      let err: NodeJS.ErrnoException | undefined;
      await startMailServers(plans, port).catch((e: NodeJS.ErrnoException) => (err = e));
      expect(err?.code).to.equal('EADDRINUSE');
      const probe = createServer();
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen(port, '127.0.0.20', () => resolve());
      });
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      // Without a fixed port, another one is found.
      const started = await startMailServers(plans);
      expect(started.servers.map((m) => m.address)).to.deep.equal(['127.0.0.20', '127.0.0.21']);
      expect(started.servers[0]!.records.some((r) => r.startsWith(`_${started.port}._tcp.a.example.`))).to.equal(true);
      await Promise.all(started.servers.map((m) => m.server.close()));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
