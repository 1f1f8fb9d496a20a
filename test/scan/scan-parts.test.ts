/**
 * The parts of a scan (src/scan): the list reader, the result file and its resume, the pool's
 * bound on checks in flight, the summary, the progress line, and the query pacer.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { MAX_LIST_PROBLEMS_KEPT, parseDomainList } from '../../src/scan/domain-list.ts';
import { boundedLine, MAX_RESULT_LINE_OCTETS, ResultFile, ResultFileError } from '../../src/scan/result-file.ts';
import { MAX_SCAN_CONCURRENCY, runPool } from '../../src/scan/run-pool.ts';
import { MAX_SUMMARY_REASONS, ScanSummary } from '../../src/scan/summary.ts';
import { ProgressLine, progressText } from '../../src/scan/progress.ts';
import { UpstreamPacer } from '../../src/resolver/pacer.ts';

describe('scan: the domain list', () => {
  it('takes one domain per line: comments, blanks and duplicates (any case, U- or A-labels) skipped, bad lines reported with their number', () => {
    const l = parseDomainList(['# a survey', '', 'Example.COM', '  example.com.  # again', 'münchen.example', 'xn--mnchen-3ya.example', 'user@example.org', '192.0.2.1', 'https://example.net/', 'two words.example', 'a..b'].join('\n'));
    expect(l.domains.map((d) => [d.key, d.line, d.input])).to.deep.equal([['example.com.', 3, 'Example.COM'], ['xn--mnchen-3ya.example.', 5, 'münchen.example']]);
    expect(l.duplicates).to.equal(2);
    expect(l.invalid).to.equal(5);
    expect(l.problems.map((p) => p.line)).to.deep.equal([7, 8, 9, 10, 11]);
    expect(l.problems[0]!.reason).to.match(/mail address/);
    expect(l.problems[1]!.reason).to.match(/IP address/);
    expect(l.problems[3]!.reason).to.match(/one domain per line/);
  });

  it('keeps at most maxDomains domains and the first MAX_LIST_PROBLEMS_KEPT problems (the rest counted); an over-long line is a bad line', () => {
    const l = parseDomainList(['a.example', 'b.example', 'c.example'].join('\n'), 2);
    expect(l.domains).to.have.length(2);
    expect(l.overLimit).to.equal(1);
    const bad = parseDomainList(Array.from({ length: MAX_LIST_PROBLEMS_KEPT + 5 }, () => 'x@y.example').join('\n'));
    expect(bad.problems).to.have.length(MAX_LIST_PROBLEMS_KEPT);
    expect(bad.invalid).to.equal(MAX_LIST_PROBLEMS_KEPT + 5);
    const long = parseDomainList(`${'a'.repeat(5000)}.example`);
    expect(long.domains).to.have.length(0);
    expect(long.problems[0]!.reason).to.match(/5008 characters \(at most 1024\)/);
  });
});

describe('scan: the result file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dane-verify-scan-parts-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const line = (domain: string, exitCode = 0) => boundedLine({ schema: 1, domain, exitCode, hosts: [] });

  it('resumes: complete lines are done (domains in any form), a torn last line is cut off and its domain redone', () => {
    const f = join(dir, 'torn.jsonl');
    writeFileSync(f, line('a.example.') + line('B.Example.') + '{"schema":1,"domain":"c.exa');
    const seen: unknown[] = [];
    const r = ResultFile.open(f, true, (j) => seen.push(j.domain));
    expect([...r.resumed.done]).to.deep.equal(['a.example.', 'b.example.']);
    expect(seen).to.deep.equal(['a.example.', 'B.Example.']);
    expect(r.resumed.tornOctets).to.equal('{"schema":1,"domain":"c.exa'.length);
    r.write(line('c.example.'));
    r.close();
    expect(readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { domain: string }).domain)).to.deep.equal(['a.example.', 'B.Example.', 'c.example.']);
  });

  it('a complete last line that is not JSON is torn too; a bad line in the middle refuses the file; results without --resume are never overwritten', () => {
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, line('a.example.') + 'garbage\n');
    const r = ResultFile.open(f, true);
    expect(r.resumed.done.size).to.equal(1);
    r.close();
    expect(readFileSync(f, 'utf8')).to.equal(line('a.example.'));
    appendFileSync(f, 'not a result\n' + line('b.example.'));
    expect(() => ResultFile.open(f, true)).to.throw(ResultFileError, /line 2 is not a scan result/);
    expect(() => ResultFile.open(f, false)).to.throw(ResultFileError, /--resume/);
  });

  it('refuses a line longer than MAX_RESULT_LINE_OCTETS when resuming, and cuts a result over it down to its verdict', () => {
    const f = join(dir, 'long.jsonl');
    writeFileSync(f, 'x'.repeat(MAX_RESULT_LINE_OCTETS + 10));
    expect(() => ResultFile.open(f, true)).to.throw(ResultFileError, /longer than/);
    const big = boundedLine({ schema: 1, domain: 'a.example.', exitCode: 1, summary: 's', hosts: [{ reason: 'r'.repeat(MAX_RESULT_LINE_OCTETS) }] });
    expect(Buffer.byteLength(big)).to.be.below(MAX_RESULT_LINE_OCTETS);
    expect(JSON.parse(big)).to.deep.include({ domain: 'a.example.', exitCode: 1, truncated: true });
  });
});

describe('scan: the pool', () => {
  it('never has more than `concurrency` jobs in flight, runs each item once, and starts nothing after an abort', async () => {
    let inFlight = 0;
    let most = 0;
    const ran: number[] = [];
    await runPool(Array.from({ length: 50 }, (_, i) => i), 7, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      ran.push(i);
      inFlight--;
    });
    expect(most).to.equal(7);
    expect([...ran].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i));
    const stop = new AbortController();
    const started: number[] = [];
    await runPool(Array.from({ length: 50 }, (_, i) => i), 3, async (i) => {
      started.push(i);
      if (i === 4) stop.abort();
      await new Promise((r) => setTimeout(r, 1));
    }, stop.signal);
    expect(started.length).to.be.within(5, 7);
  });

  it('refuses a concurrency of 0 or past MAX_SCAN_CONCURRENCY', async () => {
    for (const c of [0, MAX_SCAN_CONCURRENCY + 1, 1.5]) {
      let err: unknown;
      await runPool([1], c, async () => {}).catch((e: unknown) => (err = e));
      expect(err).to.be.instanceOf(RangeError);
    }
  });
});

describe('scan: the summary', () => {
  it('counts outcomes, policies, TLS-RPT types and reasons (names and key tags folded), bounded in distinct reasons', () => {
    const s = new ScanSummary();
    s.add({ domain: 'a.example.', exitCode: 0, tlsRpt: { outcome: 'policy' }, hosts: [{ host: 'mx.a.example.', outcome: 'authenticated', policy: 'dane' }] });
    s.add({ domain: 'b.example.', exitCode: 1, hosts: [{ host: 'mx.b.example.', outcome: 'failed', policy: 'dane', tlsrpt: 'tlsa-invalid', reason: 'no match at mx.b.example.' }] });
    s.add({ domain: 'c.example.', exitCode: 1, hosts: [{ host: 'mx.c.example.', outcome: 'failed', policy: 'dane', tlsrpt: 'tlsa-invalid', reason: 'no match at mx.c.example.' }] });
    s.add({ domain: 'd.example.', exitCode: 1, summary: 'MX lookup bogus: RRSIG for d.example. MX by d.example. key 123 does not verify', hosts: [] });
    const j = s.toJSON();
    expect(j.outcomes).to.deep.equal({ authenticated: 1, failed: 3 });
    expect(j.policies).to.deep.equal({ dane: 3 });
    expect(j.tlsRptTypes).to.deep.equal({ 'tlsa-invalid': 2 });
    expect(j.tlsRptPolicies).to.deep.equal({ policy: 1 });
    expect(j.topReasons).to.deep.equal([
      { reason: 'no match at <host>', hosts: 2 },
      { reason: 'MX lookup bogus: RRSIG for <domain> MX by <domain> key <tag> does not verify', hosts: 1 },
    ]);
    const many = new ScanSummary();
    for (let i = 0; i < MAX_SUMMARY_REASONS + 3; i++) many.add({ domain: 'x.example.', exitCode: 3, hosts: [{ outcome: 'error', reason: `reason ${i}` }] });
    expect(many.toJSON().topReasons.at(-1)).to.deep.equal({ reason: `(other reasons, past ${MAX_SUMMARY_REASONS} distinct ones)`, hosts: 3 });
  });
});

describe('scan: the progress line', () => {
  it('says done/total, rate, ETA and counts', () => {
    expect(progressText({ done: 50, total: 200, elapsedMs: 10_000, counts: { authenticated: 40, failed: 10 } })).to.equal('50/200 (25.0%)  5.0/s  ETA 0:00:30  authenticated 40 failed 10');
  });

  it('is drawn only on a terminal', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    const pipe = new PassThrough();
    new ProgressLine(tty).update(1, 2, {}, true);
    new ProgressLine(pipe).update(1, 2, {}, true);
    expect(String(tty.read())).to.contain('1/2 (50.0%)');
    expect(pipe.read()).to.equal(null);
  });
});

describe('resolver: the query pacer', () => {
  it('spaces the slots of one upstream 1/rate apart; other upstreams have their own', async () => {
    const p = new UpstreamPacer(50); // 20 ms apart
    const t0 = performance.now();
    for (let i = 0; i < 6; i++) await p.wait('a', t0 + 10_000);
    expect(performance.now() - t0).to.be.at.least(5 * 20 - 2);
    const t1 = performance.now();
    await p.wait('b', t1 + 10_000);
    expect(performance.now() - t1).to.be.below(15);
  });

  it('does not take a slot past the deadline, and returns at once on abort', async () => {
    const p = new UpstreamPacer(1);
    const t0 = performance.now();
    await p.wait('a', t0 + 10_000);
    await p.wait('a', t0 + 50); // next slot is 1 s away: waits only until the deadline
    expect(performance.now() - t0).to.be.below(500);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 20);
    const t1 = performance.now();
    await p.wait('a', t1 + 10_000, stop.signal);
    expect(performance.now() - t1).to.be.below(500);
    expect(() => new UpstreamPacer(0)).to.throw(RangeError);
  });
});
