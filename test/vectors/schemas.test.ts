/**
 * The suite's format: every vector file of vectors/ reads into cases that its kind's JSON Schema
 * (vectors/schemas/, draft 2020-12) accepts; every data file is read by some kind; and the vector
 * data is the content recorded for the suite's version in vectors/index.json, so that changing a
 * vector without a new version fails here.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { VECTOR_KINDS, caseInput, type VectorCase } from '../../src/vectors/case.ts';
import { loadKind } from '../../src/vectors/load-suite.ts';
import { DATA_FOLDERS, listVectorFiles, packageVectorsDir, readSuiteIndex, suiteContentHash } from '../../src/vectors/suite-files.ts';

const ROOT = packageVectorsDir();
const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemaOf = (kind: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8')) as object;
const validators = Object.fromEntries(VECTOR_KINDS.map((k) => [k, ajv.compile(schemaOf(k))]));
const answerValidators = Object.fromEntries(VECTOR_KINDS.map((k) => [k, ajv.compile({ $ref: `${(schemaOf(k) as { $id: string }).$id}#/$defs/answer` })]));
const loaded = Object.fromEntries(VECTOR_KINDS.map((k) => [k, loadKind(ROOT, k)]));
const all: VectorCase[] = VECTOR_KINDS.flatMap((k) => loaded[k]!.cases);

function errors(kind: string, value: unknown): string {
  const v = validators[kind]!;
  return v(value) ? '' : ajv.errorsText(v.errors);
}

describe('vectors/: format (JSON Schemas, index, version)', () => {
  for (const kind of VECTOR_KINDS) {
    it(`reads every ${kind} vector file, and each case is valid under schemas/${kind}.schema.json`, () => {
      const { cases, failures } = loaded[kind]!;
      expect(failures, JSON.stringify(failures)).to.deep.equal([]);
      expect(cases.length).to.be.greaterThan(10);
      for (const c of cases) expect(errors(kind, c), c.id).to.equal('');
    });
  }

  it('gives every case a unique id, and an adapter never sees the expectation', () => {
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const c of all) expect(caseInput(c)).to.not.have.property('expect');
  });

  it('rejects cases that break the format (the schemas can fail)', () => {
    const validator = loaded.validator!.cases.find((c) => c.kind === 'validator' && c.expect.status === 'bogus')!;
    expect(errors('validator', { ...validator, expect: { status: 'bogus' } })).to.match(/code/);
    expect(errors('validator', { ...validator, expect: { status: 'secure', code: 'x' } })).to.not.equal('');
    expect(errors('validator', { ...validator, now: '2004-04-12' })).to.match(/now/);
    expect(errors('validator', { ...validator, extra: 1 })).to.match(/additional/);
    const denial = loaded.denial!.cases[0]!;
    expect(errors('denial', { ...denial, proof: 'nothing' })).to.match(/proof/);
    expect(errors('denial', { ...denial, records: ['not a record'] })).to.match(/records/);
    const ds = loaded.ds!.cases[0]!;
    expect(errors('ds', { ...ds, expect: { digest: 'xyz' } })).to.match(/digest/);
    expect(errors('rrsig', { ...loaded.rrsig!.cases[0]!, expect: {} })).to.match(/valid/);
  });

  it('describes the answers an adapter may give for each kind (answer, skip or error)', () => {
    expect(answerValidators.ds!({ digest: 'ab12' })).to.equal(true);
    expect(answerValidators.ds!({ skip: 'no SHA-384' })).to.equal(true);
    expect(answerValidators.ds!({ error: 'crashed' })).to.equal(true);
    expect(answerValidators.ds!({ hash: 'x' })).to.equal(false);
    expect(answerValidators.rrsig!({ valid: 'yes' })).to.equal(false);
    expect(answerValidators.validator!({ status: 'secure' })).to.equal(true);
    expect(answerValidators.validator!({ status: 'fine' })).to.equal(false);
    expect(answerValidators.denial!({ status: 'bogus', code: 'denial-invalid', hashes: 3 })).to.equal(true);
  });

  it('reads every data file under vectors/ (nothing shipped goes unchecked)', () => {
    const read = new Set(all.map((c) => c.file));
    const data = DATA_FOLDERS.flatMap((d) => listVectorFiles(ROOT, d, '')).filter((f) => !f.endsWith('README.md'));
    // dns/messages: dig/drill text with wire octets, checked by test/dns/vectors.test.ts (and drill);
    // validator *.inc: responses pulled in by "; include:"; schemas: validated by ajv above.
    const included = new Set(all.flatMap((c) => (c.kind === 'validator' ? [readFileSync(join(ROOT, c.file), 'utf8')] : []))
      .flatMap((text) => [...text.matchAll(/^; include:\s*(\S+)/gm)].map((m) => m[1]!)));
    const unread = data.filter((f) => !read.has(f) && !f.startsWith('dns/messages/') && !f.startsWith('schemas/')
      && !(f.endsWith('.inc') && included.has(f.split('/').pop()!)));
    expect(unread).to.deep.equal([]);
  });

  it('holds the vector data recorded for its version in index.json (change a vector: add a version)', () => {
    const index = readSuiteIndex(ROOT);
    const versions = index.history.map((h) => h.version);
    expect(new Set(versions).size, 'each version once').to.equal(versions.length);
    for (const v of versions) expect(v).to.match(/^\d+\.\d+\.\d+$/);
    const order = (v: string) => v.split('.').map(Number).reduce((n, x) => n * 1000 + x, 0);
    for (let i = 1; i < versions.length; i++) expect(order(versions[i]!), 'ascending').to.be.greaterThan(order(versions[i - 1]!));
    expect(versions.at(-1), 'the current version is the last entry').to.equal(index.version);
    const hashes = index.history.map((h) => h.sha256);
    expect(new Set(hashes).size, 'each version has other content').to.equal(hashes.length);
    expect(suiteContentHash(ROOT), `vectors changed: add a version to vectors/index.json with this hash`).to.equal(index.history.at(-1)!.sha256);
  });

  it('lists each kind with its schema in index.json', () => {
    const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as { kinds: Record<string, { schema: string }> };
    expect(Object.keys(index.kinds).sort()).to.deep.equal([...VECTOR_KINDS].sort());
    for (const k of VECTOR_KINDS) expect(index.kinds[k]!.schema).to.equal(`schemas/${k}.schema.json`);
  });
});
