/**
 * The valid inputs the fuzz targets mutate: the records in `SEED_LINES` and RDATA of layout-only
 * types, the zone files and ldns wire dumps under vectors/, messages our encoder writes from them
 * (`loadCorpus`), and three certificate chains made once by src/testing/certs.ts (`SEED_CHAINS`),
 * kept here so that a replay in another process sees the same bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { fromHex } from '../../src/dns/encoding.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { encodeMessage, type Message } from '../../src/dns/message.ts';
import { parseRR, parseZone } from '../../src/dns/presentation.ts';
import { certificateParts } from '../../src/dane/tlsa.ts';
import type { TestKeyType } from '../../src/testing/certs.ts';
import { concat } from './bytes.ts';

// ---------------------------------------------------------------------------------------------
// Records, RDATA, zone texts and wire messages.

/** One valid record of every type with a codec (and two without), in presentation form. */
export const SEED_LINES = [
  'a.example. 60 IN A 192.0.2.1',
  'a.example. 60 IN AAAA 2001:db8::1:0:0:1',
  'example. 60 IN NS ns1.example.',
  'x.example. 60 IN MD mail.example.',
  'x.example. 60 IN MF mail.example.',
  'x.example. 60 IN MB mail.example.',
  'x.example. 60 IN MG mail.example.',
  'x.example. 60 IN MR mail.example.',
  'www.example. 60 IN CNAME a.example.',
  'sub.example. 60 IN DNAME other.example.',
  '1.2.0.192.in-addr.arpa. 60 IN PTR a.example.',
  'x.example. 60 IN MINFO rmail.example. errors.example.',
  'example. 300 IN SOA ns1.example. hostmaster.example. 2026112801 86400 7200 2419200 300',
  'example. 60 IN MX 10 mx.example.',
  'example. 60 IN TXT "v=spf1 -all" "" "a;b" "\\"q\\" \\\\ \\009\\255"',
  'x.example. 60 IN HINFO "x86" "Linux"',
  '_25._tcp.example. 60 IN SRV 0 5 25 mx.example.',
  'dskey.example. 86400 IN DS 60485 5 1 2bb183af5f22588179a53b0a98631fad1a292118',
  'dskey.example. 86400 IN CDS 60485 13 2 e06d44b80b8f1d39a95c0b0d7c65d08458e880409bbc683457104237c7f8ec8d',
  'example. 3600 IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==',
  'example. 3600 IN CDNSKEY 256 3 8 AwEAAcNEU67LJI5GEgF9QLNqLO1SMq1EdoQ6E9f85ha0k0ewQGCblyW2836GiVsm6k8Kr5ECIoMJ6fZWf3CQSQ9ycWfTyOHfmI3eQ/1Covhb2y4bAmL/07PhrL7ozWBW3wBfM335Ft9xjtXHPy7ztCbV9qZ4TVDTW/Iyg0PiwgoXVesz',
  'x.example. 300 IN RRSIG TLSA 13 3 300 20260101000000 20251201000000 12345 example. dGVzdA==',
  'alfa.example. 86400 IN NSEC host.example. A MX RRSIG NSEC TYPE1234',
  '2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 IN NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG',
  'example. 3600 IN NSEC3PARAM 1 0 0 -',
  '_25._tcp.mx.example. 60 IN TLSA 3 1 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971',
  'example. 3600 IN CAA 128 issue "ca.example.net; account=1"',
  'a\\.b.\\200\\255.Example. 60 IN CNAME \\(x\\)\\"y.',
  'x.example. 60 CLASS32 TYPE731 \\# 6 abcdef012345',
  'x.example. 60 IN TYPE65280 \\# 0',
];

/** RDATA of types our codecs do not structure but `canonicalRdata` walks (RFC 4034 §6.2 layouts). */
function layoutSeeds(): [number, Uint8Array][] {
  const n = (s: string) => Name.parse(s).toWire();
  const u16b = (v: number) => Uint8Array.of(v >>> 8, v & 0xff);
  const str = (s: string) => concat(Uint8Array.of(s.length), new TextEncoder().encode(s));
  return [
    [17, concat(n('Admin.Example.'), n('txt.example.'))], // RP
    [18, concat(u16b(1), n('AFSDB.example.'))],
    [21, concat(u16b(10), n('RT.example.'))],
    [24, concat(new Uint8Array(18), n('Signer.example.'), Uint8Array.of(1, 2, 3))], // SIG
    [26, concat(u16b(10), n('Map822.example.'), n('MapX400.example.'))], // PX
    [30, concat(n('Next.example.'), Uint8Array.of(0x40, 0x01))], // NXT
    [35, concat(u16b(100), u16b(10), str('U'), str('E2U+sip'), str('!^.*$!sip:x@example!'), n('.'))], // NAPTR
    [36, concat(u16b(10), n('KX.example.'))],
    [38, concat(Uint8Array.of(64), new Uint8Array(8).fill(1), n('Prefix.example.'))], // A6
    [38, concat(Uint8Array.of(0), new Uint8Array(16).fill(2))],
    [RRType.OPT, concat(u16b(10), u16b(8), new Uint8Array(8), u16b(8), u16b(7), Uint8Array.of(0, 1, 24, 0, 192, 0, 2))],
  ];
}

export interface Corpus {
  /** Zone files in pieces of at most 30 lines, and runs of `SEED_LINES` under `$ORIGIN` and `$TTL`. */
  zoneTexts: string[];
  /** Valid records of every codec type. */
  records: ResourceRecord[];
  /** [type, RDATA] of every seed record and of the layout-only types. */
  rdatas: [number, Uint8Array][];
  /** Wire messages: ldns dumps from vectors/dns/messages and messages our encoder wrote. */
  messages: Uint8Array[];
}

const VECTORS = new URL('../../vectors/', import.meta.url);
let corpus: Corpus | undefined;

/** Reads the seeds once per process (about 30 ms). */
export function loadCorpus(): Corpus {
  if (corpus) return corpus;
  const files = readdirSync(VECTORS, { recursive: true, encoding: 'utf8' }).sort();
  const zoneTexts: string[] = [];
  const records: ResourceRecord[] = SEED_LINES.map((l) => parseRR(l));
  for (const f of files.filter((x) => x.endsWith('.zone'))) {
    const text = readFileSync(new URL(f, VECTORS), 'utf8');
    records.push(...parseZone(text));
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += 30) zoneTexts.push(lines.slice(i, i + 30).join('\n'));
  }
  for (let i = 0; i < SEED_LINES.length; i += 4) zoneTexts.push(['$ORIGIN example.', '$TTL 1h', ...SEED_LINES.slice(i, i + 6)].join('\n'));
  const messages: Uint8Array[] = [];
  for (const f of files.filter((x) => x.startsWith('dns/messages/') && x.endsWith('.txt'))) {
    const wire = /;; WIRE:([\s\S]*)$/.exec(readFileSync(new URL(f, VECTORS), 'utf8'))?.[1];
    if (wire) messages.push(fromHex(wire.replace(/;.*/g, '').replace(/\s+/g, '')));
  }
  // Our encoder's messages: runs of consecutive records (an RRset and its RRSIG stay together).
  for (let i = 0; i < records.length; i += 5) {
    const rrs = records.slice(i, i + 9);
    const m = message(1000 + i, rrs.slice(0, 5), rrs.slice(5, 7), rrs.slice(7), i % 2 === 0);
    messages.push(encodeMessage(m, { compress: i % 10 < 5 }));
  }
  const rdatas: [number, Uint8Array][] = [...records.map((r): [number, Uint8Array] => [r.type, r.rdata]), ...layoutSeeds()];
  corpus = { zoneTexts, records, rdatas, messages };
  return corpus;
}

function message(id: number, answers: ResourceRecord[], authorities: ResourceRecord[], additionals: ResourceRecord[], edns: boolean): Message {
  const m: Message = {
    id, opcode: 0, rcode: 0, flags: { qr: true, aa: true, tc: false, rd: true, ra: true, ad: false, cd: false },
    questions: [{ name: answers[0]?.name ?? Name.ROOT, type: answers[0]?.type ?? 1, class: 1 }],
    answers, authorities, additionals,
  };
  if (edns) m.edns = { udpSize: 1232, version: 0, dnssecOk: true, options: [] };
  return m;
}

// ---------------------------------------------------------------------------------------------
// Certificate chains.

/** The clock of the seed chains: every certificate is valid at this instant. */
export const CERT_NOW = new Date('2026-11-28T08:00:00Z');

/**
 * Seed chains, root -> intermediate -> leaf (base64 DER), fixed so that `--seed`/`--path` replay
 * the same bytes in any process (createTestChain draws fresh keys, serials and ECDSA nonces each
 * time). Made once with src/testing/certs.ts: `createTestChain({ leafCN: 'mx.example.com',
 * leafDnsNames: ['mx.example.com'], keyType, now: CERT_NOW })` for ec (P-256), ed25519 and rsa
 * (2048); the private keys were never written anywhere. Valid 2026-11-27 to 2026-12-28.
 */
const SEED_CHAINS: Record<TestKeyType, readonly [string, string, string]> = {
  ec: [
    `MIIBTjCB9aADAgECAhBLOO9eteN/Znu5xfejOz0AMAoGCCqGSM49BAMCMBcxFTATBgNVBAMMDFRlc3QgUm9vdCBDQTAeFw0y
     NjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMBcxFTATBgNVBAMMDFRlc3QgUm9vdCBDQTBZMBMGByqGSM49AgEGCCqGSM49
     AwEHA0IABJExDe/KstH1/FNFM2SfydFuybkhpPRbl7124ZN+2901TohBxXw9jcLWtekv2VcqG7xpNq24SGFYKxdwSN9IXGyj
     IzAhMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMCA0gAMEUCIHrpPOKlKO8Hh9mKY0woFz99
     hTnaX7Xjq1gbK+80zN5MAiEA4C51nZoIS39M/GXMDeuLDrgSwvI8fnpCkoayWshlMoc=`, // root
    `MIIBVjCB/aADAgECAhAPOfWFoZPY/LQunT2o5Qv4MAoGCCqGSM49BAMCMBcxFTATBgNVBAMMDFRlc3QgUm9vdCBDQTAeFw0y
     NjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMB8xHTAbBgNVBAMMFFRlc3QgSW50ZXJtZWRpYXRlIENBMFkwEwYHKoZIzj0C
     AQYIKoZIzj0DAQcDQgAEPKZtuRpw+D2mirLn2nazc+TQdqYfFV44uSzxuI3BSrU8Htf6SUbNmZv4ngk0REUuQ6FQ0slrEFWo
     /K0wrR98cqMjMCEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwIDSAAwRQIhAM83fW7Z7jON
     j3kBBiV8DcbPKRMuFg/IMBfuVOvHS0oUAiAbBmW+EADZIIk9PFfnHleOyTEuhU0Wd0+oFVPqKpQWOg==`, // intermediate
    `MIIBUjCB+aADAgECAhB3UWhxK/SG1TQoNWLkei20MAoGCCqGSM49BAMCMB8xHTAbBgNVBAMMFFRlc3QgSW50ZXJtZWRpYXRl
     IENBMB4XDTI2MTEyNzA4MDAwMFoXDTI2MTIyODA4MDAwMFowGTEXMBUGA1UEAwwObXguZXhhbXBsZS5jb20wWTATBgcqhkjO
     PQIBBggqhkjOPQMBBwNCAARVyIhoDnenIRWGpLkfEBEICawwCjoDpMo8LK0qZNYNlRfJHOgwTFRNozZA1OaaqpOqRHf2JWrI
     1uE9AhBMCsEqox0wGzAZBgNVHREEEjAQgg5teC5leGFtcGxlLmNvbTAKBggqhkjOPQQDAgNIADBFAiEA586ZFzG3IIFdmnGH
     ZCX+GfpRngyUmY+dEJfFqKz2ZrQCIBlgvIp0tFVqh8JeWiNk7mOesD3V0yhY2klz+Gx5stNr`, // leaf
  ],
  ed25519: [
    `MIIBDjCBwaADAgECAhBHdp/OjaTSYnvitlzYvhUIMAUGAytlcDAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwHhcNMjYxMTI3
     MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwKjAFBgMrZXADIQCr/JjvqFJ6Vl41ZnbC
     FcrbAzkYEZNXDRQWU1cXN02896MjMCEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwBQYDK2VwA0EAyZ8b78CQ
     UhjbgsQBzo/JW1dkdwU40CMvGOilXDfEPz09LRgLO/HuVdAbvN6Nl6ifuTNWi596eHJfNyLiajOQAg==`, // root
    `MIIBFjCByaADAgECAhAzkdycr3vrymVyDWpldCgLMAUGAytlcDAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwHhcNMjYxMTI3
     MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVkaWF0ZSBDQTAqMAUGAytlcAMhAF2tiA0N
     M0m/sy/2FgMTUn7HXQCFzO13zRvpqXg8otiJoyMwITAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAFBgMrZXAD
     QQC9D9Qt6Nh4a9Djns9ETLJ5tdbLXWkoPcB5l/NwPe4ch5ejam2w0Hke/BMgzFdoYo0XLL7jWTIleqpUyRcJdIQE`, // intermediate
    `MIIBEjCBxaADAgECAhBh4UYmU0T1e5SlTcEo1OfyMAUGAytlcDAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVkaWF0ZSBDQTAe
     Fw0yNjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMBkxFzAVBgNVBAMMDm14LmV4YW1wbGUuY29tMCowBQYDK2VwAyEAk92v
     mtHsG/HLBStpVouDg5MGncq0AoX88LBgKilf/k6jHTAbMBkGA1UdEQQSMBCCDm14LmV4YW1wbGUuY29tMAUGAytlcANBAMeC
     pwy6YXRMg9Sb8gauQaUQPfdNhcRG77Jr7xQvoMUsar5ZFMcxbR0A/TYnlVMehtrn8F7/eFjnquZmjd3efwk=`, // leaf
  ],
  rsa: [
    `MIIC2zCCAcOgAwIBAgIQcQvHEyVnsEcxe64QajdZVzANBgkqhkiG9w0BAQsFADAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0Ew
     HhcNMjYxMTI3MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwggEiMA0GCSqGSIb3DQEB
     AQUAA4IBDwAwggEKAoIBAQC+haMaZhLunDEKJNsh5StgEk8suCE8VQDWGSDQSyscOk33AKvRFjCyBXhxv8z05Ypf0vXQDNX0
     nOAwwFhBEtHf1taUk2tB3IOpiQCrpggcfjFmlhTN/0Z3589LPTx22nqfPe6HlJMyL9yob3Fjc+LJRHiO6LmJReHFNEk20u7a
     PLMast930iNCSU1D3lnMfiB7otiEmW98/7S96Z/IYeP7GJmMDxagOYrfylyPwJJwf/xDQp0qD5sW+DC5KIv3b2Eam4VMHGm9
     nkRyPbX0xCZ2RJe8H0BjVwbDISkvwmSt0gw9Der9L2rD1lZlnEY1GRpX/FdG/F2J4Zrqhe4LExgdAgMBAAGjIzAhMA8GA1Ud
     EwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMA0GCSqGSIb3DQEBCwUAA4IBAQCC6lEX+A8InsxNe6diYH2u398psJ0x5LRc
     z8yUrf1eIZklAPsdGC2Z1goHr1fktDxigmoNgZf2by26wISEGbPMHVI7Lu5EF2GcHbWi2rlHp3eJ2oTLMdXk3RPzk7EI5IDK
     OQaWsOMt+JEODEo82Q++CL0nm1mt9m7hIFYDsFUCCQWOG8iOme2OeIvlx/N78jy5twRV/rSiCbeL2BE2v1vpZ2FUILtkUlpM
     b8KxdfyRZwnBKDLmbXDKUlCRjHEDi1oOSqze235RXW/ywbHBWNgtmt1Oacdy7+vMSeH36Xu9m9IDT7Bo17ns+wYSDT4NN59a
     nzzYrRrNbxwKsXQ4ZZEd`, // root
    `MIIC4zCCAcugAwIBAgIQZxNn/CZCQOQ+o9+Yt2t/fTANBgkqhkiG9w0BAQsFADAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0Ew
     HhcNMjYxMTI3MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVkaWF0ZSBDQTCCASIwDQYJ
     KoZIhvcNAQEBBQADggEPADCCAQoCggEBALhWSGmgR7veFs5CScQBi4uMwpLuR2fHQsPezfMx+jWvpoo9U5laqBljiSAEOCaq
     afw35qee0ZWIX6JlHwTGnN0GSgkqnvujyJNA7f82CJ6LDluDvc/hDbLxK8nLs92u9ofD2tXX5dDeRzWoJEhHo+o46YIeicfL
     jv6km03KGKlFi+lNg/zpgukC0yWx8rcA3DzqOG3hLy/FIpr5Gj4aMTw0KJCOEW56JNPau4lc574kjY+rwBYP12Cjb+zm9n80
     XqgC57j4ZKVG8Z+E5F7hosZzH0ensGADgRnX2anOai8PA2l4Fy81JW+KMKgshfzjSrRQNTILk/dsBVbU9azoPT0CAwEAAaMj
     MCEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwDQYJKoZIhvcNAQELBQADggEBALFwLVZVbJVs7CZiATJLYgDh
     MEcaqdzGHgQU0vxGzHl4GnXZnpm+5oiuV9jmz/Dems3XIj5FlO5oYjrwrnEOQoOYKgCjggdrYXarJB39Ascu4SJUvbh9j/EL
     P04Tfe0OYIZ1Xl5uu0/QJf7M9o+BZMn/T3iRsCcpoFc89bVs+v4P2UqC2npxFr3w/fZEIgGad211FEjQtnITIebcB8MzXsTg
     DUJFEk5zA5ZTj29Yl+YBYD3f5fCOL7zOxbYDcHRUUlLCvdwePgDBabaNk+0rUVkUJZMcYG/p/leESMASSgBRgsaweyZFY0Ye
     jJ+y9C4NVF/bQ127xPRDr8gRGAtwYRQ=`, // intermediate
    `MIIC3zCCAcegAwIBAgIQbYZ16uq9X20cllqoEPN/gTANBgkqhkiG9w0BAQsFADAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVk
     aWF0ZSBDQTAeFw0yNjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMBkxFzAVBgNVBAMMDm14LmV4YW1wbGUuY29tMIIBIjAN
     BgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtlTvZJyNNrlhDgi1U6TgVQOi/Q2KuHUvVw2njIQFHx37LqYlqChR9hVyrOpI
     1TwDtFrbUMCUSkRqmn88lEoIj4EUfMrWumuPDwsqwM31BRbz+5FWDoJypgM92l2W1KIyzwdbq9sQnYmU56scj1j6bf9R46HJ
     6vDiWGOxWp1XYKRuWI+0IPe/zlGlIUJGbLruYw4p6bItSOAcwwbWUlUKiVtkUFMZEKwk73PiyUrsyuH6zvT+/3mgG+EueHHp
     IpDhTAJAgaeMXnvla4+Sb1tQUKxZ74wG50LIUXUIUDnftTwubuJmovuz5mwucX/vlR5VM9siOP3zM6z8I+wGawwx3QIDAQAB
     ox0wGzAZBgNVHREEEjAQgg5teC5leGFtcGxlLmNvbTANBgkqhkiG9w0BAQsFAAOCAQEAesGNIlznCBxvzNowRDjzhiTH6Iog
     oTh3CKBrXbAk0x7hwwOu7m8cLaICoH/66teGnLs/MG4BKfOTc+piy93aNtj206SY1DVdNHV5TscfoI+fwyHqPfoAlSIC2Mfn
     X18p8OZklS4C59wUS2r5ccEIOBoSuqH3t2fvB35P093xy9lsQ0DLXVahhmSoAjtYztb5GllP9u6CQ1LdF7CfaYeJq6ZObWF2
     0rfKNS4rAwj1QoLuOB4V8cvulGWj1iPwp0Y44UXLqQ+LHv9pFR5ujAMChvY0B5Za6nar5QY8oqed0lWlefMK8j1Yhpoi6XlH
     imFIg+pE6cFNTMRVWN1TqIE1ag==`, // leaf
  ],
};

export interface SeedChain {
  der: { root: Uint8Array; intermediate: Uint8Array; leaf: Uint8Array };
  spki: { root: Uint8Array; intermediate: Uint8Array; leaf: Uint8Array };
}

export function seedChain(keyType: TestKeyType): SeedChain {
  const [root, intermediate, leaf] = SEED_CHAINS[keyType].map((b64) => new Uint8Array(Buffer.from(b64.replace(/\s+/g, ''), 'base64')));
  const spki = (d: Uint8Array) => certificateParts(d)!.spki;
  return { der: { root: root!, intermediate: intermediate!, leaf: leaf! }, spki: { root: spki(root!), intermediate: spki(intermediate!), leaf: spki(leaf!) } };
}
