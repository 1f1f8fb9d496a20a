/**
 * The TLS-RPT record parser (src/mail-policy/tlsrpt-record.ts, rua-uri.ts, txt-fields.ts): each
 * rule of RFC 8460 §3 with a record that follows it and its negative twin that breaks it, the
 * selection among several TXT records, and properties (print and parse again gives the same
 * record; any input gives a typed result, never an exception).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  formatTlsRptRecord,
  isTlsRptCandidate,
  parseTlsRptRecord,
  selectTlsRptRecord,
  type TlsRptRecordErrorCode,
  type TlsRptRecordResult,
} from '../../src/mail-policy/tlsrpt-record.ts';
import { txtRecordText } from '../../src/mail-policy/txt-fields.ts';
import { extName, extValue, httpsUri, mailtoUri, SEED } from './arbitraries.ts';

const MAIL = 'mailto:tlsrpt@example.com';

function ok(text: string) {
  const r = parseTlsRptRecord(text);
  expect(r.ok, r.ok ? '' : `${text}: ${r.reason.text}`).to.equal(true);
  return r as Extract<TlsRptRecordResult, { ok: true }>;
}

function fails(text: string, code: TlsRptRecordErrorCode) {
  const r = parseTlsRptRecord(text);
  expect(r.ok, `${text} should fail with ${code}`).to.equal(false);
  const reason = (r as Extract<TlsRptRecordResult, { ok: false }>).reason;
  expect(reason.code, reason.text).to.equal(code);
  expect(reason.text, 'a reason in words').to.match(/\w{3}/);
  return reason;
}

describe('mail-policy/tlsrpt-record: the _smtp._tls TXT record (RFC 8460 §3)', () => {
  describe('version', () => {
    it('accepts a record that begins with v=TLSRPTv1', () => {
      expect(ok(`v=TLSRPTv1; rua=${MAIL}`).rua).to.deep.equal([{ uri: MAIL, scheme: 'mailto' }]);
    });
    it('rejects a record whose version is not first, differs in case, or is longer (v=TLSRPTv10)', () => {
      fails(`rua=${MAIL}; v=TLSRPTv1`, 'version');
      fails(`v=tlsrptv1; rua=${MAIL}`, 'version');
      fails(`V=TLSRPTv1; rua=${MAIL}`, 'version');
      fails(`v=TLSRPTv10; rua=${MAIL}`, 'version');
      fails(` v=TLSRPTv1; rua=${MAIL}`, 'version');
    });
    it('rejects the version alone, or followed by something other than ";"', () => {
      fails('v=TLSRPTv1', 'no-fields');
      fails('v=TLSRPTv1;', 'no-fields');
      fails('v=TLSRPTv1; ', 'no-fields');
      fails(`v=TLSRPTv1 rua=${MAIL}`, 'missing-semicolon');
    });
  });

  describe('delimiters and whitespace', () => {
    it('accepts spaces and tabs around ";" and an optional closing ";" (field-delim = *WSP ";" *WSP)', () => {
      expect(ok(`v=TLSRPTv1 \t;\t rua=${MAIL} ;  `).rua).to.have.length(1);
      expect(ok(`v=TLSRPTv1;rua=${MAIL}`).rua).to.have.length(1);
    });
    it('rejects whitespace after the last field without a closing ";"', () => {
      fails(`v=TLSRPTv1; rua=${MAIL} `, 'trailing-whitespace');
      fails(`v=TLSRPTv1; rua=${MAIL}\t`, 'trailing-whitespace');
    });
    it('rejects an empty field (";;")', () => {
      fails(`v=TLSRPTv1;; rua=${MAIL}`, 'empty-field');
      fails(`v=TLSRPTv1; rua=${MAIL}; ;`, 'empty-field');
    });
    it('rejects octets outside printable ASCII, SP and HTAB, naming the offset', () => {
      const r = fails(`v=TLSRPTv1; rua=${MAIL}\u0000`, 'invalid-character');
      expect(r.offset).to.equal(12 + 4 + MAIL.length);
      fails(`v=TLSRPTv1; rua=mailto:tls\u00e9@example.com`, 'invalid-character');
      fails(`v=TLSRPTv1;\nrua=${MAIL}`, 'invalid-character');
    });
  });

  describe('rua (required; mailto: and https: URIs)', () => {
    it('accepts a comma-separated list with whitespace around the commas, in order', () => {
      const r = ok(`v=TLSRPTv1; rua=${MAIL} ,\t https://reports.example.com/tlsrpt`);
      expect(r.rua).to.deep.equal([
        { uri: MAIL, scheme: 'mailto' },
        { uri: 'https://reports.example.com/tlsrpt', scheme: 'https' },
      ]);
    });
    it('rejects whitespace right after "rua=" (it is allowed only around commas)', () => {
      fails(`v=TLSRPTv1; rua= ${MAIL}`, 'invalid-uri');
    });
    it('rejects a record without rua, and says when RUA= was written in another case', () => {
      fails('v=TLSRPTv1; ext=1', 'missing-rua');
      expect(fails(`v=TLSRPTv1; RUA=${MAIL}`, 'missing-rua').text).to.contain('case-sensitive');
    });
    it('rejects empty URIs (a leading, doubled or trailing comma, or nothing after rua=)', () => {
      fails('v=TLSRPTv1; rua=', 'invalid-uri');
      fails(`v=TLSRPTv1; rua=,${MAIL}`, 'invalid-uri');
      fails(`v=TLSRPTv1; rua=${MAIL},,https://r.example.com/`, 'invalid-uri');
      fails(`v=TLSRPTv1; rua=${MAIL},`, 'invalid-uri');
    });
    it('accepts a percent-encoded "!" and ","; rejects them raw (RFC 8460 §3: they MUST be encoded)', () => {
      expect(ok('v=TLSRPTv1; rua=mailto:a%21b@example.com').rua[0]!.uri).to.equal('mailto:a%21b@example.com');
      fails('v=TLSRPTv1; rua=mailto:a!b@example.com', 'invalid-uri');
      expect(ok('v=TLSRPTv1; rua=https://r.example.com/a%2Cb').rua).to.have.length(1);
    });
    it('rejects what is not a URI: no scheme, a bad %-escape, a character RFC 3986 does not allow', () => {
      fails('v=TLSRPTv1; rua=tlsrpt@example.com', 'invalid-uri');
      fails('v=TLSRPTv1; rua=mailto:a%2@example.com', 'invalid-uri');
      fails('v=TLSRPTv1; rua=https://r.example.com/a"b', 'invalid-uri');
      fails('v=TLSRPTv1; rua=https://r.example.com/{x}', 'invalid-uri');
    });
    it('escapes what the record holds when a reason quotes it (a %0A decoded from a mailto: address)', () => {
      expect(fails('v=TLSRPTv1; rua=mailto:a%0Ab', 'invalid-uri').text).to.contain('a\\x0ab');
    });
    it('accepts a mailto: URI with an address (several, encoded commas; header fields after ?); rejects one without', () => {
      expect(ok('v=TLSRPTv1; rua=mailto:a@example.com%2Cb@example.net?subject=tlsrpt').rua).to.have.length(1);
      fails('v=TLSRPTv1; rua=mailto:', 'invalid-uri');
      fails('v=TLSRPTv1; rua=mailto:?to=a@example.com', 'invalid-uri');
      fails('v=TLSRPTv1; rua=mailto:example.com', 'invalid-uri');
      fails('v=TLSRPTv1; rua=mailto:a@', 'invalid-uri');
    });
    it('accepts an https: URI with a host; rejects one without', () => {
      expect(ok('v=TLSRPTv1; rua=https://r.example.com:8443/tls?x=1').rua[0]!.scheme).to.equal('https');
      fails('v=TLSRPTv1; rua=https:/r.example.com', 'invalid-uri');
      fails('v=TLSRPTv1; rua=https://', 'invalid-uri');
    });
    it('takes schemes in any case (RFC 3986 §3.1) and keeps the URI as written', () => {
      expect(ok('v=TLSRPTv1; rua=MAILTO:a@example.com,HTTPS://r.example.com/').rua.map((u) => [u.uri, u.scheme])).to.deep.equal([
        ['MAILTO:a@example.com', 'mailto'],
        ['HTTPS://r.example.com/', 'https'],
      ]);
    });
    it('sets aside URIs of other schemes with a reason while one supported URI remains; none left is an error', () => {
      const r = ok(`v=TLSRPTv1; rua=http://r.example.com/,${MAIL}`);
      expect(r.rua.map((u) => u.uri)).to.deep.equal([MAIL]);
      expect(r.unsupportedRua.map((u) => [u.uri, u.scheme])).to.deep.equal([['http://r.example.com/', 'http']]);
      expect(r.unsupportedRua[0]!.reason).to.contain('mailto: and https: only');
      expect(fails('v=TLSRPTv1; rua=http://r.example.com/,ftp://f.example.com/', 'no-supported-rua').text).to.contain('http:, ftp:');
    });
    it('ends a URI at a raw ";" (the field delimiter; RFC 3986 allows it, the record cannot): write it %3B', () => {
      const cut = ok('v=TLSRPTv1; rua=https://r.example.com/a;b=1');
      expect([cut.rua[0]!.uri, cut.extensions]).to.deep.equal(['https://r.example.com/a', [{ name: 'b', value: '1' }]]);
      fails('v=TLSRPTv1; rua=https://r.example.com/a;b', 'malformed-field');
      expect(ok('v=TLSRPTv1; rua=https://r.example.com/a%3Bb').rua[0]!.uri).to.equal('https://r.example.com/a%3Bb');
    });
    it('joins the URIs of several rua fields in order (the ABNF repeats fields; no first-wins rule in RFC 8460)', () => {
      expect(ok(`v=TLSRPTv1; rua=${MAIL}; rua=https://r.example.com/`).rua.map((u) => u.scheme)).to.deep.equal(['mailto', 'https']);
    });
  });

  describe('extension fields (unknown fields are ignored, but must be well formed)', () => {
    it('keeps well-formed unknown fields aside, in order', () => {
      expect(ok(`v=TLSRPTv1; a.b-c_d=x:y<z>; rua=${MAIL}; Z9=1`).extensions).to.deep.equal([
        { name: 'a.b-c_d', value: 'x:y<z>' },
        { name: 'Z9', value: '1' },
      ]);
    });
    it('rejects a field without "=", a bad name (too long, starting with "_"), and an empty or "="-holding value', () => {
      fails(`v=TLSRPTv1; rua=${MAIL}; flag`, 'malformed-field');
      fails(`v=TLSRPTv1; rua=${MAIL}; ${'a'.repeat(33)}=1`, 'invalid-field-name');
      ok(`v=TLSRPTv1; rua=${MAIL}; ${'a'.repeat(32)}=1`);
      fails(`v=TLSRPTv1; rua=${MAIL}; _x=1`, 'invalid-field-name');
      fails(`v=TLSRPTv1; rua=${MAIL}; x=`, 'invalid-field-value');
      fails(`v=TLSRPTv1; rua=${MAIL}; x=a=b`, 'invalid-field-value');
      fails(`v=TLSRPTv1; rua=${MAIL}; x=a b`, 'invalid-field-value');
    });
  });

  describe('one TXT record of several strings, and several TXT records', () => {
    it('joins the strings of one record without spaces', () => {
      const text = txtRecordText([new TextEncoder().encode('v=TLSRPTv1; rua=mailto:tls'), new TextEncoder().encode('rpt@example.com')]);
      expect(ok(text).rua[0]!.uri).to.equal('mailto:tlsrpt@example.com');
    });
    it('keeps every octet visible: a non-ASCII octet is refused, not decoded', () => {
      expect(txtRecordText([Uint8Array.of(0x76, 0xc3, 0xa9)])).to.equal('v\u00c3\u00a9');
    });
    it('counts only records that begin with v=TLSRPTv1; (whitespace before ";" allowed)', () => {
      expect(isTlsRptCandidate(`v=TLSRPTv1; rua=${MAIL}`)).to.equal(true);
      expect(isTlsRptCandidate(`v=TLSRPTv1 ; rua=${MAIL}`)).to.equal(true);
      expect(isTlsRptCandidate('v=TLSRPTv1')).to.equal(false);
      expect(isTlsRptCandidate(`v=TLSRPTv10; rua=${MAIL}`)).to.equal(false);
      expect(isTlsRptCandidate(`v=tlsrptv1; rua=${MAIL}`)).to.equal(false);
      expect(isTlsRptCandidate('v=spf1 -all')).to.equal(false);
    });
    it('one counted record among others: its policy; none: no policy', () => {
      const s = selectTlsRptRecord(['v=spf1 -all', `v=TLSRPTv1; rua=${MAIL}`, 'v=TLSRPTv2; rua=mailto:x@example.com']);
      expect(s.outcome).to.equal('policy');
      expect(selectTlsRptRecord(['v=spf1 -all', 'hello']).outcome).to.equal('none');
      expect(selectTlsRptRecord([]).outcome).to.equal('none');
    });
    it('two counted records: no policy, even when only one of them is valid (the RFC counts records)', () => {
      expect(selectTlsRptRecord([`v=TLSRPTv1; rua=${MAIL}`, `v=TLSRPTv1; rua=${MAIL}`])).to.deep.equal({ outcome: 'multiple', count: 2 });
      expect(selectTlsRptRecord([`v=TLSRPTv1; rua=${MAIL}`, 'v=TLSRPTv1; rua=oops']).outcome).to.equal('multiple');
    });
    it('one counted record that is invalid: invalid, with the parser reason', () => {
      const s = selectTlsRptRecord(['v=TLSRPTv1; rua=oops']);
      expect(s.outcome).to.equal('invalid');
      expect(s.outcome === 'invalid' && s.error.code).to.equal('invalid-uri');
    });
  });

  describe('properties', () => {
    const record = fc.record({
      rua: fc.array(fc.oneof(mailtoUri, httpsUri), { minLength: 1, maxLength: 4 }),
      extensions: fc.array(fc.record({ name: extName.filter((n) => n !== 'rua'), value: extValue }), { maxLength: 3 }),
    });

    it('a record printed and parsed again is the same record', () => {
      fc.assert(
        fc.property(record, (rec) => {
          const text = formatTlsRptRecord({ rua: rec.rua.map((uri) => ({ uri, scheme: uri.startsWith('https') ? 'https' : 'mailto' })), unsupportedRua: [], extensions: rec.extensions });
          const first = ok(text);
          const again = ok(formatTlsRptRecord(first));
          expect(again).to.deep.equal(first);
          expect(first.rua.map((u) => u.uri)).to.deep.equal(rec.rua);
          expect(first.extensions).to.deep.equal(rec.extensions);
        }),
        { seed: SEED, numRuns: 300 },
      );
    });

    it('arbitrary text, and valid records with one character changed, give a typed result and never throw', () => {
      const mutated = fc.tuple(record, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([rec, at, c]) => {
        const text = formatTlsRptRecord({ rua: rec.rua.map((uri) => ({ uri, scheme: 'mailto' as const })), unsupportedRua: [], extensions: rec.extensions });
        const i = at % text.length;
        return text.slice(0, i) + String.fromCharCode(c) + text.slice(i + 1);
      });
      const bytes = fc.uint8Array({ maxLength: 300 }).map((b) => `v=TLSRPTv1; ${txtRecordText([b])}`);
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), bytes, mutated), (text) => {
          const r = parseTlsRptRecord(text);
          expect(r.ok === true || (typeof r.reason.code === 'string' && r.reason.text.length > 0)).to.equal(true);
          // What a stranger published reaches a reason escaped: no control character.
          if (!r.ok) expect(r.reason.text).to.not.match(/[\x00-\x1f\x7f-\x9f]/);
          if (r.ok) expect(r.rua.length).to.be.greaterThan(0);
        }),
        { seed: SEED, numRuns: 2000 },
      );
    });
  });
});
