/**
 * Guards the shifted-clock run (`npm run test:shifted`, test/support/shifted-clock.sh): when the
 * script says the clock was moved, it must really have moved, in this process and in the peers the
 * tests start; otherwise that run would pass for the wrong reason. In an ordinary run there is
 * nothing to check.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindToolEnv } from './support/bind-env.ts';

const DAY_S = 86_400;
const realEpoch = Number(process.env.DANE_VERIFY_REAL_EPOCH);
const shiftDays = Number(process.env.DANE_VERIFY_CLOCK_SHIFT_DAYS);

describe('shifted-clock run', () => {
  before(function () {
    if (!Number.isFinite(realEpoch) || !Number.isFinite(shiftDays)) this.skip();
  });

  /** How far the clock seen by `now` (seconds since the epoch) is ahead of the real one, in days. */
  const aheadDays = (now: number) => (now - realEpoch) / DAY_S;

  it('this process sees the clock moved by the stated number of days', () => {
    // The run started at most a few hours after DANE_VERIFY_REAL_EPOCH was taken.
    expect(aheadDays(Date.now() / 1000)).to.be.within(shiftDays, shiftDays + 0.5);
  });

  it('a child process (a peer such as BIND or ldns) sees the same moved clock', () => {
    const r = spawnSync('date', ['+%s'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(aheadDays(Number(r.stdout.trim()))).to.be.within(shiftDays, shiftDays + 0.5);
  });

  it('BIND tools run under it (no jemalloc start-up hang) and see the moved clock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dane-verify-clock-'));
    try {
      const r = spawnSync('dnssec-keygen', ['-q', '-a', 'ECDSAP256SHA256', 'example.'], { cwd: dir, env: bindToolEnv(), encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL' });
      expect(r.error, 'dnssec-keygen did not finish within 10 s under libfaketime').to.equal(undefined);
      expect(r.status, r.stderr).to.equal(0);
      // The key file says when it was created: "; Created: 20280108073024 (...)".
      const created = /^; Created: (\d{14})/m.exec(readFileSync(join(dir, `${r.stdout.trim()}.key`), 'utf8'))?.[1];
      expect(created, 'Created: line in the key file').to.be.a('string');
      const [y, mo, d, h, mi, se] = created!.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/)!.slice(1).map(Number);
      expect(aheadDays(Date.UTC(y!, mo! - 1, d!, h!, mi!, se!) / 1000)).to.be.within(shiftDays, shiftDays + 0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
