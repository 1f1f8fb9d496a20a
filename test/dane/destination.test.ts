/**
 * What a caller may give as a destination (src/dane/destination.ts, issue #14 item 4): every case
 * a caller can get wrong sits beside the case it is a mistake for. Then the library entry points
 * (verifyDane, resolveDanePolicy) against the test world, policy only (`connect: false`).
 */
import { expect } from 'chai';
import { addressLiteralPolicy, InvalidDomainError, MAX_DESTINATION_LENGTH, parseDestination, type Destination, type InvalidDomainProblem } from '../../src/dane/destination.ts';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { resolveDanePolicy, verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import * as api from '../../src/index.ts';

/** The domain a destination names (absolute, presentation form) and its Unicode form, or the literal. */
function shape(d: Destination): string[] {
  return d.kind === 'domain' ? ['domain', d.name.toString(), ...(d.unicode ? [d.unicode] : [])] : ['address-literal', d.literal, d.address, String(d.family)];
}

/** The error `parseDestination(input)` throws, checked to be an InvalidDomainError with the code. */
function refusal(input: unknown, role?: 'domain' | 'host'): InvalidDomainError {
  try {
    parseDestination(input, role);
  } catch (e) {
    expect(e).to.be.instanceOf(InvalidDomainError);
    expect(e).to.be.instanceOf(TypeError);
    expect((e as InvalidDomainError).code).to.equal('ERR_DANE_INVALID_DOMAIN');
    return e as InvalidDomainError;
  }
  throw new Error(`parseDestination(${JSON.stringify(input)}) did not throw`);
}

/**
 * `[good, bad, problem, what the message must say, title]`: the mistake beside the input it is a
 * mistake for (a title where the inputs would not read in a test name).
 */
const twins: readonly [string, string, InvalidDomainProblem, RegExp, string?][] = [
  ['example.com', 'user@example.com', 'mail-address', /got the mail address "user@example\.com" \(its domain is "example\.com"\)$/],
  ['example.com', 'mailto:user@example.com', 'mail-address', /got the mail address "mailto:user@example\.com" \(its domain is "example\.com"\)$/],
  ['example.com', '<user@example.com>', 'mail-address', /got the mail address "<user@example\.com>"$/],
  ['example.com', 'https://example.com/', 'url', /got the URL "https:\/\/example\.com\/" \(its host is "example\.com"\)$/],
  ['example.com', 'https://user@example.com/', 'url', /got the URL .* \(its host is "example\.com"\)$/],
  ['example.com', 'example.com/path', 'url', /got the URL "example\.com\/path" \(its host is "example\.com"\)$/],
  ['example.com', 'smtp://example.com:25', 'url', /got the URL "smtp:\/\/example\.com:25" \(its host is "example\.com"\)$/],
  ['example.com', 'example.com:25', 'syntax', /the character ":" is not allowed in a domain name/],
  ['example.com', ' example.com', 'syntax', /got " example\.com": the character " " is not allowed/],
  ['example.com', 'exa\u0000mple.com', 'syntax', /"exa\\u0000mple\.com": the character "\\u0000"/],
  ['a.example', 'a..example', 'syntax', /"a\.\.example": an empty label$/],
  ['example.', '.', 'syntax', /the root is not a mail domain/],
  ['a-b.example', '-ab.example', 'syntax', /the label "-ab" starts or ends with a hyphen/],
  ['a-b.example', 'ab-.example', 'syntax', /the label "ab-" starts or ends with a hyphen/],
  ['_25._tcp.example', 'a\\.b.example', 'syntax', /the character "\\\\" is not allowed/],
  [`${'a'.repeat(63)}.example`, `${'a'.repeat(64)}.example`, 'syntax', /a label of 64 characters \(at most 63/],
  [`${'a.'.repeat(125)}abc`, `${'a.'.repeat(125)}abcd`, 'syntax', /a name of 254 characters \(at most 253/],
  ['a1.example', 'example.123', 'syntax', /the last label is all digits/],
  ['[192.0.2.1]', '192.0.2.1.', 'syntax', /the last label is all digits \(an IP address is given as \[192\.0\.2\.1\]\)/],
  ['[192.0.2.1]', '127.1', 'syntax', /the last label is all digits/],
  ['[192.0.2.1]', '[192.0.2.256]', 'address-literal', /"\[192\.0\.2\.256\]": not an address literal such as \[192\.0\.2\.1\] or \[IPv6:2001:db8::1\] \(RFC 5321 §4\.1\.3\)/],
  ['[IPv6:2001:db8::1]', '[IPv6:192.0.2.1]', 'address-literal', /not an address literal/],
  ['[IPv6:2001:db8::1]', '[2001:db8::1', 'address-literal', /not an address literal/],
  ['münchen.example', 'münchen example', 'syntax', /the character " " is not allowed/],
  ['münchen.example', 'mün\u200dchen.example', 'idna', /not a valid internationalized domain name \(IDNA, UTS #46\)/, 'a zero width joiner where no joiner may be (CheckJoiners)'],
  ['münchen.example', 'ü.123', 'idna', /not a valid internationalized domain name/],
  ['xn--mnchen-3ya.example', 'xn--zz.example', 'idna', /not a valid internationalized domain name/],
  ['xn--mnchen-3ya.example', 'xn--abc-.example', 'syntax', /the label "xn--abc-" starts or ends with a hyphen/],
  ['example.com', '', 'empty', /got an empty string$/],
  [`${'\u00ad'.repeat(MAX_DESTINATION_LENGTH - 'a.example'.length)}a.example`, `${'\u00ad'.repeat(MAX_DESTINATION_LENGTH)}a.example`, 'too-long', /got a string of 1033 characters \(at most 1024\)$/, 'an input longer than MAX_DESTINATION_LENGTH, though UTS #46 maps its soft hyphens to nothing'],
];

describe('dane/destination: parseDestination', () => {
  const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
  for (const [good, bad, problem, message, title] of twins) {
    it(`refuses ${title ?? short(bad)} (${problem}) and takes ${title ? 'its twin' : short(good)}`, () => {
      expect(() => parseDestination(good)).to.not.throw();
      const e = refusal(bad);
      expect(e.problem).to.equal(problem);
      expect(e.message).to.match(/^expected a mail domain such as example\.com, got /);
      expect(e.message).to.match(message);
    });
  }

  it('takes an ASCII name as given (case kept, made absolute) and reports no Unicode form', () => {
    expect(shape(parseDestination('Example.COM'))).to.deep.equal(['domain', 'Example.COM.']);
    expect(shape(parseDestination('example.com.'))).to.deep.equal(['domain', 'example.com.']);
  });

  it('converts U-labels to A-labels (UTS #46: mapped, case folded, ideographic full stop) and keeps the Unicode form', () => {
    expect(shape(parseDestination('münchen.example'))).to.deep.equal(['domain', 'xn--mnchen-3ya.example.', 'münchen.example.']);
    expect(shape(parseDestination('MÜNCHEN.Example.'))).to.deep.equal(['domain', 'xn--mnchen-3ya.example.', 'münchen.example.']);
    expect(shape(parseDestination('例え。テスト'))).to.deep.equal(['domain', 'xn--r8jz45g.xn--zckzah.', '例え.テスト.']);
    // Non-transitional processing (UTS #46 §4): ß stays ß, it is not mapped to "ss".
    expect(shape(parseDestination('faß.example'))).to.deep.equal(['domain', 'xn--fa-hia.example.', 'faß.example.']);
  });

  it('reports the Unicode form of a name given in A-labels', () => {
    expect(shape(parseDestination('xn--mnchen-3ya.example'))).to.deep.equal(['domain', 'xn--mnchen-3ya.example.', 'münchen.example.']);
  });

  it('takes address literals (RFC 5321 §4.1.3) and bare addresses, in one written form', () => {
    expect(shape(parseDestination('[192.0.2.1]'))).to.deep.equal(['address-literal', '[192.0.2.1]', '192.0.2.1', '4']);
    expect(shape(parseDestination('192.0.2.1'))).to.deep.equal(['address-literal', '[192.0.2.1]', '192.0.2.1', '4']);
    expect(shape(parseDestination('[IPv6:2001:db8::1]'))).to.deep.equal(['address-literal', '[IPv6:2001:db8::1]', '2001:db8::1', '6']);
    expect(shape(parseDestination('[ipv6:2001:db8::1]'))).to.deep.equal(['address-literal', '[IPv6:2001:db8::1]', '2001:db8::1', '6']);
    expect(shape(parseDestination('[2001:db8::1]'))).to.deep.equal(['address-literal', '[IPv6:2001:db8::1]', '2001:db8::1', '6']);
    expect(shape(parseDestination('2001:db8::1'))).to.deep.equal(['address-literal', '[IPv6:2001:db8::1]', '2001:db8::1', '6']);
  });

  it('refuses what is not a string, saying what it got', () => {
    expect(parseDestination('example.')).to.have.property('kind', 'domain');
    for (const [input, got] of [[undefined, 'undefined'], [null, 'null'], [42, 'a number'], [['example.com'], 'an array'], [{ host: 'example.com' }, 'an object']] as const) {
      const e = refusal(input);
      expect(e.problem).to.equal('not-a-string');
      expect(e.message).to.equal(`expected a mail domain such as example.com, got ${got}`);
    }
  });

  it('says a host name was expected when the destination is a host', () => {
    expect(parseDestination('mx.example.com', 'host')).to.have.property('kind', 'domain');
    expect(refusal('postmaster@mx.example.com', 'host').message).to.match(/^expected a mail server host name such as mx\.example\.com, got the mail address/);
    expect(refusal('.', 'host').message).to.match(/the root is not a host name$/);
  });

  it('quotes a huge input cut short, so the message stays one short line', () => {
    const e = refusal(`${'a'.repeat(300)}@example.com`);
    expect(e.message.length).to.be.lessThan(200);
    expect(e.message).to.contain('…"');
    expect(e.message).to.not.contain('\n');
  });

  it('is exported from the package root with its error class', () => {
    expect(api.parseDestination).to.equal(parseDestination);
    expect(api.InvalidDomainError).to.equal(InvalidDomainError);
  });
});

describe('dane/destination: addressLiteralPolicy', () => {
  it('is one host with policy none and the reason, never no-mail', () => {
    const d = parseDestination('[IPv6:2001:db8::25]');
    if (d.kind !== 'address-literal') throw new Error('expected a literal');
    const p = addressLiteralPolicy(d);
    expect(p.action).to.equal('deliver');
    expect(p.domain).to.equal('[IPv6:2001:db8::25]');
    expect(p.mx.kind).to.equal('host');
    expect(p.hosts.map((h) => [h.host, h.policy, h.addresses])).to.deep.equal([['[IPv6:2001:db8::25]', 'none', ['2001:db8::25']]]);
    expect(p.hosts[0]!.reason).to.match(/^no TLSA for an address literal: .* \(RFC 7672 §2\.2\.3\)/);
  });
});

describe('dane/destination: verifyDane and resolveDanePolicy', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`] },
        'xn--mnchen-3ya.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'cd'.repeat(32)}`] },
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, timeoutMs: 5000, connect: false };
  });
  after(async () => world?.close());

  /** The rejection of `p`, checked to be an InvalidDomainError with the code. */
  async function rejection(p: Promise<unknown>): Promise<InvalidDomainError> {
    const e = await p.then(() => undefined, (x: unknown) => x);
    expect(e).to.be.instanceOf(InvalidDomainError);
    expect((e as InvalidDomainError).code).to.equal('ERR_DANE_INVALID_DOMAIN');
    return e as InvalidDomainError;
  }

  it('refuses a mail address (it was no-mail, exit 2: "user\\@ok.example. does not exist") and checks the domain', async () => {
    expect((await verifyDane('ok.example', opts)).exitCode).to.equal(0);
    const before = world.server.log.length;
    expect((await rejection(verifyDane('user@ok.example', opts))).problem).to.equal('mail-address');
    expect((await rejection(resolveDanePolicy('user@ok.example', opts))).problem).to.equal('mail-address');
    expect(world.server.log.length, 'DNS queries for a refused destination').to.equal(before);
  });

  it('refuses a URL and checks its host', async () => {
    expect((await resolveDanePolicy('ok.example', opts)).action).to.equal('deliver');
    expect((await rejection(verifyDane('https://ok.example/', opts))).message).to.match(/\(its host is "ok\.example"\)$/);
    expect((await rejection(resolveDanePolicy('https://ok.example/', opts))).problem).to.equal('url');
  });

  it('refuses a bad --host as a host, and checks a good one', async () => {
    expect((await verifyDane({ host: 'mx.ok.example' }, opts)).hosts.map((h) => h.policy.policy)).to.deep.equal(['dane']);
    expect((await rejection(verifyDane({ host: 'postmaster@mx.ok.example' }, opts))).message).to.match(/^expected a mail server host name/);
    expect((await rejection(verifyDane({ host: 42 } as unknown as { host: string }, opts))).problem).to.equal('not-a-string');
  });

  it('gives an address literal policy none with the reason, without DNS (it was no-mail), and a name its MX', async () => {
    expect((await verifyDane('ok.example', opts)).policy.hosts[0]!.policy).to.equal('dane');
    const before = world.server.log.length;
    for (const literal of ['[192.0.2.1]', '192.0.2.1']) {
      const r = await verifyDane(literal, opts);
      expect([r.domain, r.policy.action, r.exitCode, r.hosts.map((h) => [h.host, h.outcome, h.policy.policy])], literal)
        .to.deep.equal(['[192.0.2.1]', 'deliver', 2, [['[192.0.2.1]', 'none', 'none']]]);
      expect(r.hosts[0]!.reason).to.match(/^no TLSA for an address literal/);
    }
    const host = await verifyDane({ host: '[IPv6:2001:db8::25]' }, opts);
    expect([host.domain, host.exitCode, host.hosts[0]!.outcome]).to.deep.equal(['[IPv6:2001:db8::25]', 2, 'none']);
    // DANE required: a literal fails as every host without DANE does (TLS-RPT dane-required).
    const required = await verifyDane('[192.0.2.1]', { ...opts, requireDane: true });
    expect([required.exitCode, required.hosts[0]!.tlsrpt]).to.deep.equal([1, 'dane-required']);
    const p = await resolveDanePolicy('[192.0.2.1]', opts);
    expect([p.action, p.hosts[0]!.policy]).to.deep.equal(['deliver', 'none']);
    expect(world.server.log.length, 'DNS queries for an address literal').to.equal(before);
  });

  it('takes U-labels (it threw): domain in A-labels, domainUnicode beside it; A-label input gets the Unicode form too', async () => {
    for (const input of ['münchen.example', 'MÜNCHEN.example.', 'xn--mnchen-3ya.example']) {
      const r = await verifyDane(input, opts);
      expect([r.domain, r.domainUnicode, r.exitCode, r.policy.domainUnicode], input).to.deep.equal(['xn--mnchen-3ya.example.', 'münchen.example.', 0, 'münchen.example.']);
      expect(r.hosts.map((h) => [h.host, h.policy.policy])).to.deep.equal([['mx.xn--mnchen-3ya.example.', 'dane']]);
    }
    const p = await resolveDanePolicy('münchen.example', opts);
    expect([p.domain, p.domainUnicode]).to.deep.equal(['xn--mnchen-3ya.example.', 'münchen.example.']);
    const h = await verifyDane({ host: 'mx.münchen.example' }, opts);
    expect([h.domain, h.domainUnicode, h.hosts[0]!.policy.policy]).to.deep.equal(['mx.xn--mnchen-3ya.example.', 'mx.münchen.example.', 'dane']);
    // An ASCII name has no second form.
    expect(await verifyDane('ok.example', opts)).to.not.have.property('domainUnicode');
  });
});
