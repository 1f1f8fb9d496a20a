/**
 * What the installed Postfix does about TLS-RPT (RFC 8460) and MTA-STS (RFC 8461), checked rather
 * than assumed (issue #16, item 5). Postfix gained a TLS-RPT client (`smtp_tlsrpt_enable`, which
 * hands each TLS outcome to the separate tlsrpt-reporter) in 3.10; Postfix never fetches MTA-STS
 * policies itself (postfix-mta-sts-resolver, a separate Python daemon, feeds `smtp_tls_policy_maps`).
 * So on Debian 12's Postfix 3.7 there is no real peer to compare our reports or MTA-STS handling
 * with; this test pins that, and fails once the installed Postfix has the parameters, so that an
 * interop test against its TLS-RPT output gets written then.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

const postconf = (...args: string[]) => spawnSync('postconf', ['-c', '/nonexistent-dane-verify', '-d', ...args], { encoding: 'utf8', env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin` } });

describe('interop: the installed Postfix and TLS-RPT / MTA-STS', () => {
  it('reports its version, and has TLS-RPT parameters exactly from 3.10 on', () => {
    const v = postconf('mail_version');
    const version = /mail_version = ([0-9]+)\.([0-9]+)/.exec(v.stdout);
    expect(version, v.stderr).to.not.equal(null);
    const [major, minor] = [Number(version![1]), Number(version![2])];
    const atLeast310 = major > 3 || (major === 3 && minor >= 10);
    const r = postconf('smtp_tlsrpt_enable');
    expect(r.stderr.includes('unknown parameter'), `Postfix ${major}.${minor}: ${r.stdout}${r.stderr}`).to.equal(!atLeast310);
  });

  it('has no MTA-STS parameter of its own (policies come through smtp_tls_policy_maps)', () => {
    const all = postconf().stdout;
    expect(all).to.match(/^smtp_tls_policy_maps =/m);
    expect(all.split('\n').filter((l) => /mta.?sts/i.test(l))).to.deep.equal([]);
  });
});
