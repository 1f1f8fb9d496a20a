/**
 * The SMTP side of the test world: per MX host name, a certificate made at run time (certs.ts),
 * an SMTP server presenting it (smtp-server.ts), and the records that publish it: an A record
 * for the host and TLSA records at `_<port>._tcp.<host>` (RFC 6698 §3; `_25._tcp` in the field, RFC 7672 §2.2) computed from the chain.
 *
 * Every host gets its own loopback address (127.0.0.10, .11, ... in spec order, or `ip`) and all
 * share one port, as MX hosts share port 25 in the real world: a client given that port reaches
 * each host at the address its A record names. TLSA records are published at `_<port>._tcp`.
 */
import { Name } from '../../dns/name.ts';
import { tlsaAssociation } from '../../dane/tlsa.ts';
import { createTestCertificate, createTestChain, pemBundle, type TestCert, type TestKeyType } from '../certs.ts';
import { startTestSmtpServer, type TestSmtpMode, type TestSmtpServer } from '../smtp-server.ts';
import type { SecureVersion } from 'node:tls';
import { createServer, type AddressInfo } from 'node:net';

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
   * TLSA base domains to publish the records at (default: the host itself), e.g. the name of a
   * CNAME that points to the host (RFC 7672 §2.2.3). Absolute, or relative to nothing (a dot is added).
   */
  readonly tlsaAt?: readonly string[];
  /** Validity of the leaf (default: around `now`), e.g. in the past for an expired certificate. */
  readonly leafValidity?: { readonly notBefore: Date; readonly notAfter: Date };
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
  /** Where the server listens, as the A record says. */
  readonly address: string;
  readonly port: number;
}

/** A running mail server of the world. */
export interface WorldMailServer extends MailServerPlan {
  readonly server: TestSmtpServer;
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

/**
 * Makes the certificates and records of one mail server.
 * @throws RangeError for a TLSA entry that is neither `U S M` nor `U S M hex`
 */
export function planMailServer(hostText: string, spec: MailServerSpec, now: Date, at: { address: string; port: number }): MailServerPlan {
  const host = Name.parse(hostText.endsWith('.') ? hostText : `${hostText}.`);
  const plain = host.toString().slice(0, -1);
  const names = [...(spec.names ?? [plain])];
  const keyType = spec.keyType ?? 'ec';
  let chain: TestCert[];
  let root: TestCert | undefined;
  const kind = spec.certificate ?? 'self-signed';
  if (kind === 'self-signed') {
    chain = [createTestCertificate({ subjectCN: names[0] ?? plain, dnsNames: names, keyType, now, ...spec.leafValidity })];
  } else {
    const c = createTestChain({ leafCN: names[0] ?? plain, leafDnsNames: names, keyType, now, ...(spec.leafValidity ? { leafValidity: spec.leafValidity } : {}) });
    root = c.root;
    if (kind === 'chain') chain = [c.leaf, c.intermediate];
    else if (kind === 'chain-with-root') chain = [c.leaf, c.intermediate, c.root];
    else {
      const impostor = createTestCertificate({ subjectCN: c.intermediate.subjectCN, ca: true, issuer: c.root, keyType, now });
      chain = [c.leaf, impostor, c.root];
    }
  }
  return atAddress({ host, spec, chain, root, records: [], address: at.address, port: at.port }, at);
}

/** The plan moved to another address and port: same certificates, records remade (A, and TLSA at `_<port>._tcp`). */
export function atAddress(plan: MailServerPlan, at: { address: string; port: number }): MailServerPlan {
  const records: string[] = [];
  if (plan.spec.address ?? true) records.push(`${plan.host.toString()} A ${at.address}`);
  const bases = plan.spec.tlsaAt ? plan.spec.tlsaAt.map((b) => Name.parse(b.endsWith('.') ? b : `${b}.`)) : [plan.host];
  for (const base of bases) for (const t of plan.spec.tlsa ?? ['3 1 1']) records.push(tlsaLine(base, at.port, t, plan.chain));
  return { ...plan, records, address: at.address, port: at.port };
}

/** Starts the SMTP server of a plan. */
export async function startMailServer(plan: MailServerPlan): Promise<WorldMailServer> {
  const leaf = plan.chain[0]!;
  const server = await startTestSmtpServer({
    certPem: pemBundle(plan.chain),
    keyPem: leaf.keyPem,
    mode: plan.spec.mode ?? 'starttls',
    hostname: plan.spec.hostname ?? plan.host.toString().slice(0, -1),
    ...(plan.spec.minVersion ? { minVersion: plan.spec.minVersion } : {}),
    ...(plan.spec.maxVersion ? { maxVersion: plan.spec.maxVersion } : {}),
    listenAddress: plan.address,
    port: plan.port,
  });
  return { ...plan, server };
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
 * Starts every planned server on one shared port, each on its own address. With no `port` given,
 * a free one is probed; when it turns out taken on one of the addresses, every server started is
 * closed and another port is tried, at most {@link MAX_MAIL_PORT_TRIES} times.
 * The servers returned carry the records for the port they got.
 * @throws Error when no shared port is found, or the given port is taken
 */
export async function startMailServers(plans: readonly MailServerPlan[], port?: number): Promise<{ port: number; servers: WorldMailServer[] }> {
  if (plans.length === 0) return { port: 0, servers: [] };
  let lastError: unknown;
  for (let attempt = 0; attempt < MAX_MAIL_PORT_TRIES; attempt++) {
    const shared = port ?? (await freeLoopbackPort());
    const servers: WorldMailServer[] = [];
    try {
      for (const plan of plans) servers.push(await startMailServer(atAddress(plan, { address: plan.address, port: shared })));
      return { port: shared, servers };
    } catch (e) {
      lastError = e;
      await Promise.all(servers.map((m) => m.server.close()));
      if (port !== undefined || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  throw new Error(`no port free on all ${plans.length} mail server addresses after ${MAX_MAIL_PORT_TRIES} tries: ${String(lastError)}`);
}
