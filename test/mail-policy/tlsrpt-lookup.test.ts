/**
 * lookupTlsRptPolicy through the signed test world: real queries to the world's DNS server, proven
 * by a real Validator. One zone per case: secure, insecure (unsigned zone), bogus (a corrupted TXT
 * signature), NXDOMAIN, NODATA, a TXT RRset with no TLS-RPT record, several, an invalid one, one
 * record of several strings; and the call's signal and budget reaching the lookup.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { CallBudget } from '../../src/dnssec/call-budget.ts';
import { Name } from '../../src/dns/name.ts';
import { lookupTlsRptPolicy, type TlsRptLookupResult } from '../../src/mail-policy/tlsrpt-record.ts';

const TXT = (text: string) => `_smtp._tls TXT "${text}"`;

describe('mail-policy/tlsrpt-record: lookupTlsRptPolicy through the test world', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let stub: StubResolver;
  let validator: Validator;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'good.example.': { records: [TXT('v=TLSRPTv1; rua=mailto:tlsrpt@good.example'), TXT('google-site-verification=abc123'), TXT('v=spf1 -all')] },
        'split.example.': { records: ['_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls" "rpt@split.example,https://reports.split.example/tlsrpt"'] },
        'plain.example.': { unsigned: true, records: [TXT('v=TLSRPTv1; rua=mailto:r@plain.example')] },
        'bogus.example.': { records: [TXT('v=TLSRPTv1; rua=mailto:r@bogus.example')], break: [{ kind: 'corrupt-signature', type: 'TXT' }] },
        'other.example.': { records: [TXT('v=spf1 -all'), TXT('v=tlsrptv1; rua=mailto:r@other.example')] },
        'two.example.': { records: [TXT('v=TLSRPTv1; rua=mailto:a@two.example'), TXT('v=TLSRPTv1; rua=mailto:b@two.example')] },
        'bad.example.': { records: [TXT('v=TLSRPTv1; rua=ftp://reports.bad.example/')] },
        'nodata.example.': { records: ['_smtp._tls A 192.0.2.1'] },
      },
    });
    stub = new StubResolver({ servers: [world.resolver], timeoutMs: 2000 });
    validator = new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text });
  });
  after(async () => {
    stub?.close();
    await world?.close();
  });

  const lookup = (domain: string | Name, opts = {}) => lookupTlsRptPolicy(validator, domain, opts);
  const policyOf = (r: TlsRptLookupResult) => (r.outcome === 'policy' ? r.policy : undefined);

  it('secure: the policy, its report addresses, and the other TXT records ignored (RFC 8460 §3)', async () => {
    const r = await lookup('good.example');
    expect([r.outcome, r.status, r.domain, r.name], r.reason).to.deep.equal(['policy', 'secure', 'good.example.', '_smtp._tls.good.example.']);
    expect(policyOf(r)!.rua).to.deep.equal([{ uri: 'mailto:tlsrpt@good.example', scheme: 'mailto' }]);
    expect(r.records.filter((x) => !x.counted).map((x) => x.text).sort()).to.deep.equal(['google-site-verification=abc123', 'v=spf1 -all']);
    expect(r.reason).to.contain('DNSSEC-secure').and.contain('2 other TXT records ignored');
  });

  it('one record of several strings is read as their concatenation', async () => {
    const r = await lookup(Name.parse('split.example.'));
    expect([r.outcome, r.status], r.reason).to.deep.equal(['policy', 'secure']);
    expect(policyOf(r)!.rua.map((u) => u.uri)).to.deep.equal(['mailto:tlsrpt@split.example', 'https://reports.split.example/tlsrpt']);
  });

  it('insecure (unsigned zone): the policy still applies, and the status says insecure', async () => {
    const r = await lookup('plain.example.');
    expect([r.outcome, r.status], r.reason).to.deep.equal(['policy', 'insecure']);
    expect(r.reason).to.contain('insecure');
  });

  it('bogus (corrupted TXT signature): no policy, the DNSSEC reason, and no records read', async () => {
    const r = await lookup('bogus.example.');
    expect([r.outcome, r.status], r.reason).to.deep.equal(['failed', 'bogus']);
    expect(r.records).to.deep.equal([]);
    expect('policy' in r).to.equal(false);
    expect(r.reasons.map((x) => x.code)).to.include('signature-invalid');
    expect(r.reason).to.contain('bogus').and.contain('unknown');
  });

  it('NXDOMAIN, proven: none', async () => {
    const r = await lookup('missing.good.example.');
    expect([r.outcome, r.status, r.outcome === 'none' && r.answer], r.reason).to.deep.equal(['none', 'secure', 'nxdomain']);
  });

  it('NODATA (the name has other types only), proven: none', async () => {
    const r = await lookup('nodata.example.');
    expect([r.outcome, r.status, r.outcome === 'none' && r.answer], r.reason).to.deep.equal(['none', 'secure', 'nodata']);
  });

  it('TXT records, none beginning with v=TLSRPTv1; (one in lower case): none, every record listed as not counted', async () => {
    const r = await lookup('other.example.');
    expect([r.outcome, r.status, r.outcome === 'none' && r.answer], r.reason).to.deep.equal(['none', 'secure', 'answer']);
    expect(r.records.map((x) => x.counted)).to.deep.equal([false, false]);
  });

  it('two TLS-RPT records: multiple, no policy', async () => {
    const r = await lookup('two.example.');
    expect([r.outcome, r.status], r.reason).to.deep.equal(['multiple', 'secure']);
    expect(r.reason).to.contain('2 TXT records');
  });

  it('one invalid TLS-RPT record: invalid, with the parser reason', async () => {
    const r = await lookup('bad.example.');
    expect([r.outcome, r.outcome === 'invalid' && r.error.code], r.reason).to.deep.equal(['invalid', 'no-supported-rua']);
  });

  it('an aborted signal: indeterminate, never a policy or "none"', async () => {
    const r = await lookup('good.example.', { signal: AbortSignal.abort() });
    expect([r.outcome, r.status], r.reason).to.deep.equal(['failed', 'indeterminate']);
  });

  it("the call's budget is charged: a budget of one query on a cold validator ends indeterminate", async () => {
    const cold = new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text });
    const budget = new CallBudget({ maxQueries: 1 });
    const r = await lookupTlsRptPolicy(cold, 'two.example.', { callBudget: budget });
    expect([r.outcome, r.status], r.reason).to.deep.equal(['failed', 'indeterminate']);
    expect(r.reasons.map((x) => x.code)).to.include('budget-exhausted');
  });

  it('throws for a malformed domain (caller misuse)', async () => {
    let error: unknown;
    try {
      await lookup('bad..example');
    } catch (e) {
      error = e;
    }
    expect((error as Error | undefined)?.name).to.match(/DnsFormatError/);
  });
});
