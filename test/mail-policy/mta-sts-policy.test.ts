/**
 * The MTA-STS policy parser and MX match (src/mail-policy/mta-sts-policy.ts): each rule of
 * RFC 8461 §3.2 and §4.1 with its negative twin, the size limit, and properties.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  MAX_MTA_STS_MAX_AGE,
  MAX_MTA_STS_POLICY_BYTES,
  formatMtaStsPolicy,
  matchingMxPattern,
  mxMatchesPolicy,
  mxPatternError,
  parseMtaStsPolicy,
  policyLines,
  type MtaStsPolicyErrorCode,
  type MtaStsPolicyResult,
} from '../../src/mail-policy/mta-sts-policy.ts';
import * as limits from '../../src/limits.ts';
import { domain, extName, label, mxPattern, policyExtValue, SEED } from './arbitraries.ts';

/** RFC 8461 §3.2's example policy, with CRLF. */
const EXAMPLE = 'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n';

function ok(body: string | Uint8Array) {
  const r = parseMtaStsPolicy(body);
  expect(r.ok, r.ok ? '' : r.reason.text).to.equal(true);
  return r as Extract<MtaStsPolicyResult, { ok: true }>;
}

function fails(body: string | Uint8Array, code: MtaStsPolicyErrorCode, line?: number) {
  const r = parseMtaStsPolicy(body);
  expect(r.ok, `should fail with ${code}: ${JSON.stringify(body)}`).to.equal(false);
  const reason = (r as Extract<MtaStsPolicyResult, { ok: false }>).reason;
  expect(reason.code, reason.text).to.equal(code);
  if (line !== undefined) expect(reason.line).to.equal(line);
  return reason;
}

const policy = (...lines: string[]) => lines.join('\n');
const BASE = ['version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'max_age: 86400'];

describe('mail-policy/mta-sts-policy: the policy file (RFC 8461 §3.2)', () => {
  it("parses the RFC's example", () => {
    const r = ok(EXAMPLE);
    expect([r.version, r.mode, r.mx, r.maxAge]).to.deep.equal(['STSv1', 'enforce', ['mail.example.com', '*.example.net', 'backupmx.example.com'], 604800]);
  });

  describe('line endings and layout', () => {
    it('accepts LF, CRLF, both mixed, and no final terminator', () => {
      ok(BASE.join('\n') + '\n');
      ok(BASE.join('\r\n') + '\r\n');
      ok(`${BASE[0]}\r\n${BASE[1]}\n${BASE[2]}\r\n${BASE[3]}`);
    });
    it('rejects a lone CR, a blank line (inside or at the end) and an empty body', () => {
      fails(BASE.join('\r'), 'invalid-character', 1);
      fails(`${BASE.join('\n')}\n\n`, 'blank-line', 5);
      fails(`${BASE[0]}\n\n${BASE.slice(1).join('\n')}`, 'blank-line', 2);
      fails('', 'empty');
    });
    it('accepts whitespace after ":" and at the end of a line; rejects it at the start or before ":"', () => {
      ok(policy('version:STSv1', 'mode:\tenforce  ', 'mx:   mail.example.com\t', 'max_age: 86400 '));
      fails(policy(' version: STSv1', ...BASE.slice(1)), 'malformed-line', 1);
      fails(policy('version : STSv1', ...BASE.slice(1)), 'malformed-line', 1);
    });
    it('rejects a line without "key:" and control characters', () => {
      fails(policy(...BASE, 'just words'), 'malformed-line', 5);
      fails(policy(...BASE, 'x: a\u0000b'), 'invalid-character', 5);
    });
    it('rejects a byte-order mark and invalid UTF-8; accepts UTF-8 in extension values', () => {
      fails(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(BASE.join('\n'))]), 'byte-order-mark', 1);
      fails(`\ufeff${BASE.join('\n')}`, 'byte-order-mark');
      fails(new Uint8Array([...new TextEncoder().encode(`${BASE.join('\n')}\nx: `), 0xc3, 0x28]), 'invalid-utf8');
      expect(ok(new TextEncoder().encode(`${BASE.join('\n')}\nnote: café 日本`)).extensions).to.deep.equal([{ key: 'note', value: 'café 日本' }]);
    });
  });

  describe('size', () => {
    it(`accepts a body of ${MAX_MTA_STS_POLICY_BYTES} octets; rejects one octet more (RFC 8461 §3.3), octets or text`, () => {
      const head = `${BASE.join('\n')}\nx: `;
      const fill = (n: number) => head + 'a'.repeat(n - head.length);
      ok(fill(MAX_MTA_STS_POLICY_BYTES));
      fails(fill(MAX_MTA_STS_POLICY_BYTES + 1), 'too-large');
      fails(new TextEncoder().encode(fill(MAX_MTA_STS_POLICY_BYTES + 1)), 'too-large');
      // Text is measured in UTF-8 octets, not characters.
      fails(head + 'é'.repeat((MAX_MTA_STS_POLICY_BYTES - head.length) / 2 + 1), 'too-large');
    });
    it('names its bounds in the limits catalogue', () => {
      expect(limits.MAX_MTA_STS_POLICY_BYTES).to.equal(65_536);
      expect(limits.MAX_MTA_STS_MAX_AGE).to.equal(31_557_600);
    });
  });

  describe('fields', () => {
    it('requires version, mode and max_age, and says when one was written in another case', () => {
      fails(policy(...BASE.filter((l) => !l.startsWith('version'))), 'missing-version');
      fails(policy(...BASE.filter((l) => !l.startsWith('mode'))), 'missing-mode');
      fails(policy(...BASE.filter((l) => !l.startsWith('max_age'))), 'missing-max-age');
      expect(fails(policy('Version: STSv1', ...BASE.slice(1)), 'missing-version').text).to.contain('case-sensitive');
    });
    it('accepts version STSv1 only, case-sensitive', () => {
      fails(policy('version: STSv2', ...BASE.slice(1)), 'invalid-version', 1);
      fails(policy('version: stsv1', ...BASE.slice(1)), 'invalid-version', 1);
    });
    it('accepts the modes enforce, testing and none; rejects others and other cases', () => {
      for (const m of ['enforce', 'testing', 'none']) expect(ok(policy(BASE[0]!, `mode: ${m}`, ...BASE.slice(2))).mode).to.equal(m);
      fails(policy(BASE[0]!, 'mode: Enforce', ...BASE.slice(2)), 'invalid-mode', 2);
      fails(policy(BASE[0]!, 'mode: report', ...BASE.slice(2)), 'invalid-mode', 2);
    });
    it('requires an mx pattern unless the mode is none', () => {
      fails(policy('version: STSv1', 'mode: enforce', 'max_age: 1'), 'missing-mx');
      fails(policy('version: STSv1', 'mode: testing', 'max_age: 1'), 'missing-mx');
      expect(ok(policy('version: STSv1', 'mode: none', 'max_age: 1')).mx).to.deep.equal([]);
    });
    it(`accepts max_age 0 to ${MAX_MTA_STS_MAX_AGE} (1-10 digits, leading zeros too); rejects more, signs and other text`, () => {
      const withAge = (v: string) => policy(...BASE.slice(0, 3), `max_age: ${v}`);
      expect(ok(withAge('0')).maxAge).to.equal(0);
      expect(ok(withAge(String(MAX_MTA_STS_MAX_AGE))).maxAge).to.equal(MAX_MTA_STS_MAX_AGE);
      expect(ok(withAge('0000086400')).maxAge).to.equal(86400);
      fails(withAge(String(MAX_MTA_STS_MAX_AGE + 1)), 'invalid-max-age', 4);
      fails(withAge('00000864000'), 'invalid-max-age', 4);
      fails(withAge('-1'), 'invalid-max-age', 4);
      fails(withAge('1d'), 'invalid-max-age', 4);
      fails(withAge('1 000'), 'invalid-max-age', 4);
    });
    it('keeps mx patterns in order, repeats included; rejects malformed ones', () => {
      expect(ok(policy(...BASE, 'mx: *.Example.NET', 'mx: mail.example.com')).mx).to.deep.equal(['mail.example.com', '*.Example.NET', 'mail.example.com']);
      for (const bad of ['mail.example.com.', '*', '*.', 'a.*.example.com', '*mail.example.com', '**.example.com', 'mail..example.com', '-mail.example.com', 'mail-.example.com', 'mail_1.example.com', 'münchen.example', '[192.0.2.1]', `${'a'.repeat(64)}.example`]) {
        fails(policy(...BASE.slice(0, 2), `mx: ${bad}`, BASE[3]!), 'invalid-mx', 3);
      }
      ok(policy(...BASE.slice(0, 2), `mx: ${'a'.repeat(63)}.xn--mnchen-3ya.example`, BASE[3]!));
    });
    it('ignores unknown keys (kept aside) but requires them well formed', () => {
      expect(ok(policy(...BASE, 'x-report: some text, with = and ;')).extensions).to.deep.equal([{ key: 'x-report', value: 'some text, with = and ;' }]);
      fails(policy(...BASE, 'x:'), 'invalid-value', 5);
      fails(policy(...BASE, 'x: a\tb'), 'invalid-value', 5);
      fails(policy(...BASE, `${'k'.repeat(33)}: v`), 'malformed-line', 5);
      fails(policy(...BASE, '_k: v'), 'malformed-line', 5);
    });
    it('uses the first of a repeated version, mode or max_age and ignores the others, invalid or not (RFC 8461 §3.2)', () => {
      const r = ok(policy(...BASE, 'mode: testing', 'max_age: 99999999999', 'version: STSv9'));
      expect([r.mode, r.maxAge]).to.deep.equal(['enforce', 86400]);
      expect(r.ignoredDuplicates.map((d) => [d.key, d.line])).to.deep.equal([['mode', 5], ['max_age', 6], ['version', 7]]);
      // The first one counts, so a bad first one is not saved by a good later one.
      fails(policy(BASE[0]!, 'mode: Enforce', 'mode: enforce', ...BASE.slice(2)), 'invalid-mode', 2);
    });
  });

  describe('policyLines (the policy-string of a report, RFC 8460 §4)', () => {
    it('lists the lines in the order the RFC example gives them', () => {
      expect(policyLines(ok(EXAMPLE))).to.deep.equal(['version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'mx: *.example.net', 'mx: backupmx.example.com', 'max_age: 604800']);
    });
  });

  describe('properties', () => {
    const parts = fc.record({
      mode: fc.constantFrom('enforce' as const, 'testing' as const, 'none' as const),
      mx: fc.array(mxPattern, { minLength: 1, maxLength: 5 }),
      maxAge: fc.integer({ min: 0, max: MAX_MTA_STS_MAX_AGE }),
      extensions: fc.array(fc.record({ key: extName.filter((k) => !['version', 'mode', 'mx', 'max_age'].includes(k)), value: policyExtValue }), { maxLength: 3 }),
    });

    it('a policy printed and parsed again is the same policy', () => {
      fc.assert(
        fc.property(parts, (p) => {
          const first = ok(formatMtaStsPolicy(p));
          expect({ mode: first.mode, mx: first.mx, maxAge: first.maxAge, extensions: first.extensions }).to.deep.equal(p);
          expect(ok(formatMtaStsPolicy(first))).to.deep.equal(first);
          expect(ok(new TextEncoder().encode(formatMtaStsPolicy(first)))).to.deep.equal(first);
        }),
        { seed: SEED, numRuns: 300 },
      );
    });

    it('the lines of a valid policy in any order, with LF or CRLF, parse to the same policy', () => {
      fc.assert(
        fc.property(parts, fc.boolean(), fc.nat(), (p, crlf, seed) => {
          const lines = policyLines(p);
          const shuffled = lines.map((l, i) => ({ l, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k).map((x) => x.l);
          const r = ok(shuffled.join(crlf ? '\r\n' : '\n'));
          expect([r.mode, r.maxAge, [...r.mx].sort()]).to.deep.equal([p.mode, p.maxAge, [...p.mx].sort()]);
        }),
        { seed: SEED, numRuns: 200 },
      );
    });

    it('random octets, random text and mutated policies give a typed result and never throw', () => {
      const mutated = fc.tuple(parts, fc.nat(), fc.integer({ min: 0, max: 0xffff })).map(([p, at, c]) => {
        const text = formatMtaStsPolicy(p);
        const i = at % text.length;
        return text.slice(0, i) + String.fromCharCode(c) + text.slice(i + 1);
      });
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.string(), fc.string({ unit: 'binary' }), mutated), (body) => {
          const r = parseMtaStsPolicy(body);
          if (r.ok) expect(r.mode === 'none' || r.mx.length > 0).to.equal(true);
          else expect(r.reason.text).to.be.a('string').and.not.equal('').and.not.match(/[\x00-\x1f\x7f-\x9f]/);
        }),
        { seed: SEED, numRuns: 2000 },
      );
    });
  });
});

describe('mail-policy/mta-sts-policy: MX host match (RFC 8461 §4.1)', () => {
  it('matches a host named exactly, ignoring ASCII case and one trailing dot on the host', () => {
    expect(mxMatchesPolicy('mail.example.com', ['mail.example.com'])).to.equal(true);
    expect(mxMatchesPolicy('MAIL.Example.COM.', ['mail.example.com'])).to.equal(true);
    expect(mxMatchesPolicy('mail.example.com', ['MAIL.EXAMPLE.COM'])).to.equal(true);
    expect(mxMatchesPolicy('mail.example.com..', ['mail.example.com'])).to.equal(false);
    expect(mxMatchesPolicy('mail2.example.com', ['mail.example.com'])).to.equal(false);
    expect(mxMatchesPolicy('mail.example.com', [])).to.equal(false);
  });
  it('*.example.com matches exactly one left-most label: not the domain itself, not two labels', () => {
    const p = ['*.example.com'];
    expect(mxMatchesPolicy('mail.example.com', p)).to.equal(true);
    expect(mxMatchesPolicy('MAIL.EXAMPLE.COM.', p)).to.equal(true);
    expect(mxMatchesPolicy('example.com', p)).to.equal(false);
    expect(mxMatchesPolicy('a.mail.example.com', p)).to.equal(false);
    expect(mxMatchesPolicy('mailexample.com', p)).to.equal(false);
    expect(mxMatchesPolicy('mail.example.com.evil', p)).to.equal(false);
  });
  it('compares a host as DNS gives it (an underscore label matches a wildcard, RFC 6125 asks no more)', () => {
    expect(mxMatchesPolicy('mail_x.example.com.', ['*.example.com'])).to.equal(true);
  });
  it('a host with "*", an empty label, an escape or a non-ASCII character matches nothing, not even a pattern written the same way', () => {
    expect(mxMatchesPolicy('*.example.com', ['*.example.com'])).to.equal(false);
    expect(mxMatchesPolicy('', ['*.example.com'])).to.equal(false);
    expect(mxMatchesPolicy('.', ['*.example.com'])).to.equal(false);
    expect(mxMatchesPolicy('a..example.com', ['*.example.com'])).to.equal(false);
    // Presentation form: "x\.y.example.com" is one label "x.y" under example.com, not x under y.example.com.
    expect(mxMatchesPolicy('x\\.y.example.com', ['*.y.example.com'])).to.equal(false);
    expect(mxMatchesPolicy('münchen.example', ['münchen.example'.replace('ü', 'u')])).to.equal(false);
  });
  it('says which pattern matched (the first that does)', () => {
    expect(matchingMxPattern('mx1.example.net', ['mail.example.com', '*.example.net', 'mx1.example.net'])).to.equal('*.example.net');
    expect(matchingMxPattern('mx1.example.org', ['mail.example.com'])).to.equal(undefined);
  });
  it('throws for a pattern that is not one (caller misuse: pass the parser output)', () => {
    expect(() => mxMatchesPolicy('mail.example.com', ['mail.example.com.'])).to.throw(TypeError, /trailing dot/);
    expect(() => mxMatchesPolicy('mail.example.com', ['a.*.example.com'])).to.throw(TypeError);
    expect(mxPatternError('*.example.com')).to.equal(undefined);
  });
  it('property: *.<d> matches <label>.<d> in any case and with a trailing dot, never <d> or <label>.<label>.<d>', () => {
    fc.assert(
      fc.property(label, label, domain, fc.boolean(), (l1, l2, d, dot) => {
        const p = [`*.${d}`];
        expect(mxMatchesPolicy(`${l1}.${d.toUpperCase()}${dot ? '.' : ''}`, p)).to.equal(true);
        expect(mxMatchesPolicy(d, p)).to.equal(false);
        expect(mxMatchesPolicy(`${l1}.${l2}.${d}`, p)).to.equal(false);
        expect(mxMatchesPolicy(`${l1}.${d}`, [d])).to.equal(false);
        expect(mxMatchesPolicy(d.toLowerCase(), [d.toUpperCase()])).to.equal(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
