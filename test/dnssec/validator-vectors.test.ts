/**
 * Replays every vector of vectors/validator/ (the example responses of RFC 4035 Appendix B and
 * RFC 5155 Appendix B, and mutations of them named after their source) through the real Validator
 * with a replay upstream, and checks the status and, unless secure, the first reason's code.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '../../src/dnssec/validator.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { parseRrsigTime, parseValidatorVector, ReplayUpstream, type ValidatorVector } from './replay-upstream.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../vectors/validator');
const FOLDERS = ['rfc4035', 'rfc5155', 'signed', 'signed-dname', 'signed-nsec3'] as const;

function load(folder: string, file: string): ValidatorVector {
  const dir = join(ROOT, folder);
  return parseValidatorVector(readFileSync(join(dir, file), 'utf8'), `${folder}/${file}`, (path) => readFileSync(join(ROOT, path), 'utf8'));
}

const vectors = FOLDERS.flatMap((folder) =>
  readdirSync(join(ROOT, folder)).filter((f) => f.endsWith('.zone')).sort().map((file) => ({ folder, file, vector: load(folder, file) })));

describe('dnssec/validator known-answer vectors (vectors/validator)', () => {
  it('has a vector for every response of RFC 4035 B.2-B.8 and RFC 5155 B.1-B.6, and its mutations', () => {
    const names = new Set(vectors.map((v) => `${v.folder}/${v.file.replace(/\.zone$/, '')}`));
    for (const n of ['b2_nameerror', 'b3_nodata', 'b4_ds', 'b5_nods', 'b5_unsigned', 'b6_wildcard', 'b7_wcnodata', 'b8_ds_childside']) expect(names, n).to.include(`rfc4035/${n}`);
    for (const n of ['b1_nameerror', 'b2_nodata', 'b21_nodataent', 'b3_optout', 'b4_wild', 'b5_wcnodata', 'b6_ds_childside']) expect(names, n).to.include(`rfc5155/${n}`);
    expect(vectors.filter((v) => v.vector.expect.status === 'bogus').length).to.be.greaterThan(30);
  });

  describe('the vector reader and the replay upstream', () => {
    const head = '; now: 20040412000000\n; anchor: example. DNSKEY 257 3 5 AQOeX7+baTmvpVHb\n; query: ml.example. A\n';
    const noInclude = () => { throw new Error('no include expected'); };

    it('reads headers, responses and sections', () => {
      const v = parseValidatorVector(`${head}; expect: bogus denial-invalid\n;; RESPONSE ml.example. A NXDOMAIN\n;; AUTHORITY\nb.example. 3600 IN NSEC ns1.example. NS RRSIG NSEC\n`, 't', noInclude);
      expect(v.now.toISOString()).to.equal('2004-04-12T00:00:00.000Z');
      expect(v.expect).to.deep.equal({ status: 'bogus', code: 'denial-invalid' });
      expect(v.responses).to.have.length(1);
      expect([v.responses[0]!.rcode, v.responses[0]!.answers.length, v.responses[0]!.authorities.length]).to.deep.equal([3, 0, 1]);
    });

    it('rejects a vector without an expected reason code for a status other than secure, or without an anchor', () => {
      expect(() => parseValidatorVector(`${head}; expect: bogus\n`, 't', noInclude)).to.throw(/reason code/);
      expect(() => parseValidatorVector('; now: 20040412000000\n; query: ml.example. A\n; expect: secure\n', 't', noInclude)).to.throw(/anchor/);
      expect(() => parseValidatorVector(`${head}; expect: secure\nml.example. 3600 IN A 192.0.2.1\n`, 't', noInclude)).to.throw(/before the first/);
      expect(() => parseRrsigTime('2004-04-12')).to.throw(/YYYYMMDDHHmmSS/);
    });

    it('answers recorded questions and fails the others as SERVFAIL, logging every question', async () => {
      const v = parseValidatorVector(`${head}; expect: secure\n;; RESPONSE ml.example. A NXDOMAIN\n`, 't', noInclude);
      const up = new ReplayUpstream(v.responses);
      const hit = await up.query(Name.parse('ML.example.'), RRType.A);
      expect(hit.ok && hit.message.rcode).to.equal(3);
      const miss = await up.query(Name.parse('ml.example.'), RRType.AAAA);
      expect(miss.ok ? 'ok' : miss.code).to.equal('servfail');
      expect(up.asked).to.deep.equal(['ML.example. A', 'ml.example. AAAA']);
    });
  });

  for (const { folder, file, vector } of vectors) {
    const want = vector.expect.code ? `${vector.expect.status} ${vector.expect.code}` : vector.expect.status;
    it(`${folder}/${file}: ${vector.query.name} -> ${want}`, async () => {
      const upstream = new ReplayUpstream(vector.responses);
      const v = new Validator({ upstream, trustAnchors: vector.anchors, now: () => vector.now });
      const r = await v.lookup(vector.query.name, vector.query.type);
      const why = `${r.reason} (asked: ${upstream.asked.join(', ')})`;
      expect(r.status, why).to.equal(vector.expect.status);
      if (vector.expect.code) expect(r.reasons[0]?.code, why).to.equal(vector.expect.code);
      // Only a proven answer carries records; a bogus or indeterminate lookup releases none.
      if (r.status === 'bogus' || r.status === 'indeterminate') expect(r.rrset).to.deep.equal([]);
    });
  }
});
