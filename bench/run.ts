/**
 * `npm run bench`: verifyRRset throughput per algorithm, native (node:crypto) and pure-TypeScript
 * paths, beside the raw node:crypto verify rate on the same signatures in the same run, and beside
 * chjj/bns (the other JavaScript DNSSEC validator) on the same RRsets.
 *
 * Each RRset is a realistic one: a TLSA RRset (two 3 1 1 records), an MX RRset (two hosts) and a
 * DNSKEY RRset (KSK + ZSK, signed by the KSK). RSA keys are 2048 bits. Each figure is operations
 * per second over BENCH_MS milliseconds (default 400) after a warm-up, the contenders taking turns
 * (BENCH_ROUNDS rounds, default 30, order reversed every other round) so that load from other
 * processes hits them alike. native/raw is printed twice: over the whole run, and as the median of
 * the per-round ratios (steadier on a shared machine).
 *
 * What each column does per operation:
 * - raw:    crypto.verify(hash, signedData, keyObject, sig): signed data and key prepared once.
 * - native: verifyRRset(): RRSIG field checks, validity window, key selection by tag, canonical
 *           form and signed data, cached key, crypto.verify.
 * - checks: verifyRRset() with a backend whose verify accepts without computing: the time of our
 *           own work per call (printed in microseconds), which native pays on top of raw.
 * - pure:   the same with the @noble / BigInt backend.
 * - bns:    bns dnssec.verify(sig, key, rrset) (key tag, names, signed data, its own crypto; it does
 *           not check the validity window or labels, so it does a little less work than we do).
 *
 * bns's crypto is bcrypto: this prints whether its native binding (libtorsion, C) or its JS
 * fallback is in use.
 */
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Name } from '../src/dns/name.ts';
import { formatRR, parseZone } from '../src/dns/presentation.ts';
import { RRType } from '../src/dns/iana/rr-types.ts';
import { dnssecAlgorithmToString } from '../src/dns/iana/dnssec-algorithms.ts';
import type { RecordOf, ResourceRecord } from '../src/dns/record.ts';
import { getBackend, SUPPORTED_ALGORITHMS, type CryptoBackend } from '../src/dnssec/algorithms.ts';
import { rrsigSignedData, verifyRRset } from '../src/dnssec/rrsig.ts';
import { generateKey, signRRset, type TestKey } from '../src/testing/keys.ts';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bns: any = require('bns');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bcryptoRsa: any = require('bcrypto/lib/rsa');

const BENCH_MS = Number(process.env.BENCH_MS ?? 400);
const WARMUP_MS = Math.max(50, BENCH_MS / 4);
const RSA_BITS = 2048;
const ALGORITHMS = (process.env.BENCH_ALGS ?? '8,10,13,14,15,16,5,7').split(',').map(Number);
const ZONE = Name.parse('example.');
const NOW = new Date('2026-11-28T08:00:00Z');
const WINDOW = { inception: new Date('2026-11-01T00:00:00Z'), expiration: new Date('2026-12-31T00:00:00Z') };

/** Rounds the contenders take turns in: load from other processes then hits all of them alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

/** Operations per second of each contender, and of each round. */
interface Rates {
  /** Over all rounds: operations / time. */
  readonly total: number[];
  /** Per round, per contender. */
  readonly perRound: number[][];
}

/**
 * Operations per second of each contender, measured interleaved: ROUNDS turns of BENCH_MS / ROUNDS
 * each, after a warm-up, the order reversed every other round (so that no contender always follows
 * the same one). A contender that fails (returns false) aborts the run.
 */
function rates(contenders: [string, () => boolean][]): Rates {
  const slice = BENCH_MS / ROUNDS;
  const total = contenders.map(() => ({ n: 0, ms: 0 }));
  const perRound: number[][] = [];
  const turn = (fn: () => boolean, label: string, ms: number) => {
    let n = 0;
    const start = performance.now();
    let t = start;
    while (t - start < ms) {
      for (let i = 0; i < 4; i++) if (!fn()) throw new Error(`${label}: verification failed`);
      n += 4;
      t = performance.now();
    }
    return { n, ms: t - start };
  };
  for (const [label, fn] of contenders) turn(fn, label, WARMUP_MS / contenders.length);
  for (let r = 0; r < ROUNDS; r++) {
    const round = contenders.map(() => 0);
    const order = contenders.map((_, i) => (r % 2 === 0 ? i : contenders.length - 1 - i));
    for (const i of order) {
      const [label, fn] = contenders[i]!;
      const x = turn(fn, label, slice);
      total[i]!.n += x.n;
      total[i]!.ms += x.ms;
      round[i] = (x.n * 1000) / x.ms;
    }
    perRound.push(round);
  }
  return { total: total.map((x) => (x.n * 1000) / x.ms), perRound };
}

/** Median of per-round ratios a/b: robust to a burst of load that hits one round. */
function medianRatio(perRound: number[][], a: number, b: number): number {
  const r = perRound.map((x) => x[a]! / x[b]!).sort((x, y) => x - y);
  const m = r.length >> 1;
  return r.length % 2 ? r[m]! : (r[m - 1]! + r[m]!) / 2;
}

function rrsetsFor(ksk: TestKey, zsk: TestKey): Record<string, ResourceRecord[]> {
  const text = `$ORIGIN example.
_25._tcp.mail 300 IN TLSA 3 1 1 aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899
_25._tcp.mail 300 IN TLSA 3 1 1 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
@ 300 IN MX 10 mail
@ 300 IN MX 20 Backup.Example.
`;
  const recs = parseZone(text);
  return {
    TLSA: recs.filter((r) => r.type === RRType.TLSA),
    MX: recs.filter((r) => r.type === RRType.MX),
    DNSKEY: [ksk.dnskey(ZONE), zsk.dnskey(ZONE)],
  };
}

function keyObjectFor(key: TestKey): KeyObject {
  return createPublicKey(key.privateKey);
}

interface Row {
  alg: string;
  rrset: string;
  raw: number;
  native: number;
  pure: number;
  bns: number;
  /** native/raw as the median of per-round ratios. */
  nativeRaw: number;
  /** Microseconds per verifyRRset call without the signature arithmetic (no-op crypto). */
  checksUs: number;
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

function main(): void {
  console.log(`dane-verify bench: Node ${process.version}, ${BENCH_MS} ms per figure, RSA ${RSA_BITS} bits`);
  console.log(`bns crypto: bcrypto ${bcryptoRsa.native === 2 ? 'native binding (libtorsion, C)' : bcryptoRsa.native === 1 ? 'node:crypto backend' : 'JS fallback'} (bcrypto rsa.native=${bcryptoRsa.native})`);
  const rows: Row[] = [];
  const nativeBackend = getBackend('native');
  const pureBackend = getBackend('pure');
  // Everything verifyRRset does but the signature arithmetic: the native backend's key import, and
  // a verify that accepts. Bench-only: measures our own per-call work beside the crypto.
  const checksOnly: CryptoBackend = {
    name: 'native',
    digest: (h, d) => nativeBackend.digest(h, d),
    importKey: (k) => nativeBackend.importKey(k),
    verify: () => true,
  };
  for (const alg of ALGORITHMS) {
    const info = SUPPORTED_ALGORITHMS.get(alg)!;
    const ksk = generateKey(alg, { ksk: true, bits: RSA_BITS });
    const zsk = generateKey(alg, { bits: RSA_BITS });
    const sets = rrsetsFor(ksk, zsk);
    const keys = [ksk.dnskey(ZONE), zsk.dnskey(ZONE)];
    const keyObj = keyObjectFor(ksk);
    const spec = info.keySpec;
    const hash = spec.family === 'eddsa' ? null : spec.hash;
    const opts = spec.family === 'ecdsa' ? { key: keyObj, dsaEncoding: 'ieee-p1363' as const } : keyObj;
    for (const [name, rrset] of Object.entries(sets)) {
      const rrsig = signRRset(rrset, ksk, { signer: ZONE, ...WINDOW }) as RecordOf<typeof RRType.RRSIG>;
      const data = rrsigSignedData(rrset, rrsig);
      const sig = rrsig.data.signature;
      const label = `${dnssecAlgorithmToString(alg)} ${name}`;
      const bSig = bns.wire.Record.fromString(formatRR(rrsig));
      const bKey = bns.wire.Record.fromString(formatRR(keys[0]!));
      const bSet = rrset.map((r) => bns.wire.Record.fromString(formatRR(r)));
      const measured = rates([
        [`${label} raw`, () => nodeVerify(hash, data, opts, sig)],
        [`${label} native`, () => verifyRRset({ rrset, rrsig, keys, now: NOW, backend: nativeBackend }).ok],
        [`${label} checks`, () => verifyRRset({ rrset, rrsig, keys, now: NOW, backend: checksOnly }).ok],
        [`${label} pure`, () => verifyRRset({ rrset, rrsig, keys, now: NOW, backend: pureBackend }).ok],
        [`${label} bns`, () => bns.dnssec.verify(bSig, bKey, bSet) as boolean],
      ]);
      const [raw, native, checks, pure, bnsRate] = measured.total as [number, number, number, number, number];
      const nativeRaw = medianRatio(measured.perRound, 1, 0);
      const checksUs = 1e6 / checks;
      const row = { alg: `${alg} ${dnssecAlgorithmToString(alg)}`, rrset: name, raw, native, pure, bns: bnsRate, nativeRaw, checksUs };
      rows.push(row);
      console.log(
        `${row.alg.padEnd(22)} ${name.padEnd(6)} raw ${fmt(raw).padStart(8)}/s  native ${fmt(native).padStart(8)}/s (${(native / raw).toFixed(2)}x raw, median of rounds ${nativeRaw.toFixed(2)}x)  ` +
          `checks ${checksUs.toFixed(2)} us  ` +
          `pure ${fmt(pure).padStart(8)}/s (${(pure / raw).toFixed(2)}x)  bns ${fmt(bnsRate).padStart(8)}/s (native ${(native / bnsRate).toFixed(2)}x bns)`,
      );
    }
  }
  const worst = rows.reduce((w, r) => (r.nativeRaw < w.nativeRaw ? r : w));
  console.log(`\nlowest native/raw ratio (median of rounds): ${worst.nativeRaw.toFixed(2)} (${worst.alg} ${worst.rrset}); goal >= 0.80`);
  // The goal is to be ahead of bns wherever OpenSSL (raw) is faster than bns's own crypto.
  const behind = rows.filter((r) => r.native < r.bns);
  const mustLead = behind.filter((r) => r.raw > r.bns);
  console.log(behind.length === 0 ? 'native path ahead of bns on every row' : `behind bns on: ${behind.map((r) => `${r.alg} ${r.rrset}`).join(', ')}`);
  const exempt = rows.filter((r) => r.raw <= r.bns).map((r) => `${r.alg} ${r.rrset}`);
  if (exempt.length) console.log(`rows where raw OpenSSL itself is slower than bns's crypto: ${exempt.join(', ')}`);
  console.log(mustLead.length === 0 ? 'goal met: ahead of bns wherever OpenSSL is faster than bns' : `goal missed on: ${mustLead.map((r) => `${r.alg} ${r.rrset}`).join(', ')}`);
}

main();
