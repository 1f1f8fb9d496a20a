/**
 * Long certificate chains (issue #12): a server's chain is read up to MAX_PEER_CHAIN certificates
 * and matched over the first MAX_CHAIN_CERTIFICATES; a DANE-TA certificate past that is not found,
 * and the failure says why (it was "none of the records matches" alone).
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import { MAX_CHAIN_CERTIFICATES } from '../../src/dane/chain.ts';
import { MAX_PEER_CHAIN } from '../../src/smtp/session.ts';

describe('dane/verify: long certificate chains', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({
      zones: { 'example.': {}, 'ten.example.': { records: ['@ MX 10 mx'] }, 'twelve.example.': { records: ['@ MX 10 mx'] }, 'twenty.example.': { records: ['@ MX 10 mx'] } },
      mailServers: {
        // 2 1 1 for the top certificate presented: the 10th, 12th and 20th.
        'mx.ten.example.': { certificate: 'chain', chainLength: MAX_CHAIN_CERTIFICATES, tlsa: ['2 1 1'] },
        'mx.twelve.example.': { certificate: 'chain', chainLength: MAX_CHAIN_CERTIFICATES + 2, tlsa: ['2 1 1'] },
        'mx.twenty.example.': { certificate: 'chain', chainLength: MAX_PEER_CHAIN + 4, tlsa: ['2 1 1'] },
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000 };
  });
  after(async () => world?.close());

  it(`a DANE-TA certificate at depth ${MAX_CHAIN_CERTIFICATES - 1} (the ${MAX_CHAIN_CERTIFICATES}th of ${MAX_CHAIN_CERTIFICATES}) authenticates`, async () => {
    const r = await verifyDane('ten.example.', opts);
    expect(r.exitCode, r.hosts[0]?.reason).to.equal(0);
    expect(r.hosts[0]!.addresses[0]!.matched?.depth).to.equal(MAX_CHAIN_CERTIFICATES - 1);
  });

  it(`one at the ${MAX_CHAIN_CERTIFICATES + 2}th: failed, and the reason says how many were presented and considered`, async () => {
    const r = await verifyDane('twelve.example.', opts);
    expect(r.exitCode).to.equal(1);
    expect(r.hosts[0]!.reason).to.contain(`(the server presented ${MAX_CHAIN_CERTIFICATES + 2} certificates; the first ${MAX_CHAIN_CERTIFICATES} were considered: MAX_CHAIN_CERTIFICATES)`);
  });

  it(`a chain of ${MAX_PEER_CHAIN + 4}: read up to ${MAX_PEER_CHAIN}, and the reason says there were more`, async () => {
    const r = await verifyDane('twenty.example.', opts);
    expect(r.exitCode).to.equal(1);
    expect(r.hosts[0]!.reason).to.contain(`(the server presented more than ${MAX_PEER_CHAIN} certificates; the first ${MAX_CHAIN_CERTIFICATES} were considered`);
  });
});
