/**
 * The SMTP side of the test world: per MX host name, a certificate made at run time (certs.ts),
 * an SMTP server presenting it (smtp-server.ts), and the records that publish it: an A record
 * for the host and TLSA records at `_<port>._tcp.<host>` (RFC 6698 §3; `_25._tcp` in the field, RFC 7672 §2.2) computed from the chain.
 *
 * Every host gets its own loopback address (127.0.0.10, .11, ... in spec order, or `ip`), or
 * several (`ips`, one server per address, an A record for each), and all share one port, as MX
 * hosts share port 25 in the real world: a client given that port reaches each host at the
 * addresses its A records name. TLSA records are published at `_<port>._tcp`.
 *
 * Limitation: the shared port is probed free on 127.0.0.1 and then bound on every address; a
 * port taken on one of them costs a retry ({@link MAX_MAIL_PORT_TRIES}), so many addresses make
 * a retry more likely only in proportion to what else listens on them (on a quiet loopback,
 * nothing: 10 hosts x 10 addresses start on the first try).
 */
import { Name } from '../../dns/name.ts';
import { tlsaAssociation } from '../../dane/tlsa.ts';
import { createTestCertificate, createTestChain, pemBundle, type TestCert, type TestKeyType } from '../certs.ts';
import { createTestSmtpContext, startTestSmtpServer, type TestSmtpMode, type TestSmtpServer } from '../smtp-server.ts';
import type { SecureVersion } from 'node:tls';
import { createServer, isIPv4, type AddressInfo } from 'node:net';

/** Ports probed for the mail servers to share before giving up (a probed port may be taken on another address). */
export const MAX_MAIL_PORT_TRIES = 8;

/** Loopback addresses handed to mail servers start here: 127.0.0.10, 127.0.0.11 ... */
export const FIRST_MAIL_SERVER_HOST = 10;

/** The loopback address of the `index`-th mail server of a world. */
export function mailServerAddress(index: number): string {
  const n = FIRST_MAIL_SERVER_HOST + index;
  if (!Number.isInteger(index) || index < 0 || n > 254) throw new RangeError(`a world has at most ${255 - FIRST_MAIL_SERVER_HOST} mail servers`);
  return `127.0.0.${n}`;
}

/** One mail server of the world, by MX host name. */
export interface MailServerSpec {
  /** smtp-server.ts behaviour (default `'starttls'`). */
  readonly mode?: TestSmtpMode;
  /**
   * What the server presents: a self-signed leaf (default); `chain`, a leaf issued by an
   * intermediate of a private CA (leaf + intermediate); `chain-with-root`, the same plus the root
   * (leaf + intermediate + root); `impostor-intermediate`, leaf + an intermediate with the real
   * one's name but another key + the root — the path from the leaf to the root does not verify.
   */
  readonly certificate?: 'self-signed' | 'chain' | 'chain-with-root' | 'impostor-intermediate';
  /**
   * Certificates presented, for `certificate: 'chain'` (default 2: leaf + N-1 intermediates) or
   * `'chain-with-root'` (default 3: leaf + N-2 intermediates + root), each issued by the next,
   * in that order (certs.ts `createTestChain`). With EC keys 50 certificates take ~80 ms to make
   * and ~18 KB on the wire.
   */
  readonly chainLength?: number;
  /**
   * TLSA base domains to publish the records at (default: the host itself), e.g. the name of a
   * CNAME that points to the host (RFC 7672 §2.2.3). Absolute, or relative to nothing (a dot is added).
   */
  readonly tlsaAt?: readonly string[];
  /** Validity of the leaf (default: around `now`), e.g. in the past for an expired certificate. */
  readonly leafValidity?: { readonly notBefore: Date; readonly notAfter: Date };
  /** Accept mail (MAIL, RCPT, DATA) and keep it in the server's `received` (default: no mail accepted). */
  readonly acceptMail?: boolean;
  /** Key type of the certificates (default `'ec'`, P-256). */
  readonly keyType?: TestKeyType;
  /** subjectAltName dNSNames of the leaf (default: the host name without the trailing dot). */
  readonly names?: readonly string[];
  /**
   * TLSA records to publish at `_25._tcp.<host>`: `'U S M'` computes the association data from the
   * chain (usages 1 and 3 from the leaf, 0 and 2 from the top certificate presented), `'U S M hex'`
   * is published as given (e.g. a deliberate mismatch). Default `['3 1 1']`; `[]` publishes none.
   */
  readonly tlsa?: readonly string[];
  /**
   * The name the server gives in its greeting and EHLO reply, and in its `reject-greeting` 554
   * (default: the host name): any text, so that a test can play a hostile server (control characters).
   */
  readonly hostname?: string;
  /** Publish the host's A record (default true). */
  readonly address?: boolean;
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  /** Loopback address to listen on and publish (default: the next free one from 127.0.0.10). */
  readonly ip?: string;
  /**
   * Several loopback addresses (IPv4, 127.0.0.0/8) instead of `ip`: one server per address, all
   * with the same certificates and mode, and an A record for each, in this order. Give them
   * outside 127.0.0.10-254 (e.g. 127.0.1.1-127.0.1.100), where the default addresses go.
   */
  readonly ips?: readonly string[];
  /** `mode: 'trickle'`: milliseconds between two octets (smtp-server.ts default, 200). */
  readonly trickleMs?: number;
}

/** A planned mail server: its certificates and the records to publish, before any socket exists. */
export interface MailServerPlan {
  readonly host: Name;
  readonly spec: MailServerSpec;
  /** Certificates presented, leaf first. */
  readonly chain: readonly TestCert[];
  /** The private CA's root (only for `certificate: 'chain'`). */
  readonly root: TestCert | undefined;
  /** Zone-file lines with absolute owner names. */
  readonly records: readonly string[];
  /** Where the server listens, as the A record says: the first of `addresses`. */
  readonly address: string;
  /** Every address the host has a server on (and an A record for), `address` first. */
  readonly addresses: readonly string[];
  readonly port: number;
}

/** A running mail server of the world. */
export interface WorldMailServer extends MailServerPlan {
  /**
   * The server on `address` (the first): its host, port and logs. Its `close()` closes every
   * server of the host, so that code written for one address per host (world.ts closes hosts
   * through `server`) leaves none running.
   */
  readonly server: TestSmtpServer;
  /** One server per address, in the order of `addresses`. */
  readonly servers: readonly TestSmtpServer[];
}

function tlsaLine(host: Name, port: number, text: string, chain: readonly TestCert[]): string {
  const f = text.trim().split(/\s+/);
  const owner = `_${port}._tcp.${host.toString()}`;
  if (f.length >= 4) return `${owner} TLSA ${f.join(' ')}`;
  const [u, s, m] = f.map(Number);
  if (f.length !== 3 || ![u, s, m].every((x) => Number.isInteger(x))) throw new RangeError(`expected "U S M" or "U S M hex", got "${text}"`);
  const cert = u === 0 || u === 2 ? chain[chain.length - 1]! : chain[0]!;
  return `${owner} TLSA ${u} ${s} ${m} ${tlsaAssociation(cert.der, s as 0 | 1, m as 0 | 1 | 2)}`;
}

/** The addresses of a spec with `ips`, checked; `undefined` without. */
function specAddresses(host: string, spec: MailServerSpec): readonly string[] | undefined {
  if (spec.ips === undefined) return undefined;
  if (spec.ip !== undefined) throw new RangeError(`expected ip or ips for ${host}, not both`);
  if (spec.ips.length === 0) throw new RangeError(`expected at least one address in ips for ${host}`);
  for (const ip of spec.ips) {
    // The A records published must reach the servers, which only listen on loopback.
    if (!isIPv4(ip) || !ip.startsWith('127.')) throw new RangeError(`expected IPv4 loopback addresses (127.0.0.0/8) in ips for ${host}, got "${ip}"`);
  }
  if (new Set(spec.ips).size !== spec.ips.length) throw new RangeError(`expected distinct addresses in ips for ${host}`);
  return [...spec.ips];
}

/** The certificates a spec presents, leaf first, and the private root when there is one. */
function makeChain(host: string, spec: MailServerSpec, names: readonly string[], now: Date): { chain: TestCert[]; root: TestCert | undefined } {
  const keyType = spec.keyType ?? 'ec';
  const kind = spec.certificate ?? 'self-signed';
  const withRoot = kind === 'chain-with-root';
  if (spec.chainLength !== undefined && kind !== 'chain' && !withRoot) throw new RangeError(`chainLength applies to certificate 'chain' or 'chain-with-root', not '${kind}' (${host})`);
  const length = spec.chainLength ?? (withRoot ? 3 : 2);
  const least = withRoot ? 3 : 2;
  if (!Number.isInteger(length) || length < least) throw new RangeError(`expected chainLength to be an integer of at least ${least} for '${kind}' (${host}), got ${length}`);
  if (kind === 'self-signed') return { chain: [createTestCertificate({ subjectCN: names[0] ?? host, dnsNames: [...names], keyType, now, ...spec.leafValidity })], root: undefined };
  const c = createTestChain({
    leafCN: names[0] ?? host,
    leafDnsNames: [...names],
    keyType,
    now,
    intermediates: withRoot ? length - 2 : length - 1,
    ...(spec.leafValidity ? { leafValidity: spec.leafValidity } : {}),
  });
  if (kind === 'chain') return { chain: [c.leaf, ...c.intermediates], root: c.root };
  if (withRoot) return { chain: [c.leaf, ...c.intermediates, c.root], root: c.root };
  const impostor = createTestCertificate({ subjectCN: c.intermediate.subjectCN, ca: true, issuer: c.root, keyType, now });
  return { chain: [c.leaf, impostor, c.root], root: c.root };
}

/**
 * Makes the certificates and records of one mail server. `at.address` is its address unless the
 * spec gives `ips`.
 * @throws RangeError for a TLSA entry that is neither `U S M` nor `U S M hex`, for `ips` that are
 *   empty, repeated, not IPv4 loopback or given with `ip`, and for a `chainLength` out of range
 */
export function planMailServer(hostText: string, spec: MailServerSpec, now: Date, at: { address: string; port: number }): MailServerPlan {
  const host = Name.parse(hostText.endsWith('.') ? hostText : `${hostText}.`);
  const plain = host.toString().slice(0, -1);
  const addresses = specAddresses(plain, spec) ?? [at.address];
  const { chain, root } = makeChain(plain, spec, spec.names ?? [plain], now);
  const first = addresses[0]!;
  return atAddress({ host, spec, chain, root, records: [], address: first, addresses, port: at.port }, { address: first, addresses, port: at.port });
}

/**
 * The plan moved to other addresses and a port: same certificates, records remade (an A per
 * address, and TLSA at `_<port>._tcp`). `addresses` defaults to `[address]`.
 */
export function atAddress(plan: MailServerPlan, at: { address: string; port: number; addresses?: readonly string[] }): MailServerPlan {
  const addresses = at.addresses ?? [at.address];
  const records: string[] = [];
  if (plan.spec.address ?? true) for (const a of addresses) records.push(`${plan.host.toString()} A ${a}`);
  const bases = plan.spec.tlsaAt ? plan.spec.tlsaAt.map((b) => Name.parse(b.endsWith('.') ? b : `${b}.`)) : [plan.host];
  for (const base of bases) for (const t of plan.spec.tlsa ?? ['3 1 1']) records.push(tlsaLine(base, at.port, t, plan.chain));
  return { ...plan, records, address: addresses[0]!, addresses, port: at.port };
}

/**
 * Starts the SMTP servers of a plan, one per address, all at once. When one cannot listen, the
 * others are closed and its error is thrown (an `EADDRINUSE` one first, so that callers retry).
 */
export async function startMailServer(plan: MailServerPlan): Promise<WorldMailServer> {
  const leaf = plan.chain[0]!;
  const tls = {
    certPem: pemBundle(plan.chain),
    keyPem: leaf.keyPem,
    ...(plan.spec.minVersion ? { minVersion: plan.spec.minVersion } : {}),
    ...(plan.spec.maxVersion ? { maxVersion: plan.spec.maxVersion } : {}),
  };
  const mode = plan.spec.mode ?? 'starttls';
  const usesTls = mode === 'starttls' || mode === 'inject-after-starttls' || mode === 'trickle';
  const options = {
    ...tls,
    // One context for all the host's servers: made once, not once per address.
    ...(usesTls ? { secureContext: createTestSmtpContext(tls) } : {}),
    mode,
    hostname: plan.spec.hostname ?? plan.host.toString().slice(0, -1),
    ...(plan.spec.trickleMs !== undefined ? { trickleMs: plan.spec.trickleMs } : {}),
    ...(plan.spec.acceptMail ? { acceptMail: true } : {}),
    port: plan.port,
  };
  const servers = await allOrNone(plan.addresses.map((listenAddress) => startTestSmtpServer({ ...options, listenAddress })));
  const closeAll = async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
  return { ...plan, server: servers.length === 1 ? servers[0]! : { ...servers[0]!, close: closeAll }, servers };
}

/** Every server, or none: when one start fails the others are closed, and the failure thrown. */
async function allOrNone(starts: readonly Promise<TestSmtpServer>[]): Promise<TestSmtpServer[]> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as NodeJS.ErrnoException);
  if (failed.length === 0) return settled.map((r) => (r as PromiseFulfilledResult<TestSmtpServer>).value);
  await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
  throw failed.find((e) => e.code !== 'EADDRINUSE') ?? failed[0]!;
}

/** A TCP port free on 127.0.0.1 right now (a candidate for the mail servers to share on their own addresses). */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Starts every planned server on one shared port, each on its own addresses. With no `port`
 * given, a free one is probed; when it turns out taken on one of the addresses, every server
 * started is closed and another port is tried, at most {@link MAX_MAIL_PORT_TRIES} times.
 * All servers start at once, each host's sharing one TLS context, so the port is bound
 * everywhere soon after the probe freed it, which leaves little time for anyone else to take it.
 * The servers returned carry the records for the port they got.
 * @throws RangeError when two plans share an address; Error when no shared port is found, or
 *   the given port is taken
 */
export async function startMailServers(plans: readonly MailServerPlan[], port?: number): Promise<{ port: number; servers: WorldMailServer[] }> {
  if (plans.length === 0) return { port: 0, servers: [] };
  // Two hosts on one address would collide on every port: say so rather than retry.
  const owner = new Map<string, string>();
  for (const plan of plans) {
    for (const a of plan.addresses) {
      const other = owner.get(a);
      if (other !== undefined) throw new RangeError(`address ${a} is given to both ${other} and ${plan.host.toString()}`);
      owner.set(a, plan.host.toString());
    }
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < MAX_MAIL_PORT_TRIES; attempt++) {
    const shared = port ?? (await freeLoopbackPort());
    const settled = await Promise.allSettled(plans.map((plan) => startMailServer(atAddress(plan, { address: plan.address, addresses: plan.addresses, port: shared }))));
    const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as NodeJS.ErrnoException);
    if (failed.length === 0) return { port: shared, servers: settled.map((r) => (r as PromiseFulfilledResult<WorldMailServer>).value) };
    await Promise.all(settled.flatMap((r) => (r.status === 'fulfilled' ? r.value.servers.map((s) => s.close()) : [])));
    const e = failed.find((f) => f.code !== 'EADDRINUSE') ?? failed[0]!;
    lastError = e;
    if (port !== undefined || e.code !== 'EADDRINUSE') throw e;
  }
  throw new Error(`no port free on all ${plans.length} mail server addresses after ${MAX_MAIL_PORT_TRIES} tries: ${String(lastError)}`);
}
