/**
 * `dane-verify/testing`: a signed DNS world for tests, demos and users' own test suites.
 *
 * - `createTestWorld(spec)`: zones from a private root, signed, served on 127.0.0.1 like a
 *   recursive resolver would (world.ts);
 * - `signZone`, `ZoneAnswerer`: the signer with its break knobs and the answering logic, usable
 *   without a socket;
 * - keys (keys.ts), the DNS server with fault injection (dns-server.ts), SMTP servers with
 *   STARTTLS (smtp-server.ts) and run-time certificates (certs.ts).
 * @packageDocumentation
 */
export {
  createTestWorld,
  DEFAULT_EXPIRATION_AFTER_NOW_MS,
  DEFAULT_INCEPTION_BEFORE_NOW_MS,
  type TestWorld,
  type TestWorldSpec,
  type ZoneSpec,
  type WorldZone,
  type ValidityWindow,
  type MailServerSpec,
  type WorldMailServer,
} from './world.ts';
export { mailServerAddress, FIRST_MAIL_SERVER_HOST, MAX_MAIL_PORT_TRIES } from './world/mail-servers.ts';
export { buildHierarchy, DEFAULT_ZONE_ALGORITHM, DEFAULT_ZONE_TTL } from './world/hierarchy.ts';
export {
  signZone,
  DEFAULT_UNSUPPORTED_ALGORITHM,
  denialParams,
  type SignZoneOptions,
  type SignedZone,
  type SigningKey,
  type DenialOption,
  type DenialParams,
  type ZoneBreak,
} from './zone-signer.ts';
export type { RRsetAddress, ZoneBreakKind } from './world/breaks.ts';
export { fakeKey, fakeSign, type FakeKey, type FakeKeyOptions } from './world/fake-keys.ts';
export { ZoneAnswerer, MAX_CNAME_CHAIN, type Answer, type Question, type ZoneSource } from './zone-answer.ts';
export {
  SIGNING_ALGORITHMS,
  DEFAULT_TEST_RSA_BITS,
  generateKey,
  testKeyFromPrivate,
  publicKeyField,
  withFlags,
  revoked,
  signData,
  signRRset,
  keysWithTag,
  type GenerateKeyOptions,
  type TestKey,
  type SignOptions,
} from './keys.ts';
export {
  CLASSIC_UDP_LIMIT,
  DEFAULT_TRICKLE_INTERVAL_MS,
  SERVER_UDP_PAYLOAD_SIZE,
  MAX_QUERY_LOG,
  MAX_BIND_TRIES,
  replyTo,
  DnsServer,
  startDnsServer,
  type DnsTransport,
  type QueryInfo,
  type DnsHandler,
  type Fault,
  type FaultRule,
  type LoggedQuery,
  type DnsServerOptions,
} from './dns-server.ts';
export { startTestSmtpServer, createTestSmtpContext, DEFAULT_SMTP_TRICKLE_MS, type TestSmtpMode, type TestSmtpServerOptions, type TestSmtpServer } from './smtp-server.ts';
// certs.ts names its key type TestKey too; here it is TestCertKey, so it does not clash with DNSSEC keys.
export {
  TEST_RSA_BITS,
  TEST_VALIDITY_DAYS,
  generateTestKey,
  createTestCertificate,
  createTestChain,
  pemBundle,
  publicKeyFromSpki,
  type TestKeyType,
  type TestKey as TestCertKey,
  type TestCert,
  type TestCertOptions,
  type TestChain,
  type TestChainOptions,
} from './certs.ts';
// MTA-STS (RFC 8461): HTTPS policy servers with a private CA and break knobs, and the world's sites.
export {
  startTestMtaStsServer,
  createMtaStsCa,
  defaultTestPolicy,
  OVERSIZED_POLICY_BYTES,
  DEFAULT_SLOW_MS,
  type MtaStsServerBreak,
  type TestMtaStsServerOptions,
  type TestMtaStsServer,
} from './mta-sts-server.ts';
export { FIRST_MTA_STS_HOST, type MtaStsSiteSpec, type WorldMtaStsSite } from './world/mta-sts-sites.ts';
