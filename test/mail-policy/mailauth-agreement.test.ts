/**
 * Our MTA-STS parsers beside an independent implementation on the same inputs: mailauth (postalsys,
 * MIT; the library mx-connect and Nodemailer-based MTAs use), pinned at 7.1.0, in its `strict: true`
 * mode, which follows the RFC 8461 ABNF more closely than its default. Its `parsePolicy`,
 * `resolvePolicy` (with a resolver that returns our TXT strings) and `validateMx` are pure.
 *
 * Every input has both answers written down; where they differ, `why` says why ours is the RFC's
 * reading. In short: mailauth's strict mode skips lines it cannot read (blank lines, lines without
 * `key:`, malformed keys, empty or control-holding values) where we refuse the policy, since the
 * ABNF of RFC 8461 §3.2 has no place for them; and it leaves size to its fetcher. On TXT records
 * and on valid policies they agree; properties check that on generated ones.
 *
 * mailauth 7.1.0 declares node >= 22.19 (engines) and runs these pure functions on Node 20.
 * No TLS-RPT record parser on npm was found to compare with (see docs/mail-policy.md).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import sts from 'mailauth/lib/mta-sts.js';
import { formatMtaStsPolicy, mxMatchesPolicy, parseMtaStsPolicy } from '../../src/mail-policy/mta-sts-policy.ts';
import { formatMtaStsRecord, parseMtaStsRecord, selectMtaStsRecord } from '../../src/mail-policy/mta-sts-record.ts';
import { extName, extValue, label, mxPattern, stsId, SEED } from './arbitraries.ts';
import { mtaStsHostVerdict } from '../../src/mail-policy/mta-sts-lookup.ts';

/** MX host matching, case by case (RFC 8461 §4.1); `why` where the answers differ. */
const MX_CASES: readonly { readonly host: string; readonly patterns: readonly string[]; readonly ours: boolean; readonly mailauth: boolean; readonly why?: string }[] = [
  { host: 'mail.example.com', patterns: ['mail.example.com'], ours: true, mailauth: true },
  { host: 'MAIL.Example.COM.', patterns: ['mail.example.com'], ours: true, mailauth: true },
  { host: 'x.example.com', patterns: ['*.example.com'], ours: true, mailauth: true },
  { host: 'a.b.example.com', patterns: ['*.example.com'], ours: false, mailauth: false },
  { host: 'example.com', patterns: ['*.example.com'], ours: false, mailauth: false },
  { host: '*.example.com', patterns: ['*.example.com'], ours: false, mailauth: false },
  { host: '', patterns: ['mail.example.com'], ours: false, mailauth: false },
  { host: 'a..example.com', patterns: ['*.example.com'], ours: false, mailauth: false },
  { host: 'münchen.example.com', patterns: ['xn--mnchen-3ya.example.com'], ours: false, mailauth: true, why: 'mailauth converts U-labels to A-labels; we take the host as DNS gives it (A-labels) and match nothing for a non-ASCII host rather than guess a conversion (callers pass A-labels)' },
  { host: ' mail.example.com ', patterns: ['mail.example.com'], ours: false, mailauth: true, why: 'mailauth trims whitespace; a DNS name has none around it, so such a host is not an MX host name' },
  { host: 'a\\046b.example.com', patterns: ['*.example.com'], ours: false, mailauth: true, why: 'a presentation escape (\\046 is ".") hides where a label ends: we match nothing, mailauth reads the text as one label' },
];

/** mailauth's verdict on a policy body: 'ok' or its error code. */
function theirsPolicy(body: string): { verdict: string; policy?: { mode: string; mx?: string[]; maxAge: number } } {
  try {
    const p = sts.parsePolicy(body, { strict: true }) as unknown as { mode: string; mx?: string[]; maxAge: number };
    return { verdict: 'ok', policy: p };
  } catch (e) {
    return { verdict: String((e as { code?: string }).code) };
  }
}

/** mailauth's verdict on one TXT record: the id, or false. */
async function theirsRecord(text: string): Promise<string | false> {
  return sts.resolvePolicy('example.com', { strict: true, resolver: (async () => [[text]]) as never });
}

const B = ['version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'max_age: 86400'];
const lines = (...l: string[]) => l.join('\n');
const ABNF = 'the RFC 8461 §3.2 ABNF has no production for it, so the body is not a policy; mailauth strict skips the line';

interface PolicyCase {
  readonly name: string;
  readonly body: string;
  readonly ours: string;
  readonly mailauth: string;
  readonly why?: string;
}

const POLICY_CASES: readonly PolicyCase[] = [
  { name: 'the RFC example, CRLF', body: 'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n', ours: 'ok', mailauth: 'ok' },
  { name: 'mode none without mx', body: lines('version: STSv1', 'mode: none', 'max_age: 1'), ours: 'ok', mailauth: 'ok' },
  { name: 'a later, invalid mode (first wins)', body: lines(...B, 'mode: bogus'), ours: 'ok', mailauth: 'ok' },
  { name: 'mx in another case, twice', body: lines('version: STSv1', 'mode: enforce', 'mx: MAIL.Example.com', 'mx: mail.example.com', 'max_age: 1'), ours: 'ok', mailauth: 'ok' },
  { name: 'mode in another case', body: lines('version: STSv1', 'mode: Enforce', ...B.slice(2)), ours: 'invalid-mode', mailauth: 'invalid_sts_mode' },
  { name: 'key in another case', body: lines('Version: STSv1', ...B.slice(1)), ours: 'missing-version', mailauth: 'invalid_sts_version' },
  { name: 'first mode invalid, second valid', body: lines('version: STSv1', 'mode: bogus', 'mode: enforce', ...B.slice(2)), ours: 'invalid-mode', mailauth: 'invalid_sts_mode' },
  { name: 'max_age above 31557600', body: lines(...B.slice(0, 3), 'max_age: 31557601'), ours: 'invalid-max-age', mailauth: 'invalid_sts_max_age' },
  { name: 'max_age of 11 digits', body: lines(...B.slice(0, 3), 'max_age: 00000086400'), ours: 'invalid-max-age', mailauth: 'invalid_sts_max_age' },
  { name: 'mx with a trailing dot', body: lines('version: STSv1', 'mode: enforce', 'mx: mail.example.com.', 'max_age: 1'), ours: 'invalid-mx', mailauth: 'invalid_sts_mx' },
  { name: 'testing without mx', body: lines('version: STSv1', 'mode: testing', 'max_age: 1'), ours: 'missing-mx', mailauth: 'invalid_sts_mx' },
  { name: 'whitespace at the start of a line', body: lines(' version: STSv1', ...B.slice(1)), ours: 'malformed-line', mailauth: 'invalid_sts_version' },
  { name: 'whitespace before ":"', body: lines('version : STSv1', ...B.slice(1)), ours: 'malformed-line', mailauth: 'invalid_sts_version' },
  { name: 'a byte-order mark', body: `\ufeff${B.join('\n')}`, ours: 'byte-order-mark', mailauth: 'invalid_sts_version' },
  { name: 'lone CRs as line ends', body: B.join('\r'), ours: 'invalid-character', mailauth: 'invalid_sts_version' },
  { name: 'a blank line at the end', body: `${B.join('\n')}\n\n`, ours: 'blank-line', mailauth: 'ok', why: `a blank line: ${ABNF} (mox refuses it too)` },
  { name: 'a blank line inside', body: lines(B[0]!, '', ...B.slice(1)), ours: 'blank-line', mailauth: 'ok', why: `a blank line: ${ABNF}` },
  { name: 'a line without "key:"', body: lines(...B, 'garbage'), ours: 'malformed-line', mailauth: 'ok', why: `a line that is not a field: ${ABNF}` },
  { name: 'a key starting with "_"', body: lines(...B, '_x: 1'), ours: 'malformed-line', mailauth: 'ok', why: `sts-policy-ext-name starts with a letter or digit: ${ABNF}` },
  { name: 'an empty extension value', body: lines(...B, 'x:'), ours: 'invalid-value', mailauth: 'ok', why: `sts-policy-ext-value has at least one character: ${ABNF}` },
  { name: 'a tab inside an extension value', body: lines(...B, 'x: a\tb'), ours: 'invalid-value', mailauth: 'ok', why: `sts-policy-ext-value allows SP inside, not HTAB: ${ABNF}` },
  { name: 'a control character in a value', body: lines(...B, 'x: a\u0001b'), ours: 'invalid-character', mailauth: 'ok', why: `CTLs are excluded from values: ${ABNF}` },
  { name: 'an mx label of 64 characters', body: lines('version: STSv1', 'mode: enforce', `mx: ${'a'.repeat(64)}.example`, 'max_age: 1'), ours: 'invalid-mx', mailauth: 'ok', why: 'a DNS label has at most 63 octets (RFC 1035 §2.3.4): no MX host can have that name; mailauth checks the characters only' },
  { name: 'a body over 64 KiB', body: `${B.join('\n')}\nx: ${'a'.repeat(70_000)}`, ours: 'too-large', mailauth: 'ok', why: 'RFC 8461 §3.3 bounds the size at fetch time; mailauth applies its 64 KiB limit in fetchPolicy, not parsePolicy, and we check it in the parser too' },
];

const RECORD_CASES: readonly { readonly text: string; readonly id: string | false }[] = [
  { text: 'v=STSv1; id=abc', id: 'abc' },
  { text: 'v=STSv1;id=abc;', id: 'abc' },
  { text: 'v=STSv1\t;\tid=abc', id: 'abc' },
  { text: 'v=STSv1 ; id=abc', id: 'abc' },
  { text: 'v=STSv1; id=a; id=b-c', id: 'a' },
  { text: 'v=STSv1; id=abc ', id: false },
  { text: 'v=STSv1; id=abc;;', id: false },
  { text: 'v=STSv1; ID=abc', id: false },
  { text: `v=STSv1; id=${'a'.repeat(33)}`, id: false },
  { text: 'v=STSv1; id=abc; x=a b', id: false },
  { text: 'v=STSv1; id=abc; x=', id: false },
  { text: 'v=STSv1; id=abc; _x=1', id: false },
  { text: 'v=STSv1; id=abc; x=a=b', id: false },
  { text: ' v=STSv1; id=abc', id: false },
  { text: 'v=stsv1; id=abc', id: false },
];

describe('mail-policy: our MTA-STS parsers beside mailauth 7.1.0 (strict)', () => {
  describe('policy bodies (RFC 8461 §3.2)', () => {
    for (const c of POLICY_CASES) {
      it(`${c.name}: ours ${c.ours}, mailauth ${c.mailauth}${c.why ? ' (differ, see why)' : ''}`, () => {
        const ours = parseMtaStsPolicy(c.body);
        expect(ours.ok ? 'ok' : ours.reason.code, ours.ok ? '' : ours.reason.text).to.equal(c.ours);
        expect(theirsPolicy(c.body).verdict).to.equal(c.mailauth);
        const agree = (c.ours === 'ok') === (c.mailauth === 'ok');
        expect(agree || c.why !== undefined, 'a difference needs its why').to.equal(true);
      });
    }
  });

  describe('MX host matching (RFC 8461 §4.1), mode enforce and testing', () => {
    for (const c of MX_CASES) {
      it(`${JSON.stringify(c.host)} against ${c.patterns.join(', ')}: ours ${c.ours}, mailauth ${c.mailauth}${c.why ? ' (differ, see why)' : ''}`, () => {
        const policy = { version: 'STSv1' as const, mode: 'enforce' as const, mx: c.patterns, maxAge: 1, extensions: [], ignoredDuplicates: [] };
        expect(mtaStsHostVerdict(policy, c.host).allowed).to.equal(c.ours);
        expect((sts.validateMx(c.host, { mode: 'enforce', mx: [...c.patterns] } as never) as { valid: boolean }).valid).to.equal(c.mailauth);
        expect(c.ours === c.mailauth || c.why !== undefined, 'a difference needs its why').to.equal(true);
        // Testing mode: both deliver; mailauth says so with testing: true beside valid: false.
        const t = mtaStsHostVerdict({ ...policy, mode: 'testing' }, c.host);
        const theirs = sts.validateMx(c.host, { mode: 'testing', mx: [...c.patterns] } as never) as { valid: boolean; testing: boolean };
        expect([t.allowed, t.matches]).to.deep.equal([true, c.ours]);
        expect([theirs.valid, theirs.testing]).to.deep.equal([c.mailauth, true]);
      });
    }
  });

  describe('TXT records (RFC 8461 §3.1)', () => {
    for (const c of RECORD_CASES) {
      it(`${JSON.stringify(c.text)}: both say ${c.id === false ? 'no policy id' : `id ${c.id}`}`, async () => {
        const s = selectMtaStsRecord([c.text]);
        expect(s.outcome === 'record' ? s.record.id : false).to.equal(c.id);
        expect(await theirsRecord(c.text)).to.equal(c.id);
      });
    }
  });

  describe('properties on generated valid input', () => {
    it('policies: both accept, with the same mode, max_age and mx patterns (mailauth lower-cases and de-duplicates them)', () => {
      const parts = fc.record({
        mode: fc.constantFrom('enforce' as const, 'testing' as const, 'none' as const),
        mx: fc.array(mxPattern, { minLength: 1, maxLength: 4 }),
        maxAge: fc.integer({ min: 0, max: 31_557_600 }),
        extensions: fc.array(fc.record({ key: extName.filter((k) => !['version', 'mode', 'mx', 'max_age'].includes(k)), value: extValue }), { maxLength: 2 }),
      });
      fc.assert(
        fc.property(parts, fc.boolean(), (p, crlf) => {
          const body = formatMtaStsPolicy(p).replace(/\r\n/g, crlf ? '\r\n' : '\n');
          const ours = parseMtaStsPolicy(body);
          const theirs = theirsPolicy(body);
          expect([ours.ok, theirs.verdict]).to.deep.equal([true, 'ok']);
          if (!ours.ok || !theirs.policy) return;
          expect([theirs.policy.mode, theirs.policy.maxAge]).to.deep.equal([ours.mode, ours.maxAge]);
          expect(theirs.policy.mx ?? []).to.deep.equal([...new Set(ours.mx.map((m) => m.toLowerCase()))]);
        }),
        { seed: SEED, numRuns: 300 },
      );
    });

    it('records: both give the same id', async () => {
      await fc.assert(
        fc.asyncProperty(stsId, fc.array(fc.record({ name: extName.filter((n) => n !== 'id'), value: extValue }), { maxLength: 2 }), async (id, extensions) => {
          const text = formatMtaStsRecord({ id, extensions });
          const ours = parseMtaStsRecord(text);
          expect(ours.ok && ours.id).to.equal(id);
          expect(await theirsRecord(text)).to.equal(id);
        }),
        { seed: SEED, numRuns: 200 },
      );
    });

    it('MX match: the same verdict for hosts made from the pattern and hosts that are near misses', () => {
      const host = fc.tuple(mxPattern, label, label, fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([p, l1, l2, shape, dot]) => {
        const d = p.replace(/^\*\./, '');
        const h = [`${l1}.${d}`, d, `${l1}.${l2}.${d}`, `${l1}.${l2}.example`][shape]!;
        return { pattern: p, host: `${dot ? h.toUpperCase() : h}${dot ? '.' : ''}` };
      });
      fc.assert(
        fc.property(host, fc.array(mxPattern, { maxLength: 2 }), ({ pattern, host: h }, others) => {
          const patterns = [...others, pattern];
          const theirs = sts.validateMx(h, { mode: 'enforce', mx: patterns } as never) as { valid: boolean };
          expect(mxMatchesPolicy(h, patterns), `${h} against ${patterns.join(', ')}`).to.equal(theirs.valid);
        }),
        { seed: SEED, numRuns: 500 },
      );
    });
  });
});
