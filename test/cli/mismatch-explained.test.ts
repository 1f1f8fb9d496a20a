/**
 * A TLSA mismatch explained in the output (issue #15, items 2 and 3): per usable record its data
 * beside the digest of what the server presented for the same selector and matching type, the
 * record that matched marked, and RFC 7671 §9 named when a weaker digest is not used.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import { resultToJson, resultToText } from '../../src/cli/report.ts';
import { tlsaAssociation } from '../../src/dane/tlsa.ts';

describe('cli/report: a TLSA mismatch explained', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;
  const STALE = 'ab'.repeat(32);

  before(async () => {
    world = await createTestWorld({
      zones: { 'example.': {}, 'good.example.': { records: ['@ MX 10 mx'] }, 'stale.example.': { records: ['@ MX 10 mx'] }, 'mixed.example.': { records: ['@ MX 10 mx'] } },
      mailServers: {
        'mx.good.example.': { tlsa: ['3 1 1'] },
        'mx.stale.example.': { tlsa: [`3 1 1 ${STALE}`] },
        // The current key under 3 1 1, the next one under 3 1 2: only the strongest digest counts.
        'mx.mixed.example.': { tlsa: ['3 1 1', `3 1 2 ${'cd'.repeat(64)}`] },
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000 };
  });
  after(async () => world?.close());

  const leafDigest = (host: string, mtype: 1 | 2) => tlsaAssociation(world.mailServers.get(host)!.chain[0]!.der, 1, mtype);

  it('a stale 3 1 1: the text shows the published data and the digest of the key the server presented', async () => {
    const r = await verifyDane('stale.example.', opts);
    expect(r.exitCode).to.equal(1);
    const text = resultToText(r);
    expect(text).to.contain(`TLSA 3 1 1 ${STALE}  no match`);
    expect(text).to.contain(`server's certificate gives ${leafDigest('mx.stale.example.', 1)}`);
    const j = resultToJson(r) as { hosts: { addresses: { records: { params: string; data: string; matched: boolean; reason: string; presented: string[] }[] }[] }[] };
    expect(j.hosts[0]!.addresses[0]!.records).to.deep.equal([{ params: '3 1 1', data: STALE, matched: false, reason: j.hosts[0]!.addresses[0]!.records[0]!.reason, presented: [leafDigest('mx.stale.example.', 1)] }]);
  });

  it('the same key published right: authenticated, the record marked as matched (shown with -v only)', async () => {
    const r = await verifyDane('good.example.', opts);
    expect(r.exitCode).to.equal(0);
    expect(r.hosts[0]!.addresses[0]!.records?.map((c) => c.matched)).to.deep.equal([true]);
    expect(resultToText(r)).to.not.contain('MATCHED');
    expect(resultToText(r, true)).to.contain(`TLSA 3 1 1 ${leafDigest('mx.good.example.', 1)}  MATCHED`);
  });

  it('3 1 1 (right) beside 3 1 2 (another key): failed, and the 3 1 1 line names RFC 7671 §9', async () => {
    const r = await verifyDane('mixed.example.', opts);
    expect(r.exitCode).to.equal(1);
    const text = resultToText(r);
    expect(text).to.contain(`server's certificate gives ${leafDigest('mx.mixed.example.', 1)} (equal)`);
    expect(text).to.match(/not used: a stronger digest \(matching type 2\) is published for usage 3 selector 1 \(RFC 7671 §9\)/);
    // A SHA2-512 digest is cut in the text (the JSON has it whole).
    expect(text).to.contain(`server's certificate gives ${leafDigest('mx.mixed.example.', 2).slice(0, 72)}... (64 octets)`);
    expect(r.hosts[0]!.addresses[0]!.records?.[1]?.presented).to.deep.equal([leafDigest('mx.mixed.example.', 2)]);
  });
});

describe('cli/report: -v shows the chains of trust (docs/cli.md says it does)', function () {
  this.timeout(60_000);
  let world: TestWorld;

  before(async () => {
    world = await createTestWorld({ zones: { 'example.': {}, 'sub.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`] } } });
  });
  after(async () => world?.close());

  it('the MX lookup\'s chain and each host\'s, zone by zone with key tags; none without -v', async () => {
    const r = await verifyDane('sub.example.', { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, connect: false, shareValidator: false });
    const text = resultToText(r, true);
    for (const zone of ['.', 'example.', 'sub.example.']) expect(text).to.match(new RegExp(`; chain: ${zone.replace(/\./g, '\\.')} secure via (trust-anchor|ds) \\(DS \\d+`));
    expect(text.match(/; chain: sub\.example\. secure/g)?.length).to.equal(2); // the MX lookup and the host
    expect(resultToText(r)).to.not.contain('; chain:');
    expect((resultToJson(r) as { mx: object }).mx).to.not.have.property('chain');
    expect((resultToJson(r, true) as { hosts: { chain: unknown[] }[] }).hosts[0]!.chain.length).to.equal(3);
  });
});
