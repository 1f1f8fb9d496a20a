/**
 * The JSON Schemas in schemas/ (issue #15) against real `--json` outputs of the CLI, run through
 * `runCli` on the test world: every outcome kind of the domain check, `resolve` for each status and
 * answer kind, `tlsa` and `rollover`, validated with ajv (draft 2020-12, strict mode). Beside them,
 * mutated outputs that each schema must refuse (a required field gone, an unknown status, a field
 * the output never has, a pass where the output must say no), and the schemas' own consistency with
 * the code: the `schema` number, the `$id`, and every enum against the TypeScript type it mirrors.
 */
import { expect } from 'chai';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { TestWorld } from '../../src/testing/world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { createTestCertificate, pemBundle } from '../../src/testing/certs.ts';
import { runCli } from '../../src/cli/run.ts';
import { REPORT_SCHEMA_VERSION } from '../../src/cli/report.ts';
import { RESOLVE_SCHEMA_VERSION } from '../../src/cli/resolve-command.ts';
import { TLSA_SCHEMA_VERSION } from '../../src/cli/tlsa-command.ts';
import { ROLLOVER_SCHEMA_VERSION } from '../../src/cli/rollover-command.ts';
import { TLSRPT_DANE_TYPES, TLSRPT_NEGOTIATION_TYPES, TLSRPT_STS_TYPES } from '../../src/dane/tlsrpt.ts';
import type { DaneOutcome } from '../../src/dane/verify.ts';
import type { HostPolicyKind, MxInfo, DanePolicy } from '../../src/dane/policy.ts';
import type { ReasonCode, SecurityStatus } from '../../src/dnssec/status.ts';
import type { AnswerKind } from '../../src/dnssec/validator.ts';
import type { ChainLink } from '../../src/dnssec/keychain.ts';
import type { TranscriptEntry } from '../../src/smtp/session.ts';
import type { CallBudgetLimits } from '../../src/dnssec/call-budget.ts';
import type { TlsRptLookupResult, TlsRptRecordErrorCode } from '../../src/mail-policy/tlsrpt-record.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SCHEMAS = new URL('../../schemas/', import.meta.url);
const schemaFile = (name: string) => JSON.parse(readFileSync(new URL(name, SCHEMAS), 'utf8')) as Json;

/**
 * Every member of a TypeScript union, as a list the compiler checks: a member added to the type
 * and missing here (or one here the type lacks) fails `npm run typecheck`.
 */
function members<T extends string | number>(all: Record<T, true>): T[] {
  return Object.keys(all).map((k) => (/^[0-9]+$/.test(k) ? Number(k) : k) as T);
}
const STATUSES = members<SecurityStatus>({ secure: true, insecure: true, bogus: true, indeterminate: true });
const OUTCOMES = members<DaneOutcome>({ authenticated: true, failed: true, unauthenticated: true, none: true, bogus: true, error: true });
const POLICIES = members<HostPolicyKind>({ dane: true, 'mandatory-tls': true, none: true, 'no-delivery': true });
const MX_KINDS = members<MxInfo['kind']>({ answer: true, implicit: true, null: true, nxdomain: true, error: true, host: true });
const ACTIONS = members<DanePolicy['action']>({ deliver: true, defer: true, 'no-mail': true });
const ANSWER_KINDS = members<AnswerKind>({ answer: true, nodata: true, nxdomain: true, error: true });
const VIA = members<ChainLink['via']>({ 'trust-anchor': true, ds: true });
const FROM = members<TranscriptEntry['from']>({ client: true, server: true, event: true });
const TLSRPT_OUTCOMES = members<TlsRptLookupResult['outcome']>({ policy: true, none: true, multiple: true, invalid: true, failed: true });
const BOUNDS = members<keyof CallBudgetLimits>({ deadlineMs: true, maxQueries: true, maxSignatureChecks: true, maxNsec3HashWork: true, maxSmtpSessions: true, maxConcurrentSmtpSessions: true, maxCertificateBytes: true });
const REASON_CODES = members<ReasonCode>({
  'no-trust-anchor': true, 'network-error': true, 'upstream-error': true, 'upstream-strips-dnssec': true, 'malformed-response': true,
  'rrsigs-missing': true, 'signature-invalid': true, 'signature-expired': true, 'signature-not-yet-valid': true, 'dnskey-missing': true,
  'ds-mismatch': true, 'no-zone-key': true, 'unsupported-algorithm': true, 'unsupported-digest': true, 'insecure-delegation': true,
  'nsec-missing': true, 'denial-invalid': true, 'nsec3-iterations': true, 'nsec3-unsupported-hash': true, 'nsec3-opt-out': true,
  'wildcard-invalid': true, 'cname-invalid': true, 'dname-invalid': true, 'unexpected-signer': true, 'limit-exceeded': true,
  'budget-exhausted': true, 'lame-answer': true,
});
const TLSRPT_ERRORS = members<TlsRptRecordErrorCode>({
  'invalid-character': true, version: true, 'missing-semicolon': true, 'no-fields': true, 'empty-field': true, 'trailing-whitespace': true,
  'malformed-field': true, 'invalid-field-name': true, 'invalid-field-value': true, 'missing-rua': true, 'invalid-uri': true, 'no-supported-rua': true,
});

const sorted = <T>(a: readonly T[]) => [...a].map(String).sort();

describe('JSON Schemas of the --json outputs (schemas/)', function () {
  this.timeout(120_000);
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  const check = ajv.compile(schemaFile('check-v1.schema.json'));
  const resolve = ajv.compile(schemaFile('resolve-v1.schema.json'));
  const tlsa = ajv.compile(schemaFile('tlsa-v1.schema.json'));
  const rollover = ajv.compile(schemaFile('rollover-v1.schema.json'));

  /** Asserts that `doc` is valid, showing ajv's errors when it is not. */
  function valid(validate: ValidateFunction, doc: unknown, what: string): void {
    const ok = validate(doc);
    expect(ok, `${what}: ${JSON.stringify(validate.errors, null, 2)}\n${JSON.stringify(doc, null, 2).slice(0, 4000)}`).to.equal(true);
  }
  /** Asserts that `doc` is refused, and that one of the errors is at `path` (a JSON pointer). */
  function refused(validate: ValidateFunction, doc: unknown, path: string): void {
    expect(validate(doc), `accepted a mutated output (${path})`).to.equal(false);
    expect(validate.errors!.map((e) => e.instancePath), JSON.stringify(validate.errors)).to.include(path);
  }
  const clone = (j: Json): Json => structuredClone(j);

  describe('the schemas themselves', () => {
    it('one file per output, each named and identified by the schema number the code writes', () => {
      const versions: Record<string, number> = { check: REPORT_SCHEMA_VERSION, resolve: RESOLVE_SCHEMA_VERSION, tlsa: TLSA_SCHEMA_VERSION, rollover: ROLLOVER_SCHEMA_VERSION };
      // Beside them, the TLS-RPT report format of RFC 8460 §4 (not an output of ours with a `schema`
      // field: test/mail-policy/tlsrpt-report.test.ts checks the reports against it), and the scan
      // summary (test/cli/scan.test.ts validates real ones).
      expect(readdirSync(SCHEMAS).sort()).to.deep.equal([...Object.entries(versions).map(([k, v]) => `${k}-v${v}.schema.json`), 'scan-summary-v1.schema.json', 'tlsrpt-report.schema.json'].sort());
      for (const [k, v] of Object.entries(versions)) {
        const s = schemaFile(`${k}-v${v}.schema.json`);
        expect(s.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
        expect(s.$id).to.equal(`https://github.com/dane-verify/dane-verify/raw/main/schemas/${k}-v${v}.schema.json`);
        expect(s.properties.schema).to.deep.include({ const: v });
        expect(s.required).to.include('schema');
        expect(s.additionalProperties, k).to.equal(false);
      }
    });

    it('enums hold exactly the members of the TypeScript types they mirror', () => {
      const c = schemaFile('check-v1.schema.json');
      const r = schemaFile('resolve-v1.schema.json');
      const d = c.$defs;
      expect(sorted(d.securityStatus.enum)).to.deep.equal(sorted(STATUSES));
      expect(sorted(r.$defs.securityStatus.enum)).to.deep.equal(sorted(STATUSES));
      expect(sorted(d.outcome.enum)).to.deep.equal(sorted(OUTCOMES));
      expect(sorted(d.host.properties.policy.enum)).to.deep.equal(sorted(POLICIES));
      expect(sorted(c.properties.mx.properties.kind.enum)).to.deep.equal(sorted(MX_KINDS));
      expect(sorted(c.properties.action.enum)).to.deep.equal(sorted(ACTIONS));
      expect(sorted(r.properties.kind.enum)).to.deep.equal(sorted(ANSWER_KINDS));
      for (const s of [c, r]) {
        expect(sorted(s.$defs.chain.items.properties.via.enum)).to.deep.equal(sorted(VIA));
        expect(sorted(s.$defs.reason.properties.code.enum)).to.deep.equal(sorted(REASON_CODES));
      }
      expect(sorted(d.address.properties.transcript.items.properties.from.enum)).to.deep.equal(sorted(FROM));
      expect(sorted(d.tlsRptResultType.enum)).to.deep.equal(sorted([...TLSRPT_NEGOTIATION_TYPES, ...TLSRPT_DANE_TYPES, ...TLSRPT_STS_TYPES]));
      expect(sorted(d.tlsRpt.properties.outcome.enum)).to.deep.equal(sorted(TLSRPT_OUTCOMES));
      expect(sorted(d.tlsRpt.properties.error.enum)).to.deep.equal(sorted(TLSRPT_ERRORS));
      expect(sorted(d.budget.properties.exhausted.properties.bound.enum)).to.deep.equal(sorted(BOUNDS));
      expect(sorted(d.budget.properties.limits.required)).to.deep.equal(sorted(BOUNDS));
    });
  });

  describe('on the test world', () => {
    let world: TestWorld;
    let dir: string;
    let net: string[];
    /** The network flags without `--port` (resolve takes none). */
    let dns: string[];
    const outputs: { check: Json[]; resolve: Json[]; tlsa: Json[]; rollover: Json[] } = { check: [], resolve: [], tlsa: [], rollover: [] };

    before(async () => {
      ({ world, dir, net } = await cliWorld({
        zones: {
          'example.': { records: ['nxmx MX 10 nowhere.example.'] },
          'ok.example.': { records: ['@ MX 10 mx', 'www CNAME mx', '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@ok.example"'] },
          'ta.example.': { records: ['@ MX 10 mx'] },
          'bad.example.': { records: ['@ MX 10 mx', '_smtp._tls TXT "v=TLSRPTv1; rua=ftp://reports.bad.example"'] },
          'bogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
          'plain.example.': { unsigned: true, records: ['@ MX 10 mx'] },
          'unusable.example.': { records: ['@ MX 10 mx'] },
          'nostarttls.example.': { records: ['@ MX 10 mx'] },
          'nullmx.example.': { records: ['@ MX 0 .'] },
          'implicit.example.': { records: ['@ A 127.0.0.99'] },
        },
        mailServers: {
          'mx.ok.example.': {},
          'mx.ta.example.': { certificate: 'chain', tlsa: ['2 1 1'] },
          'mx.bad.example.': { tlsa: ['3 1 1 ' + '00'.repeat(32), '3 1 2 ' + '11'.repeat(64)] },
          'mx.bogus.example.': {},
          'mx.plain.example.': { tlsa: [] },
          'mx.unusable.example.': { tlsa: ['1 1 1', '0 0 1'] },
          'mx.nostarttls.example.': { mode: 'no-starttls' },
        },
      }, { prefix: 'dane-verify-schemas-' }));
      dns = net.slice(0, 4);
    });
    after(async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      await world?.close();
    });

    async function json(args: string[], exit: number): Promise<Json> {
      const r = await runCli([...args, '--json']);
      expect(r.exitCode, `${args.join(' ')}: ${r.stdout}${r.stderr}`).to.equal(exit);
      return JSON.parse(r.stdout) as Json;
    }

    describe('dane-verify <domain> --json (check-v1)', () => {
      const cases: { args: () => string[]; exit: number; what: string; expect: (j: Json) => void }[] = [
        { what: 'authenticated (DANE-EE), with a TLS-RPT policy', args: () => ['ok.example.', ...net], exit: 0, expect: (j) => {
          expect(j.hosts[0].outcome).to.equal('authenticated');
          expect(j.tlsRpt.outcome).to.equal('policy');
        } },
        { what: 'authenticated with -v: chains, reasons, transcript', args: () => ['ok.example.', ...net, '-v'], exit: 0, expect: (j) => {
          expect(j.mx.chain).to.be.an('array').that.is.not.empty;
          expect(j.hosts[0].addresses[0].transcript).to.be.an('array').that.is.not.empty;
        } },
        { what: 'authenticated by DANE-TA at depth 1', args: () => ['ta.example.', ...net], exit: 0, expect: (j) => expect(j.hosts[0].addresses[0].matched).to.deep.include({ usage: 'DANE-TA', depth: 1 }) },
        { what: 'mismatch, with a 3 1 1 record beside a 3 1 2 one, and an invalid TLS-RPT record', args: () => ['bad.example.', ...net], exit: 1, expect: (j) => {
          expect(j.hosts[0]).to.include({ outcome: 'failed', tlsrpt: 'tlsa-invalid' });
          expect(j.hosts[0].addresses[0].records).to.have.length(2);
          expect(j.tlsRpt).to.include({ outcome: 'invalid', error: 'no-supported-rua' });
        } },
        { what: 'bogus TLSA', args: () => ['bogus.example.', ...net], exit: 1, expect: (j) => expect(j.hosts[0]).to.include({ outcome: 'bogus', policy: 'no-delivery', tlsrpt: 'dnssec-invalid' }) },
        { what: 'insecure (unsigned zone): no DANE', args: () => ['plain.example.', ...net], exit: 2, expect: (j) => {
          expect(j.mx.status).to.equal('insecure');
          expect(j.hosts[0]).to.include({ outcome: 'none', policy: 'none' });
        } },
        { what: 'insecure with --require-dane: failed, dane-required', args: () => ['plain.example.', ...net, '--require-dane'], exit: 1, expect: (j) => expect(j.hosts[0]).to.include({ outcome: 'failed', tlsrpt: 'dane-required' }) },
        { what: 'only unusable TLSA records: mandatory TLS, unauthenticated', args: () => ['unusable.example.', ...net], exit: 2, expect: (j) => {
          expect(j.hosts[0]).to.include({ outcome: 'unauthenticated', policy: 'mandatory-tls' });
          expect(j.hosts[0].tlsa.map((t: Json) => t.usable)).to.deep.equal([false, false]);
        } },
        { what: 'no STARTTLS where DANE applies', args: () => ['nostarttls.example.', ...net], exit: 1, expect: (j) => expect(j.hosts[0]).to.include({ outcome: 'failed', tlsrpt: 'starttls-not-supported' }) },
        { what: 'null MX: takes no mail', args: () => ['nullmx.example.', ...net], exit: 2, expect: (j) => expect(j).to.deep.include({ action: 'no-mail', hosts: [] }) },
        { what: 'no MX: the domain is its own MX (implicit), no TLSA', args: () => ['implicit.example.', ...net], exit: 2, expect: (j) => expect(j.mx.kind).to.equal('implicit') },
        { what: 'NXDOMAIN', args: () => ['nothing.example.', ...net], exit: 2, expect: (j) => expect(j.mx.kind).to.equal('nxdomain') },
        { what: 'an MX host that does not exist', args: () => ['nxmx.example.', ...net], exit: 3, expect: (j) => expect(j.hosts[0].policy).to.equal('no-delivery') },
        { what: 'temporary failure: resolver unreachable', args: () => ['ok.example.', '--resolver', '127.0.0.1:9', '--trust-anchor', join(dir, 'anchor.ds'), '--timeout', '200'], exit: 3, expect: (j) => expect(j).to.deep.include({ action: 'defer', hosts: [] }) },
        { what: 'the policy only (--no-connect)', args: () => ['ok.example.', ...net, '--no-connect'], exit: 0, expect: (j) => expect(j).to.deep.include({ connected: false }) },
        { what: 'one host (--host): no TLS-RPT', args: () => ['--host', 'mx.ok.example.', ...net], exit: 0, expect: (j) => {
          expect(j.mx.kind).to.equal('host');
          expect(j).to.not.have.property('tlsRpt');
        } },
        { what: 'a host reached through a CNAME', args: () => ['--host', 'www.ok.example.', ...net], exit: 0, expect: (j) => expect(j.hosts[0]).to.have.property('canonicalName', 'mx.ok.example.') },
        { what: 'the budget running out (deadline)', args: () => ['ok.example.', ...net, '--deadline', '1'], exit: 3, expect: (j) => expect(j.budget.exhausted.bound).to.equal('deadlineMs') },
      ];
      for (const c of cases) {
        it(`${c.what}: valid`, async () => {
          const j = await json(c.args(), c.exit);
          c.expect(j);
          valid(check, j, c.what);
          outputs.check.push(j);
        });
      }

      it('the outputs above cover every host outcome, host policy, MX kind, action and exit code', () => {
        const seen = (f: (j: Json) => unknown[]) => sorted([...new Set(outputs.check.flatMap(f))]);
        expect(seen((j) => j.hosts.map((h: Json) => h.outcome))).to.deep.equal(sorted(OUTCOMES));
        expect(seen((j) => j.hosts.map((h: Json) => h.policy))).to.deep.equal(sorted(POLICIES));
        expect(seen((j) => [j.mx.kind])).to.deep.equal(sorted(MX_KINDS));
        expect(seen((j) => [j.action])).to.deep.equal(sorted(ACTIONS));
        expect(seen((j) => [j.exitCode])).to.deep.equal(['0', '1', '2', '3']);
      });

      it('refuses mutated outputs: a missing field, an unknown outcome or status, a field it never has, a pass without DANE', () => {
        const [ok, verbose] = outputs.check;
        expect(ok, 'the cases above ran').to.not.equal(undefined);
        const cut = clone(ok!);
        delete cut.hosts[0].outcome;
        refused(check, cut, '/hosts/0');
        const noBudget = clone(ok!);
        delete noBudget.budget;
        refused(check, noBudget, '');
        const passed = clone(ok!);
        passed.hosts[0].outcome = 'passed';
        refused(check, passed, '/hosts/0/outcome');
        const status = clone(ok!);
        status.mx.status = 'valid';
        refused(check, status, '/mx/status');
        const exit = clone(ok!);
        exit.exitCode = 4;
        refused(check, exit, '/exitCode');
        const extra = clone(ok!);
        extra.hosts[0].addresses[0].verified = true;
        refused(check, extra, '/hosts/0/addresses/0');
        const schema = clone(ok!);
        schema.schema = 2;
        refused(check, schema, '/schema');
        // Authenticated needs DANE: a host without it, or an address without the record it matched.
        const noDane = clone(ok!);
        noDane.hosts[0].policy = 'none';
        refused(check, noDane, '/hosts/0/policy');
        const noMatch = clone(ok!);
        delete noMatch.hosts[0].addresses[0].matched;
        refused(check, noMatch, '/hosts/0/addresses/0');
        const chain = clone(verbose!);
        chain.hosts[0].chain[0].via = 'ad-bit';
        refused(check, chain, '/hosts/0/chain/0/via');
      });

      it('refuses a bogus host that is not reported dnssec-invalid, and a failed TLS-RPT lookup that claims a secure answer', () => {
        const bogus = outputs.check.find((j) => j.hosts[0]?.outcome === 'bogus');
        expect(bogus).to.not.equal(undefined);
        const b = clone(bogus!);
        b.hosts[0].tlsrpt = 'tlsa-invalid';
        refused(check, b, '/hosts/0/tlsrpt');
        const rpt = clone(bogus!);
        rpt.tlsRpt = { name: '_smtp._tls.bogus.example.', outcome: 'failed', dnssec: 'secure', reason: 'x' };
        refused(check, rpt, '/tlsRpt/dnssec');
      });
    });

    describe('dane-verify resolve --json (resolve-v1)', () => {
      // The world's TLSA records sit at _<mailPort>._tcp; `_25` stands for it here.
      const cases: { args: string[]; exit: number; expect: Partial<Record<'status' | 'kind', string>> }[] = [
        { args: ['mx.ok.example.', 'A'], exit: 0, expect: { status: 'secure', kind: 'answer' } },
        { args: ['www.ok.example.', 'A'], exit: 0, expect: { status: 'secure', kind: 'answer' } },
        { args: ['_25._tcp.mx.bad.example.', 'TLSA'], exit: 0, expect: { status: 'secure', kind: 'answer' } },
        { args: ['mx.ok.example.', 'AAAA'], exit: 0, expect: { status: 'secure', kind: 'nodata' } },
        { args: ['nothing.ok.example.', 'A'], exit: 0, expect: { status: 'secure', kind: 'nxdomain' } },
        { args: ['mx.plain.example.', 'A'], exit: 2, expect: { status: 'insecure', kind: 'answer' } },
        { args: ['_25._tcp.mx.bogus.example.', 'TLSA'], exit: 1, expect: { status: 'bogus' } },
        { args: ['mx.ok.example.', 'TYPE65280'], exit: 0, expect: { status: 'secure', kind: 'nodata' } },
      ];
      for (const c of cases) {
        it(`${c.args.join(' ')}: ${c.expect.status} ${c.expect.kind ?? ''}, valid`, async () => {
          const j = await json(['resolve', ...c.args.map((a) => a.replace('_25.', `_${world.mailPort}.`)), ...dns], c.exit);
          expect(j).to.include(c.expect);
          valid(resolve, j, c.args.join(' '));
          outputs.resolve.push(j);
        });
      }

      it('indeterminate (resolver unreachable): valid', async () => {
        const j = await json(['resolve', 'mx.ok.example.', 'A', '--resolver', '127.0.0.1:9', '--trust-anchor', join(dir, 'anchor.ds'), '--timeout', '200'], 3);
        expect(j.status).to.equal('indeterminate');
        valid(resolve, j, 'indeterminate');
      });

      it('refuses mutated outputs: a missing field, an unknown status, records in a bogus answer', () => {
        const ok = outputs.resolve.find((j) => j.status === 'secure' && j.kind === 'answer');
        const bogus = outputs.resolve.find((j) => j.status === 'bogus');
        expect(ok && bogus, 'the cases above ran').to.not.equal(undefined);
        const cut = clone(ok!);
        delete cut.status;
        refused(resolve, cut, '');
        const unknown = clone(ok!);
        unknown.status = 'validated';
        refused(resolve, unknown, '/status');
        const kind = clone(ok!);
        kind.kind = 'referral';
        refused(resolve, kind, '/kind');
        const leaked = clone(bogus!);
        leaked.records = [ok!.records[0]];
        refused(resolve, leaked, '/records');
        const ede = clone(bogus!);
        ede.reasons[0].code = 'looks-wrong';
        refused(resolve, ede, '/reasons/0/code');
      });
    });

    describe('dane-verify tlsa --json (tlsa-v1)', () => {
      const params: { flags: string[]; warnings: boolean }[] = [
        { flags: [], warnings: false },
        { flags: ['--mtype', '2'], warnings: true },
        { flags: ['--selector', '0', '--mtype', '0'], warnings: true },
        { flags: ['--usage', '2', '--host', 'mx.example.net', '--port', '587'], warnings: true },
        { flags: ['--usage', '1'], warnings: true },
      ];
      for (const keyType of ['ec', 'rsa', 'ed25519'] as const) {
        for (const p of params) {
          it(`${keyType} key ${p.flags.join(' ') || '(3 1 1)'}: valid`, async () => {
            const file = join(dir, `tlsa-${keyType}.pem`);
            writeFileSync(file, pemBundle([createTestCertificate({ subjectCN: 'mx.example.net', dnsNames: ['mx.example.net'], keyType })]));
            const j = await json(['tlsa', '--cert', file, ...p.flags], 0);
            expect(j.warnings.length > 0, j.warnings.join('; ')).to.equal(p.warnings);
            valid(tlsa, j, p.flags.join(' '));
            outputs.tlsa.push(j);
          });
        }
      }

      it('refuses mutated outputs: a missing field, a matching type outside the registry, a digest of the wrong length', () => {
        const ok = outputs.tlsa[0]!;
        const cut = clone(ok);
        delete cut.data;
        refused(tlsa, cut, '');
        const mtype = clone(ok);
        mtype.matchingType = 3;
        refused(tlsa, mtype, '/matchingType');
        const short = clone(ok);
        short.data = short.data.slice(2);
        refused(tlsa, short, '/data');
        const upper = clone(ok);
        upper.warnings = 'none';
        refused(tlsa, upper, '/warnings');
      });
    });

    describe('dane-verify rollover --json (rollover-v1)', () => {
      let nextPem: string;
      let samePem: string;
      before(() => {
        nextPem = join(dir, 'next.pem');
        writeFileSync(nextPem, pemBundle([createTestCertificate({ subjectCN: 'mx.ok.example', dnsNames: ['mx.ok.example'], keyType: 'rsa' })]));
        samePem = join(dir, 'same.pem');
        writeFileSync(samePem, pemBundle([world.mailServers.get('mx.ok.example.')!.chain[0]!]));
      });
      const cases: { what: string; args: () => string[]; exit: number; safe: boolean }[] = [
        { what: 'safe: the next certificate is already published', args: () => ['mx.ok.example.', '--next', samePem, ...net], exit: 0, safe: true },
        { what: 'not safe: the next key is not published', args: () => ['mx.ok.example.', '--next', nextPem, ...net], exit: 1, safe: false },
        { what: 'not safe: the current certificate does not match', args: () => ['mx.bad.example.', '--next', nextPem, ...net], exit: 1, safe: false },
        { what: 'no DANE: not checked', args: () => ['mx.plain.example.', '--next', nextPem, ...net], exit: 1, safe: false },
        { what: 'bogus TLSA', args: () => ['mx.bogus.example.', '--next', nextPem, ...net], exit: 1, safe: false },
        { what: 'temporary failure: resolver unreachable', args: () => ['mx.ok.example.', '--next', nextPem, '--resolver', '127.0.0.1:9', '--trust-anchor', join(dir, 'anchor.ds'), '--timeout', '200'], exit: 3, safe: false },
      ];
      for (const c of cases) {
        it(`${c.what}: valid`, async () => {
          const j = await json(['rollover', ...c.args()], c.exit);
          expect(j.safe).to.equal(c.safe);
          valid(rollover, j, c.what);
          outputs.rollover.push(j);
        });
      }

      it('refuses mutated outputs: a missing field, safe with a failed check, an exit code it never gives', () => {
        const [safe, notSafe] = outputs.rollover;
        expect(safe && notSafe, 'the cases above ran').to.not.equal(undefined);
        const cut = clone(safe!);
        delete cut.next;
        refused(rollover, cut, '');
        const claim = clone(notSafe!);
        claim.safe = true;
        refused(rollover, claim, '/exitCode');
        const exit = clone(safe!);
        exit.exitCode = 2;
        refused(rollover, exit, '/exitCode');
        const unchecked = clone(outputs.rollover[3]!);
        unchecked.next.matched = true;
        refused(rollover, unchecked, '/next/matched');
        // The steps: a wait without its seconds, a publish without its lines, an unknown action.
        const steps = clone(notSafe!);
        expect(steps.steps.map((x: { action: string }) => x.action)).to.include.members(['publish', 'wait', 'swap', 'remove']);
        const wait = steps.steps.find((x: { action: string }) => x.action === 'wait');
        delete wait.seconds;
        refused(rollover, steps, '/steps/1');
        const publish = clone(notSafe!);
        delete publish.steps[0].lines;
        refused(rollover, publish, '/steps/0');
        const unknown = clone(notSafe!);
        unknown.steps[0].action = 'pray';
        refused(rollover, unknown, '/steps/0/action');
      });
    });
  });
});
