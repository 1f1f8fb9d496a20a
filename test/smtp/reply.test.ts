import { expect } from 'chai';
import { ReplyParser, parseReplies, ehloKeywords, formatReply, MAX_REPLY_LINE_LENGTH, MAX_REPLY_LINES } from '../../src/smtp/reply.ts';

describe('smtp/reply (RFC 5321 §4.2)', () => {
  it('parses a single-line reply', () => {
    expect(parseReplies('220 mx.example.net ESMTP\r\n')).to.deep.equal([{ ok: true, reply: { code: 220, lines: ['mx.example.net ESMTP'] } }]);
  });
  it('parses a multi-line EHLO reply and its keywords', () => {
    const [r] = parseReplies('250-mx.example.net\r\n250-PIPELINING\r\n250-starttls\r\n250 SIZE 1000\r\n');
    expect(r!.ok).to.equal(true);
    if (!r!.ok) return;
    expect(r!.reply.lines).to.have.length(4);
    expect([...ehloKeywords(r!.reply)]).to.deep.equal(['PIPELINING', 'STARTTLS', 'SIZE']);
    expect(formatReply(r!.reply)).to.deep.equal(['250-mx.example.net', '250-PIPELINING', '250-starttls', '250 SIZE 1000']);
  });
  it('assembles replies split across arbitrary chunks, byte by byte', () => {
    const p = new ReplyParser();
    const text = '220-hello\r\n220 there\r\n250 ok\r\n';
    const out = [...text].flatMap((ch) => p.feed(ch));
    expect(out.map((r) => r.ok && r.reply.code)).to.deep.equal([220, 250]);
    expect(p.inProgress).to.equal(false);
  });
  it('reports a reply in progress until its last line', () => {
    const p = new ReplyParser();
    expect(p.feed('250-a\r\n')).to.deep.equal([]);
    expect(p.inProgress).to.equal(true);
    expect(p.feed('250 b\r\n')).to.have.length(1);
  });
  it('accepts a bare code and a bare LF line end', () => {
    expect(parseReplies('250\n')).to.deep.equal([{ ok: true, reply: { code: 250, lines: [''] } }]);
  });
  it('rejects a code change inside a multi-line reply', () => {
    const [r] = parseReplies('250-a\r\n251 b\r\n');
    expect(r).to.include({ ok: false });
    expect(!r!.ok && r!.reason).to.match(/code changed/);
  });
  it('rejects lines that are not replies, and then stays silent', () => {
    const p = new ReplyParser();
    const out = p.feed('HTTP/1.1 400 Bad\r\n');
    expect(out).to.have.length(1);
    expect(out[0]).to.include({ ok: false });
    expect(p.feed('250 ok\r\n')).to.deep.equal([]);
    expect(parseReplies('2500 x\r\n')[0]).to.include({ ok: false });
    expect(parseReplies('199 x\r\n')[0]).to.include({ ok: false });
  });
  it('bounds line length (with and without a line end) and line count', () => {
    expect(parseReplies('250 ' + 'x'.repeat(MAX_REPLY_LINE_LENGTH - 6) + '\r\n')[0]).to.include({ ok: true });
    expect(parseReplies('250 ' + 'x'.repeat(MAX_REPLY_LINE_LENGTH - 5) + '\r\n')[0]).to.include({ ok: false });
    expect(new ReplyParser().feed('2'.repeat(MAX_REPLY_LINE_LENGTH + 1))[0]).to.include({ ok: false });
    const many = (n: number) => '250-x\r\n'.repeat(n - 1) + '250 y\r\n';
    expect(parseReplies(many(MAX_REPLY_LINES))[0]).to.include({ ok: true });
    expect(parseReplies(many(MAX_REPLY_LINES + 1))[0]).to.include({ ok: false });
  });
});

describe('smtp/reply properties (fast-check)', () => {
  it('gives the same replies however the bytes are split', async () => {
    const fc = await import('fast-check');
    const line = fc.stringMatching(/^[ -~]{0,40}$/);
    const reply = fc.record({ code: fc.integer({ min: 200, max: 599 }), lines: fc.array(line, { minLength: 1, maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(reply, { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), (replies, cuts) => {
        const text = replies.map((r) => formatReply(r).map((l) => l + '\r\n').join('')).join('');
        const p = new ReplyParser();
        const out: unknown[] = [];
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const n = cuts[i % cuts.length]!;
          out.push(...p.feed(text.slice(at, at + n)));
          at += n;
        }
        expect(out).to.deep.equal(replies.map((r) => ({ ok: true, reply: r })));
      }),
      { seed: 7672, numRuns: 300 }, // fixed seed: the default test run is deterministic
    );
  });
});
