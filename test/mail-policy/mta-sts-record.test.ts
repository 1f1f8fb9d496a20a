/**
 * The MTA-STS record parser (src/mail-policy/mta-sts-record.ts): each rule of RFC 8461 §3.1 with
 * its negative twin, the first-wins rule for a repeated id (§3.2), the selection among several TXT
 * records, and properties.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  formatMtaStsRecord,
  isMtaStsCandidate,
  parseMtaStsRecord,
  selectMtaStsRecord,
  type MtaStsRecordErrorCode,
  type MtaStsRecordResult,
} from '../../src/mail-policy/mta-sts-record.ts';
import { txtRecordText } from '../../src/mail-policy/txt-fields.ts';
import { extName, extValue, stsId, SEED } from './arbitraries.ts';

function ok(text: string) {
  const r = parseMtaStsRecord(text);
  expect(r.ok, r.ok ? '' : `${text}: ${r.reason.text}`).to.equal(true);
  return r as Extract<MtaStsRecordResult, { ok: true }>;
}

function fails(text: string, code: MtaStsRecordErrorCode) {
  const r = parseMtaStsRecord(text);
  expect(r.ok, `${text} should fail with ${code}`).to.equal(false);
  const reason = (r as Extract<MtaStsRecordResult, { ok: false }>).reason;
  expect(reason.code, reason.text).to.equal(code);
  return reason;
}

describe('mail-policy/mta-sts-record: the _mta-sts TXT record (RFC 8461 §3.1)', () => {
  it('accepts v=STSv1 then id, with or without a closing ";"', () => {
    expect(ok('v=STSv1; id=20160831085700Z;').id).to.equal('20160831085700Z');
    expect(ok('v=STSv1;id=abc').id).to.equal('abc');
  });
  it('rejects a version that is not first, in another case, or another version', () => {
    fails('id=abc; v=STSv1', 'version');
    fails('v=stsv1; id=abc', 'version');
    fails('v=STSv10; id=abc', 'version');
    fails('v=STSv1 id=abc', 'missing-semicolon');
    fails('v=STSv1', 'no-fields');
  });
  it('accepts an id of 1 to 32 letters and digits; rejects 33, an empty one, and other characters', () => {
    expect(ok(`v=STSv1; id=${'A1'.repeat(16)}`).id).to.have.length(32);
    expect(ok('v=STSv1; id=1').id).to.equal('1');
    fails(`v=STSv1; id=${'a'.repeat(33)}`, 'invalid-id');
    fails('v=STSv1; id=', 'invalid-id');
    fails('v=STSv1; id=2019-04-29', 'invalid-id');
    fails('v=STSv1; id=abc_1', 'invalid-id');
  });
  it('requires id, and says when ID= was written in another case', () => {
    fails('v=STSv1; ext=1', 'missing-id');
    expect(fails('v=STSv1; ID=abc', 'missing-id').text).to.contain('case-sensitive');
  });
  it('takes the first id when id repeats; later ones need only be valid extension values (RFC 8461 §3.2)', () => {
    const r = ok('v=STSv1; id=first; id=second-one');
    expect(r.id).to.equal('first');
    expect(r.ignoredDuplicates).to.deep.equal([{ name: 'id', value: 'second-one' }]);
    fails('v=STSv1; id=first; id=', 'invalid-field-value');
    fails('v=STSv1; id=bad-first; id=good', 'invalid-id');
  });
  it('keeps well-formed extensions; rejects malformed ones', () => {
    expect(ok('v=STSv1; x-ext=a:b; id=1').extensions).to.deep.equal([{ name: 'x-ext', value: 'a:b' }]);
    fails('v=STSv1; id=1; x=a b', 'invalid-field-value');
    fails('v=STSv1; id=1; -x=1', 'invalid-field-name');
  });
  it('follows the whitespace rules of the shared grammar', () => {
    ok('v=STSv1\t; \tid=1 ;');
    fails('v=STSv1; id=1 ', 'trailing-whitespace');
    fails('v=STSv1;; id=1', 'empty-field');
    fails('v=STSv1; id=1\u00a0', 'invalid-character');
  });
  it('joins the strings of one record without spaces', () => {
    const enc = new TextEncoder();
    expect(ok(txtRecordText([enc.encode('v=STSv1; id=2019'), enc.encode('0429')])).id).to.equal('20190429');
  });
  it('counts only records beginning with v=STSv1;, and needs exactly one, valid', () => {
    expect(isMtaStsCandidate('v=STSv1 ; id=1')).to.equal(true);
    expect(isMtaStsCandidate('v=STSv1')).to.equal(false);
    expect(isMtaStsCandidate('v=STSv10; id=1')).to.equal(false);
    const s = selectMtaStsRecord(['v=spf1 -all', 'v=STSv1; id=abc']);
    expect(s.outcome === 'record' && s.record.id).to.equal('abc');
    expect(selectMtaStsRecord(['v=spf1 -all']).outcome).to.equal('none');
    expect(selectMtaStsRecord(['v=STSv1; id=a', 'v=STSv1; id=b'])).to.deep.equal({ outcome: 'multiple', count: 2 });
    const bad = selectMtaStsRecord(['v=STSv1; id=a-b']);
    expect(bad.outcome === 'invalid' && bad.error.code).to.equal('invalid-id');
  });

  describe('properties', () => {
    const record = fc.record({ id: stsId, extensions: fc.array(fc.record({ name: extName.filter((n) => n !== 'id'), value: extValue }), { maxLength: 3 }) });
    it('a record printed and parsed again is the same record', () => {
      fc.assert(
        fc.property(record, (rec) => {
          const first = ok(formatMtaStsRecord(rec));
          expect({ id: first.id, extensions: first.extensions }).to.deep.equal(rec);
          expect(ok(formatMtaStsRecord(first))).to.deep.equal(first);
        }),
        { seed: SEED, numRuns: 300 },
      );
    });
    it('arbitrary text and mutated records give a typed result and never throw', () => {
      const mutated = fc.tuple(record, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([rec, at, c]) => {
        const text = formatMtaStsRecord(rec);
        const i = at % text.length;
        return text.slice(0, i) + String.fromCharCode(c) + text.slice(i + 1);
      });
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), mutated, fc.uint8Array({ maxLength: 200 }).map((b) => `v=STSv1; ${txtRecordText([b])}`)), (text) => {
          const r = parseMtaStsRecord(text);
          if (r.ok) expect(r.id).to.match(/^[A-Za-z0-9]{1,32}$/);
          else expect(r.reason.text).to.be.a('string').and.not.equal('').and.not.match(/[\x00-\x1f\x7f-\x9f]/);
        }),
        { seed: SEED, numRuns: 2000 },
      );
    });
  });
});
