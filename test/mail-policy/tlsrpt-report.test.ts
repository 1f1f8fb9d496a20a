/**
 * TLS-RPT aggregate reports (RFC 8460 §4, §5): the recorder and builder on known attempts (one
 * report written out in full), every report checked against the JSON Schema written from RFC 8460
 * §4 (schemas/tlsrpt-report.schema.json, with ajv), the schema itself refusing broken
 * reports, the bounds, the file name and the MIME form; then attempts made from real verifyDane
 * results and connect-plan verdicts against the test world.
 *
 * No maintained TLS-RPT report parser exists on npm to round-trip through (searched 2026-12:
 * none); the schema and a gunzip + JSON.parse round trip stand in for one.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { TlsRptRecorder, MAX_TLSRPT_GROUPS, type TlsRptAttempt, type TlsRptReport } from '../../src/mail-policy/tlsrpt-report.ts';
import { gzipTlsRptReport, tlsRptFileName, tlsRptMessage } from '../../src/mail-policy/tlsrpt-delivery.ts';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { verifyDane, resolveDanePolicy } from '../../src/dane/verify.ts';
import { connectPlan } from '../../src/dane/connect-plan.ts';
import { attemptFromSkipped, attemptFromVerdict, attemptsFromDaneResult } from '../../src/dane/tlsrpt-outcomes.ts';
import { DaneVerificationError } from '../../src/dane/identity.ts';

const schema = JSON.parse(readFileSync(new URL('../../schemas/tlsrpt-report.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
const valid = (r: unknown) => {
  const ok = validate(r);
  return ok ? 'valid' : ajv.errorsText(validate.errors);
};

const TLSA = '_25._tcp.mx.example.com. 3600 IN TLSA 3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF';
const day1 = (h: number) => new Date(Date.UTC(2026, 11, 3, h, 30));
const day2 = new Date(Date.UTC(2026, 11, 4, 0, 0, 0));
const tlsa = (over: Partial<TlsRptAttempt>): TlsRptAttempt => ({ at: day1(10), policyDomain: 'example.com', policy: { type: 'tlsa', strings: [TLSA] }, mxHost: 'mx.example.com', receivingIp: '192.0.2.1', sendingMtaIp: '198.51.100.7', success: true, ...over });
const ORG = { organizationName: 'Sender Org', contactInfo: 'tlsrpt@sender.example' };

describe('mail-policy/tlsrpt-report: aggregate reports (RFC 8460 §4)', () => {
  it('aggregates attempts per policy domain per UTC day, failure details by their fields (known answer)', () => {
    const rec = new TlsRptRecorder();
    rec.record(tlsa({}));
    rec.record(tlsa({ at: day1(23) }));
    rec.record(tlsa({ success: false, resultType: 'tlsa-invalid', additionalInformation: 'no match' }));
    rec.record(tlsa({ success: false, resultType: 'tlsa-invalid', additionalInformation: 'no match' }));
    rec.record(tlsa({ success: false, resultType: 'starttls-not-supported', receivingIp: '192.0.2.2' }));
    rec.record({ at: day1(1), policyDomain: 'Example.COM.', policy: { type: 'sts', strings: ['version: STSv1', 'mode: enforce', 'mx: *.example.com', 'max_age: 86400'], mxHosts: ['*.example.com'] }, mxHost: 'mx2.example.com', success: true });
    rec.record({ at: day2, policyDomain: 'example.com', policy: { type: 'no-policy-found' }, mxHost: 'mx.example.com', success: true });
    rec.record({ at: day1(5), policyDomain: 'other.example', policy: { type: 'sts' }, success: false, resultType: 'sts-webpki-invalid', failureReasonCode: 'certificate' });
    const reports = rec.reports(ORG);
    expect(reports.map((r) => [r['report-id'], r.policies.length])).to.deep.equal([
      ['2026-12-03T00:00:00Z_example.com', 2],
      ['2026-12-04T00:00:00Z_example.com', 1],
      ['2026-12-03T00:00:00Z_other.example', 1],
    ]);
    const expected: TlsRptReport = {
      'organization-name': 'Sender Org',
      'date-range': { 'start-datetime': '2026-12-03T00:00:00Z', 'end-datetime': '2026-12-03T23:59:59Z' },
      'contact-info': 'tlsrpt@sender.example',
      'report-id': '2026-12-03T00:00:00Z_example.com',
      policies: [
        {
          policy: { 'policy-type': 'tlsa', 'policy-string': [TLSA], 'policy-domain': 'example.com', 'mx-host': ['mx.example.com'] },
          summary: { 'total-successful-session-count': 2, 'total-failure-session-count': 3 },
          'failure-details': [
            { 'result-type': 'tlsa-invalid', 'sending-mta-ip': '198.51.100.7', 'receiving-mx-hostname': 'mx.example.com', 'receiving-ip': '192.0.2.1', 'failed-session-count': 2, 'additional-information': 'no match' },
            { 'result-type': 'starttls-not-supported', 'sending-mta-ip': '198.51.100.7', 'receiving-mx-hostname': 'mx.example.com', 'receiving-ip': '192.0.2.2', 'failed-session-count': 1 },
          ],
        },
        {
          policy: { 'policy-type': 'sts', 'policy-string': ['version: STSv1', 'mode: enforce', 'mx: *.example.com', 'max_age: 86400'], 'policy-domain': 'example.com', 'mx-host': ['*.example.com'] },
          summary: { 'total-successful-session-count': 1, 'total-failure-session-count': 0 },
        },
      ],
    };
    expect(reports[0]).to.deep.equal(expected);
    expect(reports[1]!.policies[0]!.policy).to.deep.equal({ 'policy-type': 'no-policy-found', 'policy-domain': 'example.com', 'mx-host': ['mx.example.com'] });
    for (const r of reports) expect(valid(r)).to.equal('valid');
  });

  it('the schema refuses what RFC 8460 §4 does not allow (beside the valid report)', () => {
    const rec = new TlsRptRecorder();
    rec.record(tlsa({ success: false, resultType: 'certificate-expired' }));
    const good = rec.reports(ORG)[0]!;
    expect(valid(good)).to.equal('valid');
    const bad = (f: (r: Record<string, any>) => void) => {
      const r = structuredClone(good) as Record<string, any>;
      f(r);
      return valid(r);
    };
    expect(bad((r) => delete r['report-id'])).to.contain('report-id');
    expect(bad((r) => (r.policies[0].policy['policy-type'] = 'dane'))).to.contain('policy-type');
    expect(bad((r) => (r.policies[0]['failure-details'][0]['result-type'] = 'tls-failure'))).to.contain('result-type');
    expect(bad((r) => (r.policies[0].summary['total-failure-session-count'] = -1))).to.contain('total-failure-session-count');
    expect(bad((r) => (r['date-range']['start-datetime'] = '2026-12-03 00:00'))).to.contain('start-datetime');
    expect(bad((r) => (r.policies[0]['failure-details'][0]['receiving-ip'] = 'mx.example.com'))).to.contain('receiving-ip');
    expect(bad((r) => (r.policies = []))).to.contain('policies');
  });

  it(`is bounded: past maxGroups (default MAX_TLSRPT_GROUPS = ${MAX_TLSRPT_GROUPS}) attempts are dropped and counted`, () => {
    const rec = new TlsRptRecorder({ maxGroups: 3 });
    expect(rec.record(tlsa({}))).to.equal(true); // 1 group
    expect(rec.record(tlsa({ success: false, resultType: 'tlsa-invalid' }))).to.equal(true); // + 1 detail
    expect(rec.record(tlsa({}))).to.equal(true); // same group
    expect(rec.record(tlsa({ mxHost: 'mx2.example.com' }))).to.equal(true); // 3
    expect(rec.record(tlsa({ mxHost: 'mx3.example.com' }))).to.equal(false);
    expect(rec.record(tlsa({ success: false, resultType: 'starttls-not-supported' }))).to.equal(false);
    expect(rec.dropped).to.equal(2);
  });

  it('refuses attempts that are not ones (caller misuse), with what was expected', () => {
    const rec = new TlsRptRecorder();
    expect(() => rec.record(tlsa({ success: false }))).to.throw(TypeError, 'resultType');
    expect(() => rec.record(tlsa({ success: false, resultType: 'nope' as never }))).to.throw(TypeError, 'result types');
    expect(() => rec.record(tlsa({ at: new Date('x') }))).to.throw(TypeError, 'valid Date');
    expect(() => rec.record(tlsa({ policyDomain: 'exa mple.com' }))).to.throw(TypeError, 'domain name');
    expect(() => rec.record(tlsa({ additionalInformation: 'a\r\nBcc: x' }))).to.throw(TypeError, 'control characters');
    expect(() => rec.record(tlsa({ policy: { type: 'dane' as never } }))).to.throw(TypeError, 'policy.type');
  });
});

describe('mail-policy/tlsrpt-delivery: gzip, file name, MIME (RFC 8460 §5)', () => {
  const rec = new TlsRptRecorder();
  rec.record(tlsa({ success: false, resultType: 'validation-failure' }));
  const report = rec.reports(ORG)[0]!;

  it('file name: <submitter>!<policy-domain>!<begin>!<end>[!<id>].json[.gz], timestamps in seconds (§5.1)', () => {
    const begin = Date.UTC(2026, 11, 3) / 1000;
    expect(tlsRptFileName(report, { submitter: 'mail.sender.example' })).to.equal(`mail.sender.example!example.com!${begin}!${begin + 86_399}.json.gz`);
    expect(tlsRptFileName(report, { submitter: 'mail.sender.example.', gzip: false, uniqueId: '001' })).to.equal(`mail.sender.example!example.com!${begin}!${begin + 86_399}!001.json`);
    expect(() => tlsRptFileName(report, { submitter: 'a!b' })).to.throw(TypeError);
    expect(() => tlsRptFileName(report, { submitter: 's.example', uniqueId: '../x' })).to.throw(TypeError);
  });

  it('gzip round-trips to the same report', () => {
    expect(JSON.parse(gunzipSync(gzipTlsRptReport(report)).toString('utf8'))).to.deep.equal(report);
  });

  it('the message: multipart/report; report-type="tlsrpt", the headers of §5.3, the report as application/tlsrpt+gzip', () => {
    const m = tlsRptMessage(report, { submitter: 'mail.sender.example', from: 'tlsrpt@sender.example', to: 'tlsrpt@example.com', date: new Date(Date.UTC(2026, 11, 4, 1)), messageId: '<1@mail.sender.example>' });
    const [head, ...rest] = m.split('\r\n\r\n');
    expect(head).to.contain('Subject: Report Domain: example.com Submitter: mail.sender.example Report-ID: <2026-12-03T00:00:00Z_example.com>');
    expect(head).to.contain('TLS-Report-Domain: example.com\r\nTLS-Report-Submitter: mail.sender.example');
    expect(head).to.match(/Content-Type: multipart\/report; report-type="tlsrpt"; boundary="(tlsrpt-[0-9a-f]+)"/);
    expect(head).to.contain('Date: Fri, 04 Dec 2026 01:00:00 +0000');
    const boundary = /boundary="([^"]+)"/.exec(head!)![1]!;
    const body = rest.join('\r\n\r\n');
    const parts = body.split(`--${boundary}`);
    expect(parts.at(-1)).to.equal('--\r\n');
    const attachment = parts[2]!;
    expect(attachment).to.contain('Content-Type: application/tlsrpt+gzip').and.contain(`filename="${tlsRptFileName(report, { submitter: 'mail.sender.example' })}"`);
    const b64 = attachment.split('\r\n\r\n')[1]!.replace(/\r\n/g, '');
    expect(JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8'))).to.deep.equal(report);
    for (const line of m.split('\r\n')) expect(line.length).to.be.at.most(998);
  });

  it('refuses header injection', () => {
    expect(() => tlsRptMessage(report, { submitter: 'mail.sender.example', from: 'a@b\r\nBcc: c@d', to: 'x@y' })).to.throw(TypeError, 'from');
    expect(() => tlsRptMessage(report, { submitter: 'mail.sender.example\r\nX: y', from: 'a@b', to: 'x@y' })).to.throw(TypeError, 'submitter');
  });
});

describe('dane/tlsrpt-outcomes: attempts from verifyDane results and connect-plan verdicts', function () {
  this.timeout(60_000);
  let world: TestWorld;
  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx', '@ MX 20 bad'] },
        'plain.': { unsigned: true, records: ['mx A 127.0.0.70'] },
        'nodane.example.': { records: ['@ MX 10 mx.plain.'] },
      },
      mailServers: { 'mx.ok.example.': {}, 'bad.ok.example.': { tlsa: ['3 1 1 0000000000000000000000000000000000000000000000000000000000000000'] } },
    });
  });
  after(async () => {
    await world?.close();
  });
  const opts = () => ({ resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000, shareValidator: false });

  it('a verifyDane result: one success and one tlsa-invalid failure, under tlsa policies with the TLSA records; schema-valid', async () => {
    const r = await verifyDane('ok.example', opts());
    expect(r.hosts.map((h) => h.outcome)).to.deep.equal(['authenticated', 'failed']);
    const at = new Date(Date.UTC(2026, 11, 3, 12));
    const attempts = attemptsFromDaneResult(r, { at, sendingMtaIp: '198.51.100.7' });
    expect(attempts.map((a) => [a.mxHost, a.success, a.resultType, a.policy.type])).to.deep.equal([
      ['mx.ok.example', true, undefined, 'tlsa'],
      ['bad.ok.example', false, 'tlsa-invalid', 'tlsa'],
    ]);
    expect(attempts[1]!.policy.strings).to.deep.equal(r.hosts[1]!.policy.tlsa.map((t) => t.text));
    const rec = new TlsRptRecorder();
    for (const a of attempts) rec.record(a);
    const [report] = rec.reports(ORG);
    expect(valid(report)).to.equal('valid');
    expect(report!.policies.map((p) => [p.policy['policy-domain'], p.policy['mx-host'], p.summary])).to.deep.equal([
      ['ok.example', ['mx.ok.example'], { 'total-successful-session-count': 1, 'total-failure-session-count': 0 }],
      ['ok.example', ['bad.ok.example'], { 'total-successful-session-count': 0, 'total-failure-session-count': 1 }],
    ]);
    expect(report!.policies[1]!['failure-details']![0]).to.include({ 'result-type': 'tlsa-invalid', 'receiving-ip': world.mailServers.get('bad.ok.example.')!.address, 'sending-mta-ip': '198.51.100.7' });
  });

  it('connect-plan verdicts and skipped hosts (an MTA that owns its sockets)', async () => {
    const plan = connectPlan(await resolveDanePolicy('ok.example', opts()), { port: world.mailPort });
    const [good, bad] = plan.targets;
    const ok = attemptFromVerdict('ok.example.', good!, { ok: true, authenticated: true, reason: 'matched' });
    expect([ok.success, ok.policy.type, ok.receivingIp, ok.mxHost]).to.deep.equal([true, 'tlsa', good!.address, 'mx.ok.example']);
    const error = new DaneVerificationError({ ok: false, code: 'no-match', tlsrpt: 'tlsa-invalid', reason: 'no TLSA record matched', records: [] } as never);
    const failed = attemptFromVerdict('ok.example.', bad!, { ok: false, tlsrpt: 'tlsa-invalid', reason: 'no TLSA record matched', error });
    expect([failed.success, failed.resultType]).to.deep.equal([false, 'tlsa-invalid']);
    const plan2 = connectPlan(await resolveDanePolicy('nodane.example', opts()), { requireDane: true });
    const skipped = attemptFromSkipped('nodane.example', plan2.skipped[0]!);
    expect([skipped?.resultType, skipped?.policy.type]).to.deep.equal(['dane-required', 'no-policy-found']);
    const rec = new TlsRptRecorder();
    for (const a of [ok, failed, skipped!]) rec.record(a);
    for (const r of rec.reports(ORG)) expect(valid(r)).to.equal('valid');
  });
});
