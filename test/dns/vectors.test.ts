/**
 * Runs every file in vectors/dns/ (see vectors/dns/README.md): messages in dig/drill text form,
 * some with the wire octets an independent implementation produced, and presentation round trips.
 * Where `drill` (ldnsutils) is installed, our encodings are also decoded by drill and compared.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Name } from '../../src/dns/name.ts';
import { Opcode } from '../../src/dns/iana/opcodes.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { rrClassFromString, rrTypeFromString } from '../../src/dns/iana/rr-types.ts';
import { decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { formatRR, parseRR, parseZone } from '../../src/dns/presentation.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { fromHex, toHex } from '../../src/dns/encoding.ts';

const ROOT = new URL('../../vectors/dns/', import.meta.url);
const MESSAGES = new URL('messages/', ROOT);
const SECTIONS = ['ANSWER', 'AUTHORITY', 'ADDITIONAL'] as const;

interface ParsedText {
  header: { opcode: string; rcode: string; id: number };
  flags: string[];
  edns?: { version: number; flags: string[]; udp: number };
  question?: { name: Name; cls: number; type: number };
  sections: Record<(typeof SECTIONS)[number], ResourceRecord[]>;
  wire?: Uint8Array;
}

/** Reads the dig/drill text form (the parts of it these vectors use). */
function parseMessageText(text: string): ParsedText {
  const lines = text.split('\n');
  const out: ParsedText = { header: { opcode: '', rcode: '', id: 0 }, flags: [], sections: { ANSWER: [], AUTHORITY: [], ADDITIONAL: [] } };
  const body: Record<string, string[]> = { ANSWER: [], AUTHORITY: [], ADDITIONAL: [], WIRE: [] };
  let section = '';
  for (const line of lines) {
    let m;
    if ((m = /opcode: (\w+), rcode: (\w+), id: (\d+)/.exec(line))) out.header = { opcode: m[1]!, rcode: m[2]!, id: Number(m[3]) };
    else if ((m = /^;; flags:([^;]*)/.exec(line))) out.flags = m[1]!.trim().split(/\s+/).filter(Boolean);
    else if ((m = /^;; EDNS: version (\d+); flags:([^;]*); udp: (\d+)/.exec(line))) out.edns = { version: Number(m[1]), flags: m[2]!.trim().split(/\s+/).filter(Boolean), udp: Number(m[3]) };
    else if ((m = /^;; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:/.exec(line))) section = m[1]!;
    else if (/^;; WIRE:/.test(line)) section = 'WIRE';
    else if (section === 'QUESTION' && /^;;? ?\S/.test(line)) {
      const [qn, qc, qt] = line.replace(/^;+\s*/, '').trim().split(/\s+/);
      out.question = { name: Name.parse(qn!), cls: rrClassFromString(qc!)!, type: rrTypeFromString(qt!)! };
    } else if (section in body) body[section]!.push(section === 'WIRE' ? line.replace(/;.*/, '') : line);
  }
  for (const s of SECTIONS) out.sections[s] = parseZone(body[s]!.join('\n'));
  const hex = body.WIRE!.join('').replace(/\s+/g, '');
  if (hex) out.wire = fromHex(hex);
  return out;
}

function toMessage(p: ParsedText): Message {
  const has = (f: string) => p.flags.includes(f);
  const msg: Message = {
    id: p.header.id,
    opcode: (Opcode as Record<string, number>)[p.header.opcode]!,
    rcode: (Rcode as Record<string, number>)[p.header.rcode]!,
    flags: { qr: has('qr'), aa: has('aa'), tc: has('tc'), rd: has('rd'), ra: has('ra'), ad: has('ad'), cd: has('cd') },
    questions: p.question ? [{ name: p.question.name, type: p.question.type, class: p.question.cls }] : [],
    answers: p.sections.ANSWER, authorities: p.sections.AUTHORITY, additionals: p.sections.ADDITIONAL,
  };
  if (p.edns) msg.edns = { udpSize: p.edns.udp, version: p.edns.version, dnssecOk: p.edns.flags.includes('do'), options: [] };
  return msg;
}

/** Records as comparable tuples: owner octets, type, class, TTL, RDATA octets. */
const flat = (rrs: readonly ResourceRecord[]) => rrs.map((r) => [toHex(r.name.toWire()), r.type, r.class, r.ttl, toHex(r.rdata)]);
const sections = (m: Message) => [flat(m.answers), flat(m.authorities), flat(m.additionals)];

const drillAvailable = spawnSync('drill', ['-v']).status === 0;

/** Decodes our octets with drill and parses what it prints. */
function drillDecode(wire: Uint8Array): ParsedText {
  const dir = mkdtempSync(join(tmpdir(), 'dane-verify-drill-'));
  try {
    const file = join(dir, 'packet.hex');
    writeFileSync(file, toHex(wire).replace(/(..)/g, '$1 ') + '\n');
    const r = spawnSync('drill', ['-i', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    return parseMessageText(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('vectors/dns', () => {
  describe('messages', () => {
    for (const file of readdirSync(MESSAGES).filter((f) => f.endsWith('.txt')).sort()) {
      const parsed = parseMessageText(readFileSync(new URL(file, MESSAGES), 'utf8'));
      const msg = toMessage(parsed);

      it(`${file}: encodes and decodes back to the same records, compressed and not`, () => {
        expect(parsed.question, 'a question').to.not.equal(undefined);
        for (const compress of [false, true]) {
          const back = decodeMessage(encodeMessage(msg, { compress }));
          expect(sections(back)).to.deep.equal(sections(msg));
          expect([back.id, back.opcode, back.rcode, back.flags, back.edns]).to.deep.equal([msg.id, msg.opcode, msg.rcode, msg.flags, msg.edns]);
        }
      });

      if (parsed.wire) {
        it(`${file}: decodes the captured octets to the records in the text`, () => {
          const got = decodeMessage(parsed.wire!);
          expect(sections(got)).to.deep.equal(sections(msg));
          expect([got.id, got.opcode, got.rcode, got.flags, got.edns]).to.deep.equal([msg.id, msg.opcode, msg.rcode, msg.flags, msg.edns]);
          expect(got.questions).to.deep.equal(msg.questions);
          // and the records print as the text says
          expect([...got.answers, ...got.authorities, ...got.additionals].map(formatRR))
            .to.deep.equal([...msg.answers, ...msg.authorities, ...msg.additionals].map(formatRR));
        });
      }

      it(`${file}: our encoding decodes the same in drill (ldns), compressed and not`, function () {
        if (!drillAvailable) this.skip();
        for (const compress of [false, true]) {
          const viaDrill = toMessage(drillDecode(encodeMessage(msg, { compress })));
          expect(sections(viaDrill), `compress=${compress}`).to.deep.equal(sections(msg));
          expect([viaDrill.rcode, viaDrill.flags, viaDrill.questions]).to.deep.equal([msg.rcode, msg.flags, msg.questions]);
        }
      });
    }
  });

  describe('presentation round trips', () => {
    const text = readFileSync(new URL('presentation/round-trip.txt', ROOT), 'utf8');
    const blocks = text.split(/\n\s*\n/).map((b) => b.split('\n').filter((l) => !/^\s*;/.test(l)).join('\n').trim()).filter(Boolean);
    it('has cases', () => expect(blocks.length).to.be.greaterThan(15));
    for (const block of blocks) {
      const at = block.lastIndexOf('\n=> ');
      const input = block.slice(0, at);
      const expected = block.slice(at + 4);
      it(`prints ${expected.slice(0, 70)}`, () => {
        const rr = parseRR(input);
        expect(formatRR(rr)).to.equal(expected);
        const again = parseRR(expected);
        expect(formatRR(again)).to.equal(expected);
        expect(toHex(again.rdata)).to.equal(toHex(rr.rdata));
        expect(parseZone(input)).to.have.length(1);
      });
    }
  });
});
