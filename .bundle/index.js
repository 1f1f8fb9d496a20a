import {
  MAX_CHAIN_CERTIFICATES,
  MAX_PRESENTED_NAMES,
  __export
} from "./chunk-6FJV6TXM.js";

// dist/misuse.js
function outOfRange(message) {
  return Object.assign(new RangeError(message), { code: "ERR_OUT_OF_RANGE" });
}

// dist/diagnostics.js
import { channel } from "node:diagnostics_channel";
var DIAGNOSTICS_CHANNELS = Object.freeze({
  /** A DNS question a lookup asked, after its answer or failure: {@link DnsQueryMessage}. */
  dnsQuery: "dane-verify:dns-query",
  /** A validated lookup's result: {@link LookupMessage}. */
  lookup: "dane-verify:lookup",
  /** An SMTP session's end: {@link SmtpSessionMessage}. */
  smtpSession: "dane-verify:smtp-session",
  /** A TLSA match against a server's certificates: {@link MatchMessage}. */
  match: "dane-verify:match"
});
var channels = {
  dnsQuery: channel(DIAGNOSTICS_CHANNELS.dnsQuery),
  lookup: channel(DIAGNOSTICS_CHANNELS.lookup),
  smtpSession: channel(DIAGNOSTICS_CHANNELS.smtpSession),
  match: channel(DIAGNOSTICS_CHANNELS.match)
};
function publish(which, make) {
  const c = channels[which];
  if (c.hasSubscribers)
    c.publish(make());
}

// dist/smtp/session.js
import { connect as netConnect } from "node:net";

// dist/lazy-tls.js
function tlsConnect(options) {
  return process.getBuiltinModule("node:tls").connect(options);
}

// dist/smtp/reply.js
var MAX_REPLY_LINE_LENGTH = 2048;
var MAX_REPLY_LINES = 128;
var LINE = /^([2-5][0-9][0-9])([ -]?)(.*)$/s;
var ReplyParser = class {
  buffer = "";
  pending;
  failed = false;
  /** Bytes received but not yet part of a complete line. */
  get buffered() {
    return this.buffer.length;
  }
  /** True while a multi-line reply has started but not ended, or bytes wait for a line end. */
  get inProgress() {
    return this.pending !== void 0 || this.buffer.length > 0;
  }
  /**
   * Adds bytes and returns every reply they complete, in order. After a fault the parser
   * returns that fault once and then nothing: the session must end.
   */
  feed(data) {
    if (this.failed)
      return [];
    this.buffer += typeof data === "string" ? data : Buffer.from(data).toString("latin1");
    const out = [];
    for (; ; ) {
      const nl = this.buffer.indexOf("\n");
      if (nl < 0) {
        if (this.buffer.length > MAX_REPLY_LINE_LENGTH)
          return this.fail(out, `reply line longer than ${MAX_REPLY_LINE_LENGTH} octets`);
        return out;
      }
      if (nl + 1 > MAX_REPLY_LINE_LENGTH)
        return this.fail(out, `reply line longer than ${MAX_REPLY_LINE_LENGTH} octets`);
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      const m = LINE.exec(line);
      if (!m)
        return this.fail(out, `not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`);
      const code = Number(m[1]);
      const more = m[2] === "-";
      const text = m[3];
      if (m[2] === "" && text !== "")
        return this.fail(out, `no separator after the reply code: ${JSON.stringify(line.slice(0, 80))}`);
      if (this.pending && this.pending.code !== code) {
        return this.fail(out, `reply code changed from ${this.pending.code} to ${code} inside a multi-line reply (RFC 5321 \xA74.2.1)`);
      }
      const p = this.pending ??= { code, lines: [] };
      p.lines.push(text);
      if (p.lines.length > MAX_REPLY_LINES)
        return this.fail(out, `multi-line reply longer than ${MAX_REPLY_LINES} lines`);
      if (!more) {
        out.push({ ok: true, reply: { code: p.code, lines: p.lines } });
        this.pending = void 0;
      }
    }
  }
  fail(out, reason) {
    this.failed = true;
    this.buffer = "";
    this.pending = void 0;
    out.push({ ok: false, reason });
    return out;
  }
};
function ehloKeywords(reply) {
  const out = /* @__PURE__ */ new Set();
  for (const line of reply.lines.slice(1)) {
    const kw = line.trim().split(/\s+/)[0];
    if (kw)
      out.add(kw.toUpperCase());
  }
  return out;
}
function formatReply(reply) {
  return reply.lines.map((l, i) => `${reply.code}${i === reply.lines.length - 1 ? " " : "-"}${l}`);
}

// dist/smtp/session.js
var DEFAULT_SESSION_TIMEOUTS = Object.freeze({
  connect: 3e4,
  greeting: 6e4,
  command: 6e4,
  tls: 6e4,
  quit: 5e3
});
var SMTP_PORT = 25;
var MAX_PEER_CHAIN = 16;
var StepFailure = class {
  failure;
  reason;
  constructor(failure3, reason) {
    this.failure = failure3;
    this.reason = reason;
  }
};
var PlainReader = class {
  socket;
  transcript;
  parser = new ReplyParser();
  queue = [];
  ended;
  wake;
  onData = (chunk) => {
    this.queue.push(...this.parser.feed(chunk));
    this.wake?.();
  };
  onEnd = () => {
    this.ended ??= "the server closed the connection";
    this.wake?.();
  };
  onError = (e) => {
    this.ended ??= `connection error: ${e.message}`;
    this.wake?.();
  };
  constructor(socket, transcript) {
    this.socket = socket;
    this.transcript = transcript;
    socket.on("data", this.onData);
    socket.on("end", this.onEnd);
    socket.on("close", this.onEnd);
    socket.on("error", this.onError);
  }
  /** True when bytes or replies arrived that nobody asked for yet. */
  get hasUnread() {
    return this.queue.length > 0 || this.parser.inProgress;
  }
  async next(timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    for (; ; ) {
      const r = this.queue.shift();
      if (r) {
        if (!r.ok)
          throw new StepFailure("protocol", r.reason);
        for (const line of formatReply(r.reply))
          this.transcript.push({ from: "server", text: line });
        return r.reply;
      }
      if (this.ended)
        throw new StepFailure("closed", `${this.ended} while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new StepFailure("timeout", `no ${what} within ${timeoutMs} ms`);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = void 0;
    }
  }
  /** Stops reading: the socket is handed to TLS. */
  detach() {
    this.socket.off("data", this.onData);
    this.socket.off("end", this.onEnd);
    this.socket.off("close", this.onEnd);
    this.socket.off("error", this.onError);
  }
};
function send(socket, transcript, line) {
  transcript.push({ from: "client", text: line });
  socket.write(`${line}\r
`);
}
var ignore = () => {
};
function connectTcp(address, port, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    socket.on("error", ignore);
    const settle = (f) => {
      clearTimeout(t);
      signal?.removeEventListener("abort", onAbort);
      if (f) {
        socket.destroy();
        reject(f);
      } else
        resolve(socket);
    };
    const onAbort = () => settle(new StepFailure("aborted", "aborted while connecting"));
    signal?.addEventListener("abort", onAbort, { once: true });
    const t = setTimeout(() => settle(new StepFailure("timeout", `TCP connection to ${address}:${port} not established within ${timeoutMs} ms`)), timeoutMs);
    socket.once("connect", () => settle(void 0));
    socket.once("error", (e) => settle(new StepFailure("connect", `TCP connection to ${address}:${port} failed: ${e.code ?? e.message}`)));
  });
}
var VERSION_ERROR = /UNSUPPORTED_PROTOCOL|PROTOCOL_VERSION|NO_PROTOCOLS_AVAILABLE|WRONG_SSL_VERSION/i;
var NOT_TLS_ERROR = /WRONG_VERSION_NUMBER|HTTP_REQUEST|UNKNOWN_PROTOCOL|PACKET_LENGTH_TOO_LONG/i;
function handshake(socket, servername, minVersion, timeoutMs) {
  return new Promise((resolve, reject) => {
    const below12 = minVersion === "TLSv1" || minVersion === "TLSv1.1";
    const tls = tlsConnect({
      socket,
      servername,
      minVersion,
      // DANE decides trust (dane/match.ts); node's PKIX verdict is not used, and no CA store is
      // loaded so that the reported chain holds only what the server sent.
      rejectUnauthorized: false,
      ca: [],
      ...below12 ? { ciphers: "DEFAULT@SECLEVEL=0" } : {}
    });
    const t = setTimeout(() => {
      tls.destroy();
      reject(new StepFailure("timeout", `TLS handshake not complete within ${timeoutMs} ms`));
    }, timeoutMs);
    tls.on("error", ignore);
    tls.once("secureConnect", () => {
      clearTimeout(t);
      resolve(tls);
    });
    tls.once("close", () => {
      clearTimeout(t);
      reject(new StepFailure("closed", "the connection closed during the TLS handshake"));
    });
    tls.once("error", (e) => {
      clearTimeout(t);
      tls.destroy();
      const detail = `${e.code ?? ""} ${e.message}`.trim();
      if (NOT_TLS_ERROR.test(detail)) {
        reject(new StepFailure("protocol", `the server answered the TLS handshake with data that is not TLS, e.g. plaintext after its 220 to STARTTLS (${detail})`));
      } else if (VERSION_ERROR.test(detail)) {
        reject(new StepFailure("tls-version", `no TLS version at or above ${minVersion} in common with the server (${detail})`));
      } else {
        reject(new StepFailure("tls-handshake", `TLS handshake failed: ${detail}`));
      }
    });
  });
}
function peerCertificateChain(tls) {
  return linkedPeerChain(tls).chain;
}
function linkedPeerChain(tls) {
  const chain = [];
  let c = tls.getPeerCertificate(true);
  const seen = /* @__PURE__ */ new Set();
  while (c && c.raw && !seen.has(c)) {
    if (chain.length === MAX_PEER_CHAIN)
      return { chain, cut: true };
    seen.add(c);
    chain.push(new Uint8Array(c.raw));
    c = c.issuerCertificate;
  }
  return { chain, cut: false };
}
async function quitOverTls(tls, transcript, timeoutMs) {
  const parser = new ReplyParser();
  await new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      tls.off("data", onData);
      resolve();
    };
    const onData = (chunk) => {
      for (const r of parser.feed(chunk)) {
        if (r.ok)
          for (const line of formatReply(r.reply))
            transcript.push({ from: "server", text: line });
        done();
      }
    };
    const t = setTimeout(done, timeoutMs);
    tls.on("data", onData);
    tls.once("close", done);
    tls.once("error", done);
    transcript.push({ from: "client", text: "QUIT" });
    tls.write("QUIT\r\n");
  });
}
async function startTlsSession(options) {
  const r = await runSession(options);
  publish("smtpSession", () => ({
    address: options.address,
    port: options.port ?? SMTP_PORT,
    servername: options.servername,
    ok: r.ok,
    ...r.ok ? { tlsVersion: r.tlsVersion } : { failure: r.failure, reason: r.reason }
  }));
  return r;
}
async function runSession(options) {
  if (!options.address)
    throw new TypeError("expected an address to connect to");
  if (!options.servername)
    throw new TypeError("expected a servername for SNI (the TLSA base domain)");
  const base = options.timeoutMs !== void 0 ? { connect: options.timeoutMs, greeting: options.timeoutMs, command: options.timeoutMs, tls: options.timeoutMs, quit: Math.min(options.timeoutMs, DEFAULT_SESSION_TIMEOUTS.quit) } : DEFAULT_SESSION_TIMEOUTS;
  const timeouts = { ...base, ...options.timeouts };
  const port = options.port ?? SMTP_PORT;
  const servername = options.servername.replace(/\.$/, "");
  const minVersion = options.minVersion ?? "TLSv1.2";
  const transcript = [];
  let step = "connect";
  let socket;
  let tls;
  const deadline = options.totalTimeoutMs !== void 0 ? AbortSignal.timeout(options.totalTimeoutMs) : void 0;
  const signal = deadline && options.signal ? AbortSignal.any([options.signal, deadline]) : deadline ?? options.signal;
  const onAbort = () => {
    tls?.destroy();
    socket?.destroy();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (signal?.aborted)
      throw new StepFailure("aborted", "aborted before connecting");
    transcript.push({ from: "event", text: `connect ${options.address}:${port}` });
    socket = await connectTcp(options.address, port, timeouts.connect, signal);
    const reader = new PlainReader(socket, transcript);
    step = "greeting";
    const greeting = await reader.next(timeouts.greeting, "greeting");
    if (greeting.code !== 220)
      throw new StepFailure("greeting-rejected", `greeting ${greeting.code} ${greeting.lines.join(" ")}`);
    step = "ehlo";
    send(socket, transcript, `EHLO ${options.ehloName ?? addressLiteral(socket)}`);
    const ehlo = await reader.next(timeouts.command, "reply to EHLO");
    if (ehlo.code !== 250)
      throw new StepFailure("starttls-not-supported", `EHLO refused with ${ehlo.code}: STARTTLS needs ESMTP (RFC 3207 \xA74)`);
    const keywords = ehloKeywords(ehlo);
    if (!keywords.has("STARTTLS"))
      throw new StepFailure("starttls-not-supported", "the server does not offer STARTTLS in its EHLO reply");
    step = "starttls";
    send(socket, transcript, "STARTTLS");
    const ready = await reader.next(timeouts.command, "reply to STARTTLS");
    if (ready.code !== 220)
      throw new StepFailure("starttls-refused", `STARTTLS refused with ${ready.code} ${ready.lines.join(" ")}`);
    if (reader.hasUnread)
      throw new StepFailure("protocol", "the server sent data after its 220 to STARTTLS, before the TLS handshake");
    reader.detach();
    step = "tls";
    transcript.push({ from: "event", text: `TLS handshake, SNI ${servername}, minimum ${minVersion}` });
    tls = await handshake(socket, servername, minVersion, timeouts.tls);
    const { chain, cut: chainCut } = linkedPeerChain(tls);
    const tlsVersion = tls.getProtocol() ?? "unknown";
    const cipher = tls.getCipher().name;
    transcript.push({ from: "event", text: `TLS established: ${tlsVersion} ${cipher}, ${chain.length} certificate(s)` });
    await quitOverTls(tls, transcript, timeouts.quit);
    return { ok: true, chain, chainCut, tlsVersion, cipher, servername, ehloKeywords: [...keywords], transcript };
  } catch (e) {
    if (deadline?.aborted) {
      transcript.push({ from: "event", text: `total deadline of ${options.totalTimeoutMs} ms reached` });
      return { ok: false, failure: "timeout", step, reason: `the session took longer than its total deadline of ${options.totalTimeoutMs} ms (during ${step})`, transcript };
    }
    if (signal?.aborted) {
      transcript.push({ from: "event", text: "aborted" });
      return { ok: false, failure: "aborted", step, reason: "the caller aborted the session", transcript };
    }
    if (!(e instanceof StepFailure))
      throw e;
    transcript.push({ from: "event", text: `${e.failure}: ${e.reason}` });
    if (socket && !socket.destroyed && step !== "tls" && (e.failure === "starttls-not-supported" || e.failure === "starttls-refused" || e.failure === "greeting-rejected")) {
      send(socket, transcript, "QUIT");
      closeAfterFlush(socket, timeouts.quit);
      socket = void 0;
    }
    return { ok: false, failure: e.failure, step, reason: e.reason, transcript };
  } finally {
    signal?.removeEventListener("abort", onAbort);
    tls?.destroy();
    socket?.destroy();
  }
}
function closeAfterFlush(socket, ms) {
  const t = setTimeout(() => socket.destroy(), ms);
  socket.once("close", () => clearTimeout(t));
  socket.end();
}
function addressLiteral(socket) {
  const a = socket.localAddress ?? "127.0.0.1";
  return a.includes(":") ? `[IPv6:${a}]` : `[${a}]`;
}

// dist/dane/match.js
import { createHash as createHash2, X509Certificate as X509Certificate2 } from "node:crypto";

// dist/dane/tlsa.js
import { createHash, createPublicKey, X509Certificate } from "node:crypto";

// dist/dane/der.js
var DER_SEQUENCE = 48;
var MAX_LENGTH_OCTETS = 4;
function readElement(bytes, offset, limit = bytes.length) {
  let at = offset;
  if (at >= limit)
    return void 0;
  const tag = bytes[at++];
  if ((tag & 31) === 31) {
    let octets = 0;
    for (; ; ) {
      if (at >= limit || ++octets > MAX_LENGTH_OCTETS)
        return void 0;
      const b = bytes[at++];
      if (octets === 1 && b === 128)
        return void 0;
      if ((b & 128) === 0)
        break;
    }
  }
  if (at >= limit)
    return void 0;
  const first = bytes[at++];
  let length;
  if (first < 128)
    length = first;
  else {
    const n = first & 127;
    if (n === 0 || n > MAX_LENGTH_OCTETS || at + n > limit)
      return void 0;
    length = 0;
    for (let i = 0; i < n; i++)
      length = length * 256 + bytes[at++];
    if (length < 128 || bytes[at - n] === 0)
      return void 0;
  }
  const end = at + length;
  if (end > limit)
    return void 0;
  return { tag, start: offset, contentStart: at, end };
}
function children(bytes, parent, max) {
  const out = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    if (out.length === max)
      return void 0;
    const e = readElement(bytes, at, parent.end);
    if (!e)
      return void 0;
    out.push(e);
    at = e.end;
  }
  return out;
}

// dist/dane/tlsa.js
var TlsaUsage = { PKIX_TA: 0, PKIX_EE: 1, DANE_TA: 2, DANE_EE: 3, PrivCert: 255 };
var DIGEST_LENGTH = Object.freeze({ 1: 32, 2: 64 });
var MAX_CERTIFICATE_DER_LENGTH = 65536;
function tlsaParams(data) {
  return `${data.certUsage} ${data.selector} ${data.matchingType}`;
}
function classifyTlsa(data) {
  const name = tlsaParams(data);
  const u = data.certUsage;
  if (u === TlsaUsage.PKIX_TA || u === TlsaUsage.PKIX_EE) {
    return { usable: false, code: "pkix-usage", name, reason: `usage ${u} (PKIX-${u === 0 ? "TA" : "EE"}) is not used for SMTP (RFC 7672 \xA73.1.3)` };
  }
  if (u !== TlsaUsage.DANE_TA && u !== TlsaUsage.DANE_EE) {
    return { usable: false, code: "unknown-usage", name, reason: `unknown certificate usage ${u}` };
  }
  const s = data.selector;
  if (s !== 0 && s !== 1)
    return { usable: false, code: "unknown-selector", name, reason: `unknown selector ${s}` };
  const m = data.matchingType;
  if (m !== 0 && m !== 1 && m !== 2) {
    return { usable: false, code: "unknown-matching-type", name, reason: `unknown matching type ${m}` };
  }
  const len = data.certificateAssociationData.length;
  if (m !== 0 && len !== DIGEST_LENGTH[m]) {
    return {
      usable: false,
      code: "digest-length",
      name,
      reason: `matching type ${m} needs ${DIGEST_LENGTH[m]} octets of digest, the record has ${len}`
    };
  }
  if (m === 0 && len === 0) {
    return { usable: false, code: "digest-length", name, reason: "matching type 0 with empty association data" };
  }
  if (m === 0 && !(s === 0 ? isUsableCertificate(data.certificateAssociationData) : isUsableSpki(data.certificateAssociationData))) {
    return {
      usable: false,
      code: "bad-full-data",
      name,
      reason: `matching type 0 data is not a ${s === 0 ? "certificate" : "public key"} this library (OpenSSL) can use`
    };
  }
  return { usable: true, usage: u, selector: s, matchingType: m, name };
}
var PEM_CERT = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;
function pemToDerCertificates(pem) {
  const out = [];
  for (const m of pem.matchAll(PEM_CERT)) {
    out.push(new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ""), "base64")));
  }
  if (out.length === 0)
    throw new TypeError("expected a PEM certificate (-----BEGIN CERTIFICATE-----), found none");
  return out;
}
function certificateDer(cert) {
  if (typeof cert === "string")
    return pemToDerCertificates(cert)[0];
  if (!(cert instanceof Uint8Array))
    throw new TypeError(`expected PEM text or DER Uint8Array, got ${typeof cert}`);
  return cert;
}
function certificateParts(der) {
  if (der.length === 0 || der.length > MAX_CERTIFICATE_DER_LENGTH)
    return void 0;
  const cert = readElement(der, 0);
  if (cert?.tag !== DER_SEQUENCE || cert.end !== der.length)
    return void 0;
  const parts = children(der, cert, 3);
  if (parts?.length !== 3 || parts[0].tag !== DER_SEQUENCE)
    return void 0;
  const fields = [];
  for (let at = parts[0].contentStart; fields.length < 7 && at < parts[0].end; ) {
    const e = readElement(der, at, parts[0].end);
    if (!e)
      return void 0;
    fields.push(e);
    at = e.end;
  }
  const spki = fields[(fields[0]?.tag === 160 ? 1 : 0) + 5];
  if (spki?.tag !== DER_SEQUENCE || spki.end === spki.contentStart)
    return void 0;
  return { der, spki: der.slice(spki.start, spki.end) };
}
function isUsableCertificate(der) {
  if (!certificateParts(der))
    return false;
  try {
    return new X509Certificate(Buffer.from(der)).publicKey !== void 0;
  } catch {
    return false;
  }
}
function isUsableSpki(spki) {
  if (spki.length > MAX_CERTIFICATE_DER_LENGTH)
    return false;
  try {
    const e = readElement(spki, 0);
    if (e?.tag !== DER_SEQUENCE || e.end !== spki.length)
      return false;
    createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
    return true;
  } catch {
    return false;
  }
}
function digest(matchingType, bytes) {
  switch (matchingType) {
    case 0:
      return bytes;
    case 1:
      return new Uint8Array(createHash("sha256").update(bytes).digest());
    case 2:
      return new Uint8Array(createHash("sha512").update(bytes).digest());
  }
}
function associationBytes(der, selector, matchingType) {
  const parts = certificateParts(der);
  if (!parts)
    return void 0;
  return digest(matchingType, selector === 0 ? parts.der : parts.spki);
}
function spkiAssociationBytes(spki, matchingType) {
  return digest(matchingType, spki);
}
function checkParams(selector, matchingType) {
  if (selector !== 0 && selector !== 1)
    throw outOfRange(`expected selector 0 or 1, got ${String(selector)}`);
  if (matchingType !== 0 && matchingType !== 1 && matchingType !== 2) {
    throw outOfRange(`expected matching type 0, 1 or 2, got ${String(matchingType)}`);
  }
}
function tlsaAssociation(cert, selector, matchingType) {
  checkParams(selector, matchingType);
  const der = certificateDer(cert);
  const bytes = associationBytes(der, selector, matchingType);
  if (!bytes) {
    if (der.length > MAX_CERTIFICATE_DER_LENGTH)
      throw outOfRange(`expected a certificate of at most ${MAX_CERTIFICATE_DER_LENGTH} octets (MAX_CERTIFICATE_DER_LENGTH), got ${der.length}`);
    throw new TypeError("expected an X.509 certificate, could not parse the DER");
  }
  return Buffer.from(bytes).toString("hex");
}
function bytesEqual(a, b) {
  if (a.length !== b.length)
    return false;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i])
      return false;
  return true;
}

// dist/dane/match.js
var daneTaModules;
function loadDaneTa() {
  return daneTaModules ??= Promise.all([import("./chain-HM3ILGRI.js"), import("./cert-names-IW5KAKIQ.js")]).then(([chain, names]) => ({ ...chain, ...names }));
}
var FAILURE_TLSRPT = {
  "no-certificate": "validation-failure",
  "bad-certificate": "validation-failure",
  "no-usable-records": "tlsa-invalid",
  "no-match": "tlsa-invalid",
  "chain-not-trusted": "certificate-not-trusted",
  "certificate-expired": "certificate-expired",
  "name-mismatch": "certificate-host-mismatch"
};
var FAILURE_RANK = {
  "name-mismatch": 4,
  "certificate-expired": 3,
  "chain-not-trusted": 2,
  "no-match": 1,
  "no-usable-records": 0,
  "bad-certificate": 0,
  "no-certificate": 0
};
function presentedCert(der, cache) {
  const key2 = cache ? createHash2("sha256").update(der).digest("hex") : "";
  const known = cache?.get(key2);
  if (known)
    return known;
  const spki = certificateParts(der)?.spki;
  let parsed;
  let sans;
  const c = {
    der,
    spki,
    parsed: (ta) => (parsed ??= { value: spki ? ta.parseCertificate(der, spki) : void 0 }).value,
    sanCount: () => (sans ??= { value: countSans(der) }).value
  };
  cache?.set(key2, c);
  return c;
}
function countSans(der) {
  try {
    const san = new X509Certificate2(Buffer.from(der)).subjectAltName;
    return san ? san.split(", ").length : 0;
  } catch {
    return void 0;
  }
}
function associationOf(c, selector, matchingType) {
  if (!c.spki)
    return void 0;
  return spkiAssociationBytes(selector === 0 ? c.der : c.spki, matchingType);
}
function fail(code, reason, records) {
  return { ok: false, code, tlsrpt: FAILURE_TLSRPT[code], reason, records };
}
async function matchChain(input) {
  if (input.referenceIdentifiers.length === 0) {
    throw outOfRange("expected at least one reference identifier (the TLSA base domain), got none");
  }
  const now = input.now ?? /* @__PURE__ */ new Date();
  const records = input.records.map((r, index) => {
    const c = classifyTlsa(r);
    return { index, params: tlsaParams(r), usable: c.usable, matched: false, reason: c.usable ? "did not match" : c.reason };
  });
  const usable = records.filter((o) => o.usable);
  if (usable.length === 0) {
    return fail("no-usable-records", `none of the ${records.length} TLSA records is usable for SMTP (RFC 7672 \xA73.1)`, records);
  }
  if (input.chain.length === 0)
    return fail("no-certificate", "the server presented no certificate", records);
  const strongest = /* @__PURE__ */ new Map();
  for (const o of usable) {
    const r = input.records[o.index];
    if (r.matchingType === 0)
      continue;
    const key2 = `${r.certUsage} ${r.selector}`;
    strongest.set(key2, Math.max(strongest.get(key2) ?? 0, r.matchingType));
  }
  const active = usable.filter((o) => {
    const r = input.records[o.index];
    const top = strongest.get(`${r.certUsage} ${r.selector}`);
    if (r.matchingType === 0 || r.matchingType === top)
      return true;
    o.reason = `not used: a stronger digest (matching type ${top}) is published for usage ${r.certUsage} selector ${r.selector} (RFC 7671 \xA79)`;
    return false;
  });
  const presented = input.chain.slice(0, MAX_CHAIN_CERTIFICATES).map((der) => presentedCert(der, input.parseCache));
  const leaf = presented[0];
  if (!leaf.spki) {
    const why = leaf.der.length > MAX_CERTIFICATE_DER_LENGTH ? `the server's leaf certificate has ${leaf.der.length} octets, more than the ${MAX_CERTIFICATE_DER_LENGTH} read (MAX_CERTIFICATE_DER_LENGTH)` : "the server's leaf certificate is not a well-formed X.509 certificate";
    return fail("bad-certificate", why, records);
  }
  for (const o of active) {
    const r = input.records[o.index];
    if (r.certUsage !== 3)
      continue;
    const mine = associationOf(leaf, r.selector, r.matchingType);
    if (mine && bytesEqual(mine, r.certificateAssociationData)) {
      o.matched = true;
      o.depth = 0;
      o.reason = `matched the leaf ${r.selector === 1 ? "public key" : "certificate"} (DANE-EE, names and expiry not checked)`;
      return { ok: true, usage: "DANE-EE", record: r, recordIndex: o.index, depth: 0, reason: `TLSA ${o.params} ${o.reason}`, records };
    }
    o.reason = `does not match the leaf ${r.selector === 1 ? "public key" : "certificate"}`;
  }
  let worst2;
  const note = (code, reason) => {
    if (!worst2 || FAILURE_RANK[code] > FAILURE_RANK[worst2.code])
      worst2 = { code, reason };
  };
  for (const o of active) {
    const r = input.records[o.index];
    if (r.certUsage !== 2)
      continue;
    const anchors = [];
    for (let d = 1; d < presented.length; d++) {
      const a = associationOf(presented[d], r.selector, r.matchingType);
      if (a && bytesEqual(a, r.certificateAssociationData))
        anchors.push({ anchor: { kind: "certificate", index: d }, depth: d });
    }
    let fromDns;
    if (anchors.length === 0 && r.matchingType === 0) {
      if (r.selector === 1) {
        anchors.push({ anchor: { kind: "key", spki: r.certificateAssociationData }, depth: presented.length - 1 });
      } else {
        const parts = certificateParts(r.certificateAssociationData);
        fromDns = parts ? (await loadDaneTa()).parseCertificate(r.certificateAssociationData, parts.spki) : void 0;
        if (fromDns)
          anchors.push({ anchor: { kind: "certificate", index: presented.length, fromDns: true }, depth: presented.length });
      }
    }
    const leafA = associationOf(leaf, r.selector, r.matchingType);
    if (anchors.length === 0) {
      o.reason = leafA && bytesEqual(leafA, r.certificateAssociationData) ? "matches the leaf, but DANE-TA names an issuer, not the leaf (publish 3 x x for the leaf)" : "matches no certificate the server presented";
      continue;
    }
    const sans = leaf.sanCount();
    if (sans !== void 0 && sans > MAX_PRESENTED_NAMES) {
      o.reason = `the leaf certificate has ${sans} subjectAltName entries, more than the ${MAX_PRESENTED_NAMES} read for DANE-TA name checks (MAX_PRESENTED_NAMES)`;
      note("name-mismatch", `TLSA ${o.params} ${o.reason}`);
      continue;
    }
    const ta = await loadDaneTa();
    const candidates = [...presented.map((p) => p.parsed(ta)), ...fromDns ? [fromDns] : []];
    for (const { anchor, depth } of anchors) {
      const check = await ta.verifyPathToAnchor(candidates, anchor, now);
      const where = anchor.kind === "key" ? "the bare DANE-TA key" : depth >= presented.length ? "the CA certificate in the TLSA record" : `certificate #${depth} of the chain as sent`;
      if (!check.ok && check.code === "anchor-unrelated") {
        o.reason = check.reason;
        continue;
      }
      if (!check.ok) {
        const code = check.code === "expired" || check.code === "not-yet-valid" ? "certificate-expired" : "chain-not-trusted";
        o.reason = `matched ${where}, but ${check.reason}`;
        note(code, `TLSA ${o.params} ${o.reason}`);
        continue;
      }
      const names = ta.presentedNames(candidates[0].cert);
      const hit = ta.matchReferenceIdentifiers(names, input.referenceIdentifiers);
      if (!hit) {
        const shown = names.names.length > 0 ? `${names.source === "san" ? "subjectAltName" : "CN"} ${names.names.slice(0, 5).join(", ")}` : "no DNS names";
        o.reason = `matched ${where} and the chain verified, but the leaf presents ${shown}, none of which is ${input.referenceIdentifiers.join(" or ")}`;
        note("name-mismatch", `TLSA ${o.params} ${o.reason}`);
        continue;
      }
      o.matched = true;
      o.depth = check.anchorDepth;
      o.reason = `matched ${where} (DANE-TA at depth ${check.anchorDepth}), chain verified, leaf name ${hit.presented} covers ${hit.reference}`;
      return { ok: true, usage: "DANE-TA", record: r, recordIndex: o.index, depth: check.anchorDepth, name: hit, reason: `TLSA ${o.params} ${o.reason}`, records };
    }
  }
  if (worst2)
    return fail(worst2.code, worst2.reason, records);
  return fail("no-match", `none of the ${usable.length} usable TLSA records matches the server's certificate chain`, records);
}

// dist/dns/errors.js
var DnsFormatError = class extends Error {
  code;
  field;
  name = "DnsFormatError";
  constructor(code, message, field) {
    super(field ? `${field}: ${message}` : message);
    this.code = code;
    this.field = field;
  }
};

// dist/dns/iana/rr-types.js
var RRType = {
  A: 1,
  NS: 2,
  MD: 3,
  MF: 4,
  CNAME: 5,
  SOA: 6,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  PTR: 12,
  HINFO: 13,
  MINFO: 14,
  MX: 15,
  TXT: 16,
  RP: 17,
  AFSDB: 18,
  SIG: 24,
  KEY: 25,
  PX: 26,
  AAAA: 28,
  LOC: 29,
  NXT: 30,
  SRV: 33,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  A6: 38,
  DNAME: 39,
  OPT: 41,
  APL: 42,
  DS: 43,
  SSHFP: 44,
  IPSECKEY: 45,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  DHCID: 49,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  SMIMEA: 53,
  HIP: 55,
  CDS: 59,
  CDNSKEY: 60,
  OPENPGPKEY: 61,
  CSYNC: 62,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  SPF: 99,
  TKEY: 249,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  ANY: 255,
  URI: 256,
  CAA: 257
};
var BY_NUMBER = new Map(Object.entries(RRType).map(([k, v]) => [v, k]));
function rrTypeToString(type) {
  return BY_NUMBER.get(type) ?? `TYPE${type}`;
}
function rrTypeFromString(text) {
  const up = text.toUpperCase();
  const known = RRType[up];
  if (known !== void 0)
    return known;
  const m = /^TYPE([0-9]{1,5})$/.exec(up);
  if (m) {
    const n = Number(m[1]);
    if (n <= 65535)
      return n;
  }
  return void 0;
}
var RRClass = { IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 };
var CLASS_BY_NUMBER = new Map(Object.entries(RRClass).map(([k, v]) => [v, k]));
function rrClassToString(cls) {
  return CLASS_BY_NUMBER.get(cls) ?? `CLASS${cls}`;
}
function rrClassFromString(text) {
  const up = text.toUpperCase();
  const known = RRClass[up];
  if (known !== void 0)
    return known;
  const m = /^CLASS([0-9]{1,5})$/.exec(up);
  if (m) {
    const n = Number(m[1]);
    if (n <= 65535)
      return n;
  }
  return void 0;
}

// dist/dns/name.js
var MAX_LABEL_LENGTH = 63;
var MAX_NAME_WIRE_LENGTH = 255;
var EMPTY_LABELS = Object.freeze([]);
function asciiLower(byte) {
  return byte >= 65 && byte <= 90 ? byte | 32 : byte;
}
function compareLabels(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = asciiLower(a[i]) - asciiLower(b[i]);
    if (d !== 0)
      return d;
  }
  return a.length - b.length;
}
function labelsEqual(a, b) {
  if (a === b)
    return true;
  const n = a.length;
  if (n !== b.length)
    return false;
  for (let i = 0; i < n; i++) {
    const x = a[i], y = b[i];
    if (x !== y && asciiLower(x) !== asciiLower(y))
      return false;
  }
  return true;
}
var SPECIAL = /* @__PURE__ */ new Set([46, 59, 92, 40, 41, 34, 64, 36]);
function formatLabel(label) {
  let s = "";
  for (const b of label) {
    if (SPECIAL.has(b))
      s += "\\" + String.fromCharCode(b);
    else if (b > 32 && b < 127)
      s += String.fromCharCode(b);
    else
      s += "\\" + b.toString().padStart(3, "0");
  }
  return s;
}
var Name = class _Name {
  /** The root name, `.`. */
  static ROOT = new _Name(EMPTY_LABELS);
  /** Labels from left (most specific) to right; the root label is implied, never stored. */
  labels;
  /** Octets this name occupies in uncompressed wire form. */
  wireLength;
  /** {@link key}, once asked for. */
  #key;
  /**
   * Builds a name from labels, checking the RFC 1035 length limits.
   * @throws DnsFormatError `label-too-long`, `name-too-long` or `name-syntax` (empty label)
   */
  constructor(labels) {
    let len = 1;
    for (const l of labels) {
      if (l.length === 0)
        throw new DnsFormatError("name-syntax", "empty label inside a name");
      if (l.length > MAX_LABEL_LENGTH) {
        throw new DnsFormatError("label-too-long", `label of ${l.length} octets exceeds ${MAX_LABEL_LENGTH}`);
      }
      len += l.length + 1;
    }
    if (len > MAX_NAME_WIRE_LENGTH) {
      throw new DnsFormatError("name-too-long", `name of ${len} octets exceeds ${MAX_NAME_WIRE_LENGTH}`);
    }
    this.labels = labels === EMPTY_LABELS ? labels : Object.freeze(labels.slice());
    this.wireLength = len;
  }
  /**
   * Parses a name in presentation form with RFC 1035 §5.1 escapes (`\.`, `\\`, `\DDD`).
   * A name without a trailing dot is relative to `origin` (default: the root).
   * Only printable ASCII is accepted unescaped: write other bytes as `\DDD` and IDNs as A-labels.
   * @throws DnsFormatError on bad syntax or length
   */
  static parse(text, origin = _Name.ROOT) {
    if (text === ".")
      return _Name.ROOT;
    if (text === "")
      throw new DnsFormatError("name-syntax", "empty name");
    if (text === "@")
      return origin;
    const labels = [];
    let cur = [];
    let absolute = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 46) {
        if (cur.length === 0)
          throw new DnsFormatError("name-syntax", `empty label in "${text}"`);
        labels.push(Uint8Array.from(cur));
        cur = [];
        if (i === text.length - 1)
          absolute = true;
      } else if (c === 92) {
        const next = text.charCodeAt(i + 1);
        if (Number.isNaN(next))
          throw new DnsFormatError("name-syntax", `dangling backslash in "${text}"`);
        if (next >= 48 && next <= 57) {
          const ddd = text.slice(i + 1, i + 4);
          if (!/^[0-9]{3}$/.test(ddd))
            throw new DnsFormatError("name-syntax", `\\DDD escape needs three digits in "${text}"`);
          const v = Number(ddd);
          if (v > 255)
            throw new DnsFormatError("name-syntax", `\\${ddd} is above 255 in "${text}"`);
          cur.push(v);
          i += 3;
        } else {
          if (next > 126 || next < 32)
            throw new DnsFormatError("name-syntax", `non-ASCII escaped character in "${text}"`);
          cur.push(next);
          i += 1;
        }
      } else if (c > 32 && c < 127) {
        cur.push(c);
      } else {
        throw new DnsFormatError("name-syntax", `character U+${c.toString(16).padStart(4, "0")} must be written as \\DDD (IDNs as A-labels) in "${text}"`);
      }
      if (cur.length > MAX_LABEL_LENGTH) {
        throw new DnsFormatError("label-too-long", `label of more than ${MAX_LABEL_LENGTH} octets in "${text}"`);
      }
    }
    if (!absolute) {
      labels.push(Uint8Array.from(cur));
      return new _Name([...labels, ...origin.labels]);
    }
    return new _Name(labels);
  }
  /** Builds a name from its ASCII labels without escape processing (test and internal convenience). */
  static fromLabels(labels) {
    return new _Name(labels.map((l) => typeof l === "string" ? Uint8Array.from(l, (ch) => ch.charCodeAt(0) & 255) : l));
  }
  /** Number of labels, not counting the root (RFC 4034 §3.1.3 counts a leading `*` separately: see {@link rrsigLabelCount}). */
  get labelCount() {
    return this.labels.length;
  }
  /** Number of labels as an RRSIG Labels field counts them: without the root and without a leading `*` (RFC 4034 §3.1.3). */
  get rrsigLabelCount() {
    return this.isWildcard ? this.labels.length - 1 : this.labels.length;
  }
  get isRoot() {
    return this.labels.length === 0;
  }
  /** True when the left-most label is exactly `*` (RFC 4592). */
  get isWildcard() {
    const l = this.labels[0];
    return l !== void 0 && l.length === 1 && l[0] === 42;
  }
  /** The name one label up; the root's parent is an error. */
  parent() {
    if (this.isRoot)
      throw new RangeError("the root has no parent");
    return new _Name(this.labels.slice(1));
  }
  /** The right-most `count` labels of this name (count 0 gives the root). */
  suffix(count) {
    if (!Number.isInteger(count) || count < 0 || count > this.labels.length) {
      throw new RangeError(`suffix(${count}) of a name with ${this.labels.length} labels`);
    }
    return count === this.labels.length ? this : new _Name(this.labels.slice(this.labels.length - count));
  }
  /** This name and each ancestor up to and including the root, most specific first. */
  *ancestors() {
    for (let i = this.labels.length; i >= 0; i--)
      yield this.suffix(i);
  }
  /** A child name: `label` prepended (a string is taken as raw ASCII bytes, not escaped text). */
  child(label) {
    const l = typeof label === "string" ? Uint8Array.from(label, (ch) => ch.charCodeAt(0) & 255) : label;
    return new _Name([l, ...this.labels]);
  }
  /** `*.` + this name. */
  wildcard() {
    return this.child("*");
  }
  /** Case-insensitive equality (RFC 4343). */
  equals(other) {
    if (this === other)
      return true;
    if (this.labels.length !== other.labels.length || this.wireLength !== other.wireLength)
      return false;
    for (let i = 0; i < this.labels.length; i++)
      if (!labelsEqual(this.labels[i], other.labels[i]))
        return false;
    return true;
  }
  /** True when this name is `other` or below it. */
  isSubdomainOf(other) {
    const d = this.labels.length - other.labels.length;
    if (d < 0)
      return false;
    for (let i = 0; i < other.labels.length; i++)
      if (!labelsEqual(this.labels[d + i], other.labels[i]))
        return false;
    return true;
  }
  /** Number of right-most labels this name shares with `other`. */
  commonLabelCount(other) {
    let n = 0;
    const a = this.labels, b = other.labels;
    while (n < a.length && n < b.length && labelsEqual(a[a.length - 1 - n], b[b.length - 1 - n]))
      n++;
    return n;
  }
  /**
   * Canonical DNS name order (RFC 4034 §6.1): compare right-most labels first, each as
   * case-folded octet strings; a name sorts before its descendants. Returns <0, 0 or >0.
   */
  compare(other) {
    const a = this.labels, b = other.labels;
    const n = Math.min(a.length, b.length);
    for (let i = 1; i <= n; i++) {
      const d = compareLabels(a[a.length - i], b[b.length - i]);
      if (d !== 0)
        return d;
    }
    return a.length - b.length;
  }
  /** The same name with ASCII A-Z folded to lower case (RFC 4034 §6.2). */
  toLowerCase() {
    let changed = false;
    const out = this.labels.map((l) => {
      if (!l.some((b) => b >= 65 && b <= 90))
        return l;
      changed = true;
      return l.map(asciiLower);
    });
    return changed ? new _Name(out) : this;
  }
  /** Uncompressed wire form. */
  toWire() {
    const out = new Uint8Array(this.wireLength);
    this.writeWire(out, 0, false);
    return out;
  }
  /** Uncompressed wire form with ASCII lower-cased: the canonical form of RFC 4034 §6.2. */
  toCanonicalWire() {
    const out = new Uint8Array(this.wireLength);
    this.writeWire(out, 0, true);
    return out;
  }
  /** Writes the uncompressed wire form into `out` at `offset`; returns the offset after it. */
  writeWire(out, offset, lowerCase = false) {
    let o = offset;
    const ls = this.labels;
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i];
      out[o++] = l.length;
      if (lowerCase)
        for (let j = 0; j < l.length; j++)
          out[o++] = asciiLower(l[j]);
      else
        for (let j = 0; j < l.length; j++)
          out[o++] = l[j];
    }
    out[o++] = 0;
    return o;
  }
  /** Presentation form with RFC 1035 escapes and a trailing dot. */
  toString() {
    if (this.isRoot)
      return ".";
    let s = "";
    for (const l of this.labels)
      s += formatLabel(l) + ".";
    return s;
  }
  /** Lower-case presentation form: a key for maps that must be case-insensitive. */
  key() {
    return this.#key ??= this.toLowerCase().toString();
  }
};

// dist/dns/wire.js
var MAX_POINTER_TARGET = 16383;
var MAX_POINTERS_PER_NAME = 128;
var MAX_MESSAGE_LENGTH = 65535;
var WRITER_INITIAL_CAPACITY = 512;
var LABEL_TYPE_MASK = 192;
var LABEL_TYPE_POINTER = 192;
var BOOK_STRIDE = 4;
var WireReader = class {
  buf;
  end;
  overrunCode;
  share;
  /**
   * Suffixes already read from this buffer, reused when a pointer aims at one. Set it (one map
   * per buffer, shared by every reader of that buffer) to turn the reuse on.
   */
  names;
  /** Current read position (absolute). */
  offset;
  /** Compression pointers followed so far (lets a caller tell whether a name was compressed). */
  pointersFollowed = 0;
  /**
   * @param buf the whole buffer; compression pointers are resolved against it (the message)
   * @param start first octet of the window
   * @param end octet after the window; reads past it fail
   * @param overrunCode the error code of a read past `end`: `truncated` for a message,
   *   `rdata-length` for a record's RDATA (RDLENGTH shorter than its fields)
   * @param share return views into `buf` from `bytes`, `rest` and name labels instead of copies.
   *   Only for a buffer the caller owns and never changes (e.g. a private copy of a message):
   *   it saves one allocation per field on the decoding hot path.
   */
  constructor(buf, start = 0, end = buf.length, overrunCode = "truncated", share = false) {
    this.buf = buf;
    this.end = end;
    this.overrunCode = overrunCode;
    this.share = share;
    if (start < 0 || end > buf.length || start > end) {
      throw new RangeError(`window [${start}, ${end}) outside a buffer of ${buf.length} octets`);
    }
    this.offset = start;
  }
  /** Octets left in the window. */
  get remaining() {
    return this.end - this.offset;
  }
  /** Throws unless `n` more octets are in the window. */
  need(n, field) {
    if (this.end - this.offset < n) {
      throw new DnsFormatError(this.overrunCode, `needs ${n} octets, ${this.end - this.offset} left`, field);
    }
  }
  u8(field) {
    this.need(1, field);
    return this.buf[this.offset++];
  }
  u16(field) {
    this.need(2, field);
    const b = this.buf, o = this.offset;
    this.offset = o + 2;
    return b[o] << 8 | b[o + 1];
  }
  u32(field) {
    this.need(4, field);
    const b = this.buf, o = this.offset;
    this.offset = o + 4;
    return (b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]) >>> 0;
  }
  /** The next `n` octets: a copy, or a view when the reader was made with `share`. */
  bytes(n, field) {
    this.need(n, field);
    const o = this.offset;
    this.offset = o + n;
    return this.share ? this.buf.subarray(o, o + n) : this.buf.slice(o, o + n);
  }
  /** Everything left in the window: a copy, or a view when the reader was made with `share`. */
  rest() {
    const o = this.offset;
    this.offset = this.end;
    return this.share ? this.buf.subarray(o, this.end) : this.buf.slice(o, this.end);
  }
  /**
   * Reads a domain name. With `allowCompression`, pointers are followed (RFC 1035 §4.1.4); each
   * must point strictly before itself (`pointer-loop` otherwise), and the labels reached through
   * them may lie anywhere earlier in the buffer. Without it, a pointer is `bad-pointer`
   * (RFC 3597 §4: only the RFC 1035 types may be compressed). The octets read in the window
   * itself (before the first pointer) are bounded by `end`.
   * @throws DnsFormatError truncated / rdata-length, bad-pointer, pointer-loop, bad-label-type,
   *   name-too-long
   */
  name(field, allowCompression) {
    const buf = this.buf;
    const cache = allowCompression ? this.names : void 0;
    const labels = [];
    const book = cache ? [] : void 0;
    let runFrom = 0;
    let pos = this.offset;
    let limit = this.end;
    let afterFirstPointer = -1;
    let pointers = 0;
    let wireLength = 1;
    let hit;
    for (; ; ) {
      if (pos >= limit)
        throw this.nameOverrun(afterFirstPointer, field);
      const len = buf[pos];
      const kind = len & LABEL_TYPE_MASK;
      if (kind === LABEL_TYPE_POINTER) {
        if (!allowCompression) {
          throw new DnsFormatError("bad-pointer", `compression pointer at offset ${pos} where none is allowed`, field);
        }
        if (pos + 1 >= limit)
          throw this.nameOverrun(afterFirstPointer, field);
        const target2 = (len & 63) << 8 | buf[pos + 1];
        if (afterFirstPointer < 0)
          afterFirstPointer = pos + 2;
        if (target2 >= pos) {
          throw new DnsFormatError("pointer-loop", `pointer at offset ${pos} to ${target2} does not point backwards`, field);
        }
        this.pointersFollowed++;
        if (++pointers > MAX_POINTERS_PER_NAME) {
          throw new DnsFormatError("pointer-loop", `more than ${MAX_POINTERS_PER_NAME} compression pointers in one name`, field);
        }
        if (book) {
          for (let k = runFrom; k < book.length; k += BOOK_STRIDE)
            book[k + 3] = pos + 2;
          runFrom = book.length;
          const e = cache.get(target2);
          if (e && e.runEnd <= pos && pointers + e.pointers <= MAX_POINTERS_PER_NAME && wireLength - 1 + e.wire <= MAX_NAME_WIRE_LENGTH) {
            hit = e;
            pointers += e.pointers;
            wireLength += e.wire - 1;
            break;
          }
        }
        limit = pos;
        pos = target2;
        continue;
      }
      if (kind !== 0) {
        throw new DnsFormatError("bad-label-type", `label type 0x${kind.toString(16)} at offset ${pos}`, field);
      }
      if (len === 0) {
        if (book)
          for (let k = runFrom; k < book.length; k += BOOK_STRIDE)
            book[k + 3] = pos + 1;
        pos += 1;
        break;
      }
      if (wireLength + len + 1 > MAX_NAME_WIRE_LENGTH) {
        throw new DnsFormatError("name-too-long", `name exceeds ${MAX_NAME_WIRE_LENGTH} octets`, field);
      }
      if (pos + 1 + len > limit)
        throw this.nameOverrun(afterFirstPointer, field);
      if (book)
        book.push(pos, pointers, wireLength - 1, 0);
      wireLength += len + 1;
      labels.push(this.share ? buf.subarray(pos + 1, pos + 1 + len) : buf.slice(pos + 1, pos + 1 + len));
      pos += 1 + len;
    }
    this.offset = afterFirstPointer >= 0 ? afterFirstPointer : pos;
    let name;
    if (hit) {
      if (labels.length === 0)
        name = hit.name ??= new Name(hit.labels.slice(hit.index));
      else {
        for (let i = hit.index; i < hit.labels.length; i++)
          labels.push(hit.labels[i]);
        name = new Name(labels);
      }
    } else
      name = labels.length === 0 ? Name.ROOT : new Name(labels);
    if (book) {
      for (let k = 0, i = 0; k < book.length; k += BOOK_STRIDE, i++) {
        const at = book[k];
        if (cache.has(at))
          continue;
        cache.set(at, {
          labels: name.labels,
          index: i,
          wire: wireLength - book[k + 2],
          pointers: pointers - book[k + 1],
          runEnd: book[k + 3],
          ...i === 0 ? { name } : {}
        });
      }
    }
    return name;
  }
  nameOverrun(afterFirstPointer, field) {
    return afterFirstPointer < 0 ? new DnsFormatError(this.overrunCode, "name runs past the end", field) : new DnsFormatError("bad-pointer", "compression pointer target is not a complete earlier name", field);
  }
};
var WireWriter = class {
  buf;
  len = 0;
  /** Suffix key (exact label bytes) -> offset, for name compression. */
  names;
  /** @param compress record where names were written so later names can point to them */
  constructor(compress = false, capacity = WRITER_INITIAL_CAPACITY) {
    this.buf = new Uint8Array(capacity);
    this.names = compress ? /* @__PURE__ */ new Map() : void 0;
  }
  /** Octets written so far. */
  get length() {
    return this.len;
  }
  grow(n) {
    if (this.len + n <= this.buf.length)
      return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n)
      cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  u8(v) {
    this.grow(1);
    this.buf[this.len++] = v & 255;
  }
  u16(v) {
    this.grow(2);
    this.buf[this.len++] = v >>> 8 & 255;
    this.buf[this.len++] = v & 255;
  }
  u32(v) {
    this.grow(4);
    this.buf[this.len++] = v >>> 24 & 255;
    this.buf[this.len++] = v >>> 16 & 255;
    this.buf[this.len++] = v >>> 8 & 255;
    this.buf[this.len++] = v & 255;
  }
  bytes(b) {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  /** Overwrites a 16-bit value written earlier (e.g. RDLENGTH once RDATA is known). */
  patchU16(at, v) {
    if (at < 0 || at + 2 > this.len)
      throw new RangeError(`patch at ${at} outside ${this.len} written octets`);
    this.buf[at] = v >>> 8 & 255;
    this.buf[at + 1] = v & 255;
  }
  /**
   * Writes a name; with `compress` (and a writer made with compression on) the longest suffix
   * written before within the first 16 KiB becomes a pointer (RFC 1035 §4.1.4). Matching is
   * byte-exact, case included, so a decoder sees every name with the case it was given (servers
   * that match case-insensitively hand out the first occurrence's case instead).
   */
  name(name, compress = false) {
    const map = compress ? this.names : void 0;
    if (!map) {
      this.grow(name.wireLength);
      this.len = name.writeWire(this.buf, this.len);
      return;
    }
    const labels = name.labels;
    const keys = suffixKeys(name);
    for (let i = 0; i < labels.length; i++) {
      const target2 = map.get(keys[i]);
      if (target2 !== void 0) {
        this.u16(49152 | target2);
        return;
      }
      if (this.len <= MAX_POINTER_TARGET)
        map.set(keys[i], this.len);
      const l = labels[i];
      this.u8(l.length);
      this.bytes(l);
    }
    this.u8(0);
  }
  /** A copy of the octets written. */
  finish() {
    return this.buf.slice(0, this.len);
  }
};
function suffixKeys(name) {
  const labels = name.labels;
  const keys = new Array(labels.length);
  let acc = "";
  for (let i = labels.length - 1; i >= 0; i--) {
    let s = "";
    for (const b of labels[i])
      s += String.fromCharCode(b);
    acc = String.fromCharCode(s.length) + s + acc;
    keys[i] = acc;
  }
  return keys;
}

// dist/dns/rdata/a.js
var IPV4_LENGTH = 4;
function parseIPv4(s, field) {
  const parts = s.split(".");
  if (parts.length !== IPV4_LENGTH || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) {
    throw new DnsFormatError("bad-field", `"${s}" is not a dotted-decimal IPv4 address`, field);
  }
  return Uint8Array.from(parts, Number);
}
var A = {
  type: RRType.A,
  compressible: false,
  decode(r) {
    r.need(IPV4_LENGTH, "A.address");
    const b = r.buf, o = r.offset;
    r.offset += IPV4_LENGTH;
    return { address: `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}` };
  },
  encode(w, d) {
    w.bytes(parseIPv4(d.address, "A.address"));
  },
  parse: (f) => {
    const address = f.text("address");
    parseIPv4(address, "A.address");
    return { address };
  },
  format: (d) => d.address
};

// dist/dns/rdata/aaaa.js
var IPV6_LENGTH = 16;
var GROUPS = 8;
function parseIPv6(s, field) {
  const bad = () => new DnsFormatError("bad-field", `"${s}" is not an IPv6 address`, field);
  const halves = s.split("::");
  if (halves.length > 2)
    throw bad();
  const groups = (part) => {
    if (part === "")
      return [];
    const out2 = [];
    const items = part.split(":");
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (i === items.length - 1 && it.includes(".")) {
        const v4 = parseIPv4(it, field);
        out2.push(v4[0] << 8 | v4[1], v4[2] << 8 | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(it))
        out2.push(parseInt(it, 16));
      else
        throw bad();
    }
    return out2;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = halves.length === 2 ? head.length + tail.length < GROUPS ? [...head, ...new Array(GROUPS - head.length - tail.length).fill(0), ...tail] : null : head;
  if (!all || all.length !== GROUPS)
    throw bad();
  const out = new Uint8Array(IPV6_LENGTH);
  all.forEach((g, i) => {
    out[2 * i] = g >>> 8;
    out[2 * i + 1] = g & 255;
  });
  return out;
}
function formatIPv6(b, at = 0) {
  const g = [];
  for (let i = 0; i < GROUPS; i++)
    g.push(b[at + 2 * i] << 8 | b[at + 2 * i + 1]);
  let bestStart = -1, bestLen = 1;
  for (let i = 0; i < GROUPS; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < GROUPS && g[j] === 0)
      j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs) => xs.map((x) => x.toString(16)).join(":");
  if (bestStart < 0)
    return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}
var AAAA = {
  type: RRType.AAAA,
  compressible: false,
  decode(r) {
    r.need(IPV6_LENGTH, "AAAA.address");
    const s = formatIPv6(r.buf, r.offset);
    r.offset += IPV6_LENGTH;
    return { address: s };
  },
  encode(w, d) {
    w.bytes(parseIPv6(d.address, "AAAA.address"));
  },
  parse: (f) => ({ address: formatIPv6(parseIPv6(f.text("address"), "AAAA.address")) }),
  format: (d) => d.address
};

// dist/dns/encoding.js
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var B32HEX = "0123456789abcdefghijklmnopqrstuv";
var HEX = "0123456789abcdef";
function table(alphabet, caseInsensitive) {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) {
    t[alphabet.charCodeAt(i)] = i;
    if (caseInsensitive)
      t[alphabet.toUpperCase().charCodeAt(i)] = i;
  }
  return t;
}
var B64_T = table(B64, false);
var B32HEX_T = table(B32HEX, true);
var HEX_T = table(HEX, true);
function lookup(t, c) {
  return c < 128 ? t[c] : -1;
}
function toBase64(b) {
  let s = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const v = b[i] << 16 | b[i + 1] << 8 | b[i + 2];
    s += B64[v >>> 18] + B64[v >>> 12 & 63] + B64[v >>> 6 & 63] + B64[v & 63];
  }
  const left = b.length - i;
  if (left === 1) {
    const v = b[i] << 16;
    s += B64[v >>> 18] + B64[v >>> 12 & 63] + "==";
  } else if (left === 2) {
    const v = b[i] << 16 | b[i + 1] << 8;
    s += B64[v >>> 18] + B64[v >>> 12 & 63] + B64[v >>> 6 & 63] + "=";
  }
  return s;
}
function fromBase64(s, field) {
  if (s.length % 4 !== 0)
    throw new DnsFormatError("bad-base64", `length ${s.length} is not a multiple of 4`, field);
  let pad = 0;
  if (s.endsWith("=="))
    pad = 2;
  else if (s.endsWith("="))
    pad = 1;
  const out = new Uint8Array(s.length / 4 * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    const c0 = lookup(B64_T, s.charCodeAt(i));
    const c1 = lookup(B64_T, s.charCodeAt(i + 1));
    const c2 = last && pad === 2 ? 0 : lookup(B64_T, s.charCodeAt(i + 2));
    const c3 = last && pad >= 1 ? 0 : lookup(B64_T, s.charCodeAt(i + 3));
    if ((c0 | c1 | c2 | c3) < 0)
      throw new DnsFormatError("bad-base64", `invalid character near position ${i}`, field);
    const v = c0 << 18 | c1 << 12 | c2 << 6 | c3;
    if (last && pad === 2) {
      if (v & 65535)
        throw new DnsFormatError("bad-base64", "non-zero bits after the last octet", field);
      out[o++] = v >>> 16;
    } else if (last && pad === 1) {
      if (v & 255)
        throw new DnsFormatError("bad-base64", "non-zero bits after the last octet", field);
      out[o++] = v >>> 16;
      out[o++] = v >>> 8 & 255;
    } else {
      out[o++] = v >>> 16;
      out[o++] = v >>> 8 & 255;
      out[o++] = v & 255;
    }
  }
  return out;
}
function toHex(b) {
  let s = "";
  for (const x of b)
    s += HEX[x >>> 4] + HEX[x & 15];
  return s;
}
function fromHex(s, field) {
  if (s.length % 2 !== 0)
    throw new DnsFormatError("bad-hex", `odd number of hex digits (${s.length})`, field);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = lookup(HEX_T, s.charCodeAt(2 * i));
    const lo = lookup(HEX_T, s.charCodeAt(2 * i + 1));
    if ((hi | lo) < 0)
      throw new DnsFormatError("bad-hex", `invalid hex digit near position ${2 * i}`, field);
    out[i] = hi << 4 | lo;
  }
  return out;
}
function toBase32Hex(b) {
  let s = "";
  let acc = 0;
  let bits = 0;
  for (const x of b) {
    acc = (acc << 8 | x) & 65535;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      s += B32HEX[acc >>> bits & 31];
    }
  }
  if (bits > 0)
    s += B32HEX[acc << 5 - bits & 31];
  return s;
}
function fromBase32Hex(s, field) {
  const rem = s.length % 8;
  if (rem === 1 || rem === 3 || rem === 6) {
    throw new DnsFormatError("bad-base32", `length ${s.length} is not a base32 encoding of whole octets`, field);
  }
  const out = new Uint8Array(Math.floor(s.length * 5 / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = lookup(B32HEX_T, s.charCodeAt(i));
    if (v < 0)
      throw new DnsFormatError("bad-base32", `invalid base32hex character near position ${i}`, field);
    acc = (acc << 5 | v) & 65535;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = acc >>> bits & 255;
    }
  }
  if (bits > 0 && (acc & (1 << bits) - 1) !== 0) {
    throw new DnsFormatError("bad-base32", "non-zero bits after the last octet", field);
  }
  return out;
}

// dist/dns/text-fields.js
var TextFields = class {
  tokens;
  origin;
  typeName;
  i = 0;
  constructor(tokens, origin, typeName) {
    this.tokens = tokens;
    this.origin = origin;
    this.typeName = typeName;
  }
  get hasMore() {
    return this.i < this.tokens.length;
  }
  f(field) {
    return `${this.typeName}.${field}`;
  }
  /** The next token. @throws DnsFormatError `field-count` when there is none */
  token(field) {
    const t = this.tokens[this.i];
    if (t === void 0)
      throw new DnsFormatError("field-count", "missing field", this.f(field));
    this.i++;
    return t;
  }
  /** The next unquoted token's text. */
  text(field) {
    const t = this.token(field);
    if (t.quoted)
      throw new DnsFormatError("bad-field", "unexpected quoted string", this.f(field));
    return t.text;
  }
  /** An unsigned decimal integer at most `max`. */
  uint(field, max) {
    const s = this.text(field);
    return parseUint(s, max, this.f(field));
  }
  /** A 32-bit time value: seconds, or BIND's unit form such as `1h30m` (SOA timers). */
  ttl(field) {
    return parseTtl(this.text(field), this.f(field));
  }
  /** A domain name, relative ones completed with the origin. */
  name(field) {
    const s = this.text(field);
    try {
      return Name.parse(s, this.origin);
    } catch (e) {
      if (e instanceof DnsFormatError)
        throw new DnsFormatError(e.code, e.message, this.f(field));
      throw e;
    }
  }
  /** All remaining tokens joined without spaces (base64 and hex fields may contain spaces). */
  joinedRest(field, allowEmpty = false) {
    if (!allowEmpty && !this.hasMore)
      throw new DnsFormatError("field-count", "missing field", this.f(field));
    let s = "";
    while (this.hasMore)
      s += this.text(field);
    return s;
  }
  /** Remaining tokens as base64. */
  base64Rest(field, allowEmpty = false) {
    return fromBase64(this.joinedRest(field, allowEmpty), this.f(field));
  }
  /** Remaining tokens as hex. */
  hexRest(field, allowEmpty = false) {
    return fromHex(this.joinedRest(field, allowEmpty), this.f(field));
  }
  /** Throws `field-count` when tokens are left. */
  end() {
    if (this.hasMore) {
      throw new DnsFormatError("field-count", `${this.tokens.length - this.i} field(s) too many`, this.typeName);
    }
  }
};
function parseUint(s, max, field) {
  if (!/^[0-9]{1,10}$/.test(s))
    throw new DnsFormatError("bad-field", `"${s}" is not an unsigned integer`, field);
  const v = Number(s);
  if (v > max)
    throw new DnsFormatError("bad-field", `${v} exceeds ${max}`, field);
  return v;
}
var TTL_UNITS = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
var MAX_TTL_FIELD = 4294967295;
function parseTtl(s, field) {
  if (/^[0-9]+$/.test(s))
    return parseUint(s, MAX_TTL_FIELD, field);
  const re = /([0-9]+)([wdhms])/giy;
  let total = 0;
  let m;
  let consumed = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * TTL_UNITS[m[2].toLowerCase()];
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== s.length)
    throw new DnsFormatError("bad-field", `"${s}" is not a TTL`, field);
  if (total > MAX_TTL_FIELD)
    throw new DnsFormatError("bad-field", `${total} exceeds ${MAX_TTL_FIELD}`, field);
  return total;
}
function unescapeString(s, field) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      const n = s.charCodeAt(i + 1);
      if (Number.isNaN(n))
        throw new DnsFormatError("bad-field", "dangling backslash", field);
      if (n >= 48 && n <= 57) {
        const ddd = s.slice(i + 1, i + 4);
        if (!/^[0-9]{3}$/.test(ddd) || Number(ddd) > 255) {
          throw new DnsFormatError("bad-field", `bad \\DDD escape "\\${ddd}"`, field);
        }
        out.push(Number(ddd));
        i += 3;
        continue;
      }
      i++;
      pushChar(out, s, i);
      if (s.charCodeAt(i) >= 55296 && s.charCodeAt(i) <= 56319)
        i++;
    } else {
      pushChar(out, s, i);
      if (c >= 55296 && c <= 56319)
        i++;
    }
  }
  return Uint8Array.from(out);
}
var utf8 = new TextEncoder();
function pushChar(out, s, i) {
  const c = s.charCodeAt(i);
  if (c < 128) {
    out.push(c);
    return;
  }
  const cp = s.codePointAt(i);
  for (const b of utf8.encode(String.fromCodePoint(cp)))
    out.push(b);
}
function quoteString(b) {
  let s = '"';
  for (const x of b) {
    if (x === 34 || x === 92)
      s += "\\" + String.fromCharCode(x);
    else if (x >= 32 && x < 127)
      s += String.fromCharCode(x);
    else
      s += "\\" + x.toString().padStart(3, "0");
  }
  return s + '"';
}

// dist/dns/rdata/codec.js
function checkUint(v, max, field) {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new DnsFormatError("bad-field", `${v} is not an integer in 0..${max}`, field);
  }
  return v;
}
function checkLength(b, max, field, min = 0) {
  if (!(b instanceof Uint8Array) || b.length > max || b.length < min) {
    throw new DnsFormatError("bad-field", `expected ${min}..${max} octets`, field);
  }
  return b;
}
var U8 = 255;
var U16 = 65535;
var U32 = 4294967295;

// dist/dns/rdata/caa.js
var TAG = /^[A-Za-z0-9]{1,255}$/;
function checkTag(tag) {
  if (!TAG.test(tag))
    throw new DnsFormatError("bad-field", `"${tag}" is not 1..255 ASCII letters and digits`, "CAA.tag");
  return tag;
}
var CAA = {
  type: RRType.CAA,
  compressible: false,
  decode(r) {
    const flags = r.u8("CAA.flags");
    const tagBytes = r.bytes(r.u8("CAA.tag"), "CAA.tag");
    const tag = checkTag(String.fromCharCode(...tagBytes));
    return { flags, tag, value: r.rest() };
  },
  encode(w, d) {
    w.u8(checkUint(d.flags, U8, "CAA.flags"));
    const tag = checkTag(d.tag);
    w.u8(tag.length);
    for (let i = 0; i < tag.length; i++)
      w.u8(tag.charCodeAt(i));
    w.bytes(d.value);
  },
  parse(f) {
    const flags = f.uint("flags", U8);
    const tag = checkTag(f.text("tag"));
    const value = unescapeString(f.token("value").text, "CAA.value");
    return { flags, tag, value };
  },
  format: (d) => `${d.flags} ${d.tag} ${quoteString(d.value)}`
};

// dist/dns/rdata/dnskey.js
function dnskeyLike(type, mnemonic) {
  const flags = `${mnemonic}.flags`, protocol = `${mnemonic}.protocol`, algorithm = `${mnemonic}.algorithm`;
  return {
    type,
    compressible: false,
    decode: (r) => ({ flags: r.u16(flags), protocol: r.u8(protocol), algorithm: r.u8(algorithm), publicKey: r.rest() }),
    encode(w, d) {
      w.u16(checkUint(d.flags, U16, flags));
      w.u8(checkUint(d.protocol, U8, protocol));
      w.u8(checkUint(d.algorithm, U8, algorithm));
      w.bytes(d.publicKey);
    },
    parse: (f) => ({
      flags: f.uint("flags", U16),
      protocol: f.uint("protocol", U8),
      algorithm: f.uint("algorithm", U8),
      publicKey: f.base64Rest("publicKey", true)
    }),
    format: (d) => `${d.flags} ${d.protocol} ${d.algorithm} ${toBase64(d.publicKey)}`.trimEnd()
  };
}
var DNSKEY = dnskeyLike(RRType.DNSKEY, "DNSKEY");
var CDNSKEY = dnskeyLike(RRType.CDNSKEY, "CDNSKEY");

// dist/dns/rdata/ds.js
function dsLike(type, mnemonic) {
  const keyTag2 = `${mnemonic}.keyTag`, algorithm = `${mnemonic}.algorithm`, digestType = `${mnemonic}.digestType`;
  return {
    type,
    compressible: false,
    decode: (r) => ({ keyTag: r.u16(keyTag2), algorithm: r.u8(algorithm), digestType: r.u8(digestType), digest: r.rest() }),
    encode(w, d) {
      w.u16(checkUint(d.keyTag, U16, keyTag2));
      w.u8(checkUint(d.algorithm, U8, algorithm));
      w.u8(checkUint(d.digestType, U8, digestType));
      w.bytes(d.digest);
    },
    parse: (f) => ({
      keyTag: f.uint("keyTag", U16),
      algorithm: f.uint("algorithm", U8),
      digestType: f.uint("digestType", U8),
      digest: f.hexRest("digest", true)
    }),
    format: (d) => `${d.keyTag} ${d.algorithm} ${d.digestType} ${toHex(d.digest)}`.trimEnd()
  };
}
var DS = dsLike(RRType.DS, "DS");
var CDS = dsLike(RRType.CDS, "CDS");

// dist/dns/rdata/txt.js
var MAX_CHARACTER_STRING = 255;
var TXT = {
  type: RRType.TXT,
  compressible: false,
  decode(r) {
    if (r.remaining === 0)
      throw new DnsFormatError("rdata-length", "empty RDATA holds no character-string", "TXT.strings");
    const strings = [];
    while (r.remaining > 0)
      strings.push(r.bytes(r.u8("TXT.strings"), "TXT.strings"));
    return { strings };
  },
  encode(w, d) {
    if (d.strings.length === 0)
      throw new DnsFormatError("bad-field", "a TXT needs at least one string", "TXT.strings");
    for (const s of d.strings) {
      checkLength(s, MAX_CHARACTER_STRING, "TXT.strings");
      w.u8(s.length);
      w.bytes(s);
    }
  },
  parse(f) {
    const strings = [];
    do {
      const s = unescapeString(f.token("strings").text, "TXT.strings");
      if (s.length > MAX_CHARACTER_STRING) {
        throw new DnsFormatError("bad-field", `string of ${s.length} octets exceeds ${MAX_CHARACTER_STRING}`, "TXT.strings");
      }
      strings.push(s);
    } while (f.hasMore);
    return { strings };
  },
  format: (d) => d.strings.map(quoteString).join(" ")
};

// dist/dns/rdata/hinfo.js
function readString(r, field) {
  return r.bytes(r.u8(field), field);
}
function writeString(w, s, field) {
  checkLength(s, MAX_CHARACTER_STRING, field);
  w.u8(s.length);
  w.bytes(s);
}
function parseString(f, field) {
  const s = unescapeString(f.token(field).text, `HINFO.${field}`);
  if (s.length > MAX_CHARACTER_STRING)
    throw new DnsFormatError("bad-field", `string of ${s.length} octets`, `HINFO.${field}`);
  return s;
}
var HINFO = {
  type: RRType.HINFO,
  compressible: false,
  decode: (r) => ({ cpu: readString(r, "HINFO.cpu"), os: readString(r, "HINFO.os") }),
  encode(w, d) {
    writeString(w, d.cpu, "HINFO.cpu");
    writeString(w, d.os, "HINFO.os");
  },
  parse: (f) => ({ cpu: parseString(f, "cpu"), os: parseString(f, "os") }),
  format: (d) => `${quoteString(d.cpu)} ${quoteString(d.os)}`
};

// dist/dns/rdata/minfo.js
var MINFO = {
  type: RRType.MINFO,
  compressible: true,
  decode: (r, c) => ({ rmailbx: r.name("MINFO.rmailbx", c), emailbx: r.name("MINFO.emailbx", c) }),
  encode(w, d, compress) {
    w.name(d.rmailbx, compress);
    w.name(d.emailbx, compress);
  },
  parse: (f) => ({ rmailbx: f.name("rmailbx"), emailbx: f.name("emailbx") }),
  format: (d) => `${d.rmailbx} ${d.emailbx}`
};

// dist/dns/rdata/mx.js
var MX = {
  type: RRType.MX,
  compressible: true,
  decode: (r, c) => ({ preference: r.u16("MX.preference"), exchange: r.name("MX.exchange", c) }),
  encode(w, d, compress) {
    w.u16(checkUint(d.preference, U16, "MX.preference"));
    w.name(d.exchange, compress);
  },
  parse: (f) => ({ preference: f.uint("preference", U16), exchange: f.name("exchange") }),
  format: (d) => `${d.preference} ${d.exchange}`
};

// dist/dns/rdata/type-bitmap.js
var MAX_WINDOW_OCTETS = 32;
var WINDOWS = 256;
function decodeTypeBitmap(r, field) {
  const types = [];
  let lastWindow = -1;
  while (r.remaining > 0) {
    const win = r.u8(field);
    const len = r.u8(field);
    if (win <= lastWindow) {
      throw new DnsFormatError("bad-field", `window ${win} after window ${lastWindow}: windows must increase strictly`, field);
    }
    if (len === 0 || len > MAX_WINDOW_OCTETS) {
      throw new DnsFormatError("bad-field", `window ${win} has length ${len}, not 1..${MAX_WINDOW_OCTETS}`, field);
    }
    r.need(len, field);
    const b = r.buf, o = r.offset;
    if (b[o + len - 1] === 0) {
      throw new DnsFormatError("bad-field", `window ${win} ends in a zero octet (trailing zero octets must be omitted)`, field);
    }
    for (let i = 0; i < len; i++) {
      const v = b[o + i];
      if (v === 0)
        continue;
      for (let bit = 0; bit < 8; bit++)
        if (v & 128 >>> bit)
          types.push(win * 256 + i * 8 + bit);
    }
    r.offset = o + len;
    lastWindow = win;
  }
  return types;
}
function normaliseTypes(types, field) {
  for (const t of types) {
    if (!Number.isInteger(t) || t < 0 || t > 65535)
      throw new DnsFormatError("bad-field", `type ${t} is not in 0..65535`, field);
  }
  return [...new Set(types)].sort((a, b) => a - b);
}
function encodeTypeBitmap(w, types, field) {
  const sorted = normaliseTypes(types, field);
  let i = 0;
  const octets = new Uint8Array(MAX_WINDOW_OCTETS);
  for (let win = 0; win < WINDOWS && i < sorted.length; win++) {
    if (sorted[i] >>> 8 !== win)
      continue;
    octets.fill(0);
    let len = 0;
    while (i < sorted.length && sorted[i] >>> 8 === win) {
      const low = sorted[i] & 255;
      octets[low >>> 3] |= 128 >>> (low & 7);
      len = (low >>> 3) + 1;
      i++;
    }
    w.u8(win);
    w.u8(len);
    w.bytes(octets.subarray(0, len));
  }
}
function parseTypeList(f, field) {
  const out = [];
  while (f.hasMore) {
    const s = f.text(field);
    const t = rrTypeFromString(s);
    if (t === void 0)
      throw new DnsFormatError("bad-field", `unknown type "${s}"`, `${f.typeName}.${field}`);
    out.push(t);
  }
  return normaliseTypes(out, field);
}
function formatTypeList(types) {
  return types.map(rrTypeToString).join(" ");
}

// dist/dns/rdata/nsec.js
var NSEC = {
  type: RRType.NSEC,
  compressible: false,
  decode: (r) => ({
    nextDomainName: r.name("NSEC.nextDomainName", false),
    types: decodeTypeBitmap(r, "NSEC.types")
  }),
  encode(w, d) {
    w.name(d.nextDomainName, false);
    encodeTypeBitmap(w, d.types, "NSEC.types");
  },
  parse: (f) => ({ nextDomainName: f.name("nextDomainName"), types: parseTypeList(f, "types") }),
  format: (d) => `${d.nextDomainName} ${formatTypeList(d.types)}`.trimEnd()
};

// dist/dns/rdata/nsec3param.js
var MAX_SALT_LENGTH = 255;
function decodeSalt(r, field) {
  return r.bytes(r.u8(field), field);
}
function encodeSalt(w, salt, field) {
  checkLength(salt, MAX_SALT_LENGTH, field);
  w.u8(salt.length);
  w.bytes(salt);
}
function parseSalt(f) {
  const s = f.text("salt");
  if (s === "-")
    return new Uint8Array(0);
  const salt = fromHex(s, `${f.typeName}.salt`);
  if (salt.length > MAX_SALT_LENGTH)
    throw new DnsFormatError("bad-field", `salt of ${salt.length} octets`, `${f.typeName}.salt`);
  return salt;
}
function formatSalt(salt) {
  return salt.length === 0 ? "-" : toHex(salt);
}
var NSEC3PARAM = {
  type: RRType.NSEC3PARAM,
  compressible: false,
  decode: (r) => ({
    hashAlgorithm: r.u8("NSEC3PARAM.hashAlgorithm"),
    flags: r.u8("NSEC3PARAM.flags"),
    iterations: r.u16("NSEC3PARAM.iterations"),
    salt: decodeSalt(r, "NSEC3PARAM.salt")
  }),
  encode(w, d) {
    w.u8(checkUint(d.hashAlgorithm, U8, "NSEC3PARAM.hashAlgorithm"));
    w.u8(checkUint(d.flags, U8, "NSEC3PARAM.flags"));
    w.u16(checkUint(d.iterations, U16, "NSEC3PARAM.iterations"));
    encodeSalt(w, d.salt, "NSEC3PARAM.salt");
  },
  parse: (f) => ({
    hashAlgorithm: f.uint("hashAlgorithm", U8),
    flags: f.uint("flags", U8),
    iterations: f.uint("iterations", U16),
    salt: parseSalt(f)
  }),
  format: (d) => `${d.hashAlgorithm} ${d.flags} ${d.iterations} ${formatSalt(d.salt)}`
};

// dist/dns/rdata/nsec3.js
var MIN_HASH_LENGTH = 1;
var MAX_HASH_LENGTH = 255;
var NSEC3 = {
  type: RRType.NSEC3,
  compressible: false,
  decode(r) {
    const hashAlgorithm = r.u8("NSEC3.hashAlgorithm");
    const flags = r.u8("NSEC3.flags");
    const iterations = r.u16("NSEC3.iterations");
    const salt = decodeSalt(r, "NSEC3.salt");
    const hashLength = r.u8("NSEC3.nextHashedOwnerName");
    if (hashLength < MIN_HASH_LENGTH)
      throw new DnsFormatError("bad-field", "zero-length hash", "NSEC3.nextHashedOwnerName");
    const nextHashedOwnerName = r.bytes(hashLength, "NSEC3.nextHashedOwnerName");
    return { hashAlgorithm, flags, iterations, salt, nextHashedOwnerName, types: decodeTypeBitmap(r, "NSEC3.types") };
  },
  encode(w, d) {
    w.u8(checkUint(d.hashAlgorithm, U8, "NSEC3.hashAlgorithm"));
    w.u8(checkUint(d.flags, U8, "NSEC3.flags"));
    w.u16(checkUint(d.iterations, U16, "NSEC3.iterations"));
    encodeSalt(w, d.salt, "NSEC3.salt");
    checkLength(d.nextHashedOwnerName, MAX_HASH_LENGTH, "NSEC3.nextHashedOwnerName", MIN_HASH_LENGTH);
    w.u8(d.nextHashedOwnerName.length);
    w.bytes(d.nextHashedOwnerName);
    encodeTypeBitmap(w, d.types, "NSEC3.types");
  },
  parse(f) {
    const hashAlgorithm = f.uint("hashAlgorithm", U8);
    const flags = f.uint("flags", U8);
    const iterations = f.uint("iterations", U16);
    const salt = parseSalt(f);
    const next = fromBase32Hex(f.text("nextHashedOwnerName"), "NSEC3.nextHashedOwnerName");
    if (next.length < MIN_HASH_LENGTH || next.length > MAX_HASH_LENGTH) {
      throw new DnsFormatError("bad-field", `hash of ${next.length} octets`, "NSEC3.nextHashedOwnerName");
    }
    return { hashAlgorithm, flags, iterations, salt, nextHashedOwnerName: next, types: parseTypeList(f, "types") };
  },
  format: (d) => `${d.hashAlgorithm} ${d.flags} ${d.iterations} ${formatSalt(d.salt)} ${toBase32Hex(d.nextHashedOwnerName)} ${formatTypeList(d.types)}`.trimEnd()
};

// dist/dns/rdata/unknown.js
function formatGeneric(rdata) {
  return rdata.length === 0 ? "\\# 0" : `\\# ${rdata.length} ${toHex(rdata)}`;
}
function parseGeneric(f) {
  const len = parseUint(f.text("length"), U16, `${f.typeName}.\\#length`);
  const rdata = f.hexRest("rdata", true);
  if (rdata.length !== len) {
    throw new DnsFormatError("rdata-length", `\\# says ${len} octets, hex holds ${rdata.length}`, `${f.typeName}.rdata`);
  }
  return rdata;
}

// dist/dns/rdata/opt.js
var OPT = {
  type: RRType.OPT,
  compressible: false,
  decode(r) {
    const options = [];
    while (r.remaining > 0) {
      const code = r.u16("OPT.option-code");
      const len = r.u16("OPT.option-length");
      options.push({ code, data: r.bytes(len, "OPT.option-data") });
    }
    return { options };
  },
  encode(w, d) {
    for (const o of d.options) {
      w.u16(checkUint(o.code, U16, "OPT.option-code"));
      checkLength(o.data, U16, "OPT.option-data");
      w.u16(o.data.length);
      w.bytes(o.data);
    }
  },
  parse() {
    throw new DnsFormatError("bad-field", "OPT has no presentation form; write its RDATA as \\# (RFC 3597)", "OPT");
  },
  format(d) {
    return formatGeneric(encodeOptions(d));
  }
};
function encodeOptions(d) {
  const w = new WireWriter();
  OPT.encode(w, d, false);
  return w.finish();
}

// dist/dns/rdata/rrsig.js
var TWO_32 = 2 ** 32;
function parseSigTime(s, field) {
  if (/^[0-9]{14}$/.test(s)) {
    const [y, mo, d, h, mi, se] = [s.slice(0, 4), s.slice(4, 6), s.slice(6, 8), s.slice(8, 10), s.slice(10, 12), s.slice(12, 14)].map(Number);
    const ms = Date.UTC(y, mo - 1, d, h, mi, se);
    const back = new Date(ms);
    if (y < 1970 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== se) {
      throw new DnsFormatError("bad-field", `"${s}" is not a valid YYYYMMDDHHmmSS time`, field);
    }
    return ms / 1e3 % TWO_32;
  }
  return parseUint(s, U32, field);
}
function formatSigTime(t) {
  const d = new Date(t * 1e3);
  const p = (n, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
var RRSIG = {
  type: RRType.RRSIG,
  compressible: false,
  decode: (r) => ({
    typeCovered: r.u16("RRSIG.typeCovered"),
    algorithm: r.u8("RRSIG.algorithm"),
    labels: r.u8("RRSIG.labels"),
    originalTtl: r.u32("RRSIG.originalTtl"),
    expiration: r.u32("RRSIG.expiration"),
    inception: r.u32("RRSIG.inception"),
    keyTag: r.u16("RRSIG.keyTag"),
    signerName: r.name("RRSIG.signerName", false),
    signature: r.rest()
  }),
  encode(w, d) {
    w.u16(checkUint(d.typeCovered, U16, "RRSIG.typeCovered"));
    w.u8(checkUint(d.algorithm, U8, "RRSIG.algorithm"));
    w.u8(checkUint(d.labels, U8, "RRSIG.labels"));
    w.u32(checkUint(d.originalTtl, U32, "RRSIG.originalTtl"));
    w.u32(checkUint(d.expiration, U32, "RRSIG.expiration"));
    w.u32(checkUint(d.inception, U32, "RRSIG.inception"));
    w.u16(checkUint(d.keyTag, U16, "RRSIG.keyTag"));
    w.name(d.signerName, false);
    w.bytes(d.signature);
  },
  parse(f) {
    const tc = f.text("typeCovered");
    const typeCovered = rrTypeFromString(tc);
    if (typeCovered === void 0)
      throw new DnsFormatError("bad-field", `unknown type "${tc}"`, "RRSIG.typeCovered");
    return {
      typeCovered,
      algorithm: f.uint("algorithm", U8),
      labels: f.uint("labels", U8),
      originalTtl: f.uint("originalTtl", U32),
      expiration: parseSigTime(f.text("expiration"), "RRSIG.expiration"),
      inception: parseSigTime(f.text("inception"), "RRSIG.inception"),
      keyTag: f.uint("keyTag", U16),
      signerName: f.name("signerName"),
      signature: f.base64Rest("signature", true)
    };
  },
  format: (d) => `${rrTypeToString(d.typeCovered)} ${d.algorithm} ${d.labels} ${d.originalTtl} ${formatSigTime(d.expiration)} ${formatSigTime(d.inception)} ${d.keyTag} ${d.signerName} ${toBase64(d.signature)}`.trimEnd()
};

// dist/dns/rdata/single-name.js
function singleName(type, mnemonic, key2, compressible) {
  const field = `${mnemonic}.${key2}`;
  return {
    type,
    compressible,
    decode: (r, compression) => ({ [key2]: r.name(field, compression) }),
    encode: (w, d, compress) => w.name(d[key2], compress),
    parse: (f) => ({ [key2]: f.name(key2) }),
    format: (d) => d[key2].toString()
  };
}
var NS = singleName(RRType.NS, "NS", "nsdname", true);
var CNAME = singleName(RRType.CNAME, "CNAME", "cname", true);
var PTR = singleName(RRType.PTR, "PTR", "ptrdname", true);
var MD = singleName(RRType.MD, "MD", "madname", true);
var MF = singleName(RRType.MF, "MF", "madname", true);
var MB = singleName(RRType.MB, "MB", "madname", true);
var MG = singleName(RRType.MG, "MG", "mgmname", true);
var MR = singleName(RRType.MR, "MR", "newname", true);
var DNAME = singleName(RRType.DNAME, "DNAME", "target", false);

// dist/dns/rdata/soa.js
var TIMERS = ["serial", "refresh", "retry", "expire", "minimum"];
var SOA = {
  type: RRType.SOA,
  compressible: true,
  decode: (r, c) => ({
    mname: r.name("SOA.mname", c),
    rname: r.name("SOA.rname", c),
    serial: r.u32("SOA.serial"),
    refresh: r.u32("SOA.refresh"),
    retry: r.u32("SOA.retry"),
    expire: r.u32("SOA.expire"),
    minimum: r.u32("SOA.minimum")
  }),
  encode(w, d, compress) {
    w.name(d.mname, compress);
    w.name(d.rname, compress);
    for (const t of TIMERS)
      w.u32(checkUint(d[t], U32, `SOA.${t}`));
  },
  parse: (f) => ({
    mname: f.name("mname"),
    rname: f.name("rname"),
    serial: f.uint("serial", U32),
    refresh: f.ttl("refresh"),
    retry: f.ttl("retry"),
    expire: f.ttl("expire"),
    minimum: f.ttl("minimum")
  }),
  format: (d) => `${d.mname} ${d.rname} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`
};

// dist/dns/rdata/srv.js
var SRV = {
  type: RRType.SRV,
  compressible: false,
  decode: (r) => ({
    priority: r.u16("SRV.priority"),
    weight: r.u16("SRV.weight"),
    port: r.u16("SRV.port"),
    target: r.name("SRV.target", false)
  }),
  encode(w, d) {
    w.u16(checkUint(d.priority, U16, "SRV.priority"));
    w.u16(checkUint(d.weight, U16, "SRV.weight"));
    w.u16(checkUint(d.port, U16, "SRV.port"));
    w.name(d.target, false);
  },
  parse: (f) => ({
    priority: f.uint("priority", U16),
    weight: f.uint("weight", U16),
    port: f.uint("port", U16),
    target: f.name("target")
  }),
  format: (d) => `${d.priority} ${d.weight} ${d.port} ${d.target}`
};

// dist/dns/rdata/tlsa.js
var TLSA = {
  type: RRType.TLSA,
  compressible: false,
  decode: (r) => ({
    certUsage: r.u8("TLSA.certUsage"),
    selector: r.u8("TLSA.selector"),
    matchingType: r.u8("TLSA.matchingType"),
    certificateAssociationData: r.rest()
  }),
  encode(w, d) {
    w.u8(checkUint(d.certUsage, U8, "TLSA.certUsage"));
    w.u8(checkUint(d.selector, U8, "TLSA.selector"));
    w.u8(checkUint(d.matchingType, U8, "TLSA.matchingType"));
    w.bytes(d.certificateAssociationData);
  },
  parse: (f) => ({
    certUsage: f.uint("certUsage", U8),
    selector: f.uint("selector", U8),
    matchingType: f.uint("matchingType", U8),
    certificateAssociationData: f.hexRest("certificateAssociationData", true)
  }),
  format: (d) => `${d.certUsage} ${d.selector} ${d.matchingType} ${toHex(d.certificateAssociationData)}`.trimEnd()
};

// dist/dns/rdata/index.js
var ALL = [
  A,
  NS,
  MD,
  MF,
  CNAME,
  SOA,
  MB,
  MG,
  MR,
  PTR,
  HINFO,
  MINFO,
  MX,
  TXT,
  AAAA,
  SRV,
  DNAME,
  OPT,
  DS,
  RRSIG,
  NSEC,
  DNSKEY,
  NSEC3,
  NSEC3PARAM,
  TLSA,
  CDS,
  CDNSKEY,
  CAA
];
var CODECS = new Map(ALL.map((c) => [c.type, c]));
var UNKNOWN = Object.freeze({ unknown: true });
function isUnknownData(data) {
  return data.unknown === true;
}
function checkConsumed(r, type) {
  if (r.remaining !== 0) {
    throw new DnsFormatError("rdata-length", `${r.remaining} octet(s) after the last field`, rrTypeToString(type));
  }
}
function decodeRdata(type, rdata) {
  return CODECS.has(type) ? decodeOwned(type, rdata.slice()) : UNKNOWN;
}
function decodeOwned(type, owned, from = 0, to = owned.length) {
  const codec = CODECS.get(type);
  if (!codec)
    return UNKNOWN;
  const r = new WireReader(owned, from, to, "rdata-length", true);
  const data = codec.decode(r, false);
  checkConsumed(r, type);
  return data;
}
function encodeRdata(type, data) {
  const codec = CODECS.get(type);
  if (!codec || isUnknownData(data)) {
    throw new DnsFormatError("bad-field", "no structured encoder for this type: build the record from its RDATA bytes", rrTypeToString(type));
  }
  const w = new WireWriter(false, 64);
  codec.encode(w, data, false);
  return w.finish();
}
function readRdata(buf, start, end, type, names) {
  const codec = CODECS.get(type);
  if (!codec)
    return { data: UNKNOWN, rdata: buf.subarray(start, end) };
  if (codec.compressible) {
    const r = new WireReader(buf, start, end, "rdata-length", true);
    r.names = names;
    const data = codec.decode(r, true);
    checkConsumed(r, type);
    if (r.pointersFollowed === 0)
      return { data, rdata: buf.subarray(start, end) };
    const w = new WireWriter(false, end - start + 64);
    codec.encode(w, data, false);
    return { data, rdata: w.finish() };
  }
  return { data: decodeOwned(type, buf, start, end), rdata: buf.subarray(start, end) };
}
function writeRdata(w, rr, compress) {
  const codec = CODECS.get(rr.type);
  if (compress && codec?.compressible && !isUnknownData(rr.data))
    codec.encode(w, rr.data, true);
  else
    w.bytes(rr.rdata);
}
function checkHeader(type, cls, ttl) {
  for (const [v, max, f] of [[type, 65535, "type"], [cls, 65535, "class"], [ttl, 4294967295, "ttl"]]) {
    if (!Number.isInteger(v) || v < 0 || v > max)
      throw new DnsFormatError("bad-field", `${v} is not in 0..${max}`, f);
  }
}
function createRR(fields) {
  const cls = fields.class ?? RRClass.IN;
  checkHeader(fields.type, cls, fields.ttl);
  const rdata = encodeRdata(fields.type, fields.data);
  return { name: fields.name, type: fields.type, class: cls, ttl: fields.ttl, data: decodeOwned(fields.type, rdata), rdata };
}
function recordFromRdata(name, type, cls, ttl, rdata) {
  checkHeader(type, cls, ttl);
  const copy = rdata.slice();
  return { name, type, class: cls, ttl, data: decodeOwned(type, copy), rdata: copy };
}
function formatRdata(rr) {
  const codec = CODECS.get(rr.type);
  if (!codec || isUnknownData(rr.data))
    return formatGeneric(rr.rdata);
  return codec.format(rr.data);
}
function parseRdata(type, f) {
  const codec = CODECS.get(type);
  if (!codec) {
    throw new DnsFormatError("bad-field", "a type without a known text form must use \\# (RFC 3597 \xA75)", rrTypeToString(type));
  }
  const data = codec.parse(f);
  f.end();
  const rdata = encodeRdata(type, data);
  return { data, rdata };
}

// dist/dns/presentation.js
var DEFAULT_TTL = 3600;
function tokenize(text) {
  const lines = [];
  let cur = { tokens: [], blankStart: false, line: 1 };
  let depth = 0;
  let lineNo = 1;
  let atLineStart = true;
  let depthOpenedAt = 0;
  const at = () => `line ${lineNo}`;
  const flush = () => {
    if (cur.tokens.length > 0)
      lines.push(cur);
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      lineNo++;
      i++;
      if (depth === 0) {
        flush();
        cur = { tokens: [], blankStart: false, line: lineNo };
        atLineStart = true;
      }
      continue;
    }
    if (c === " " || c === "	" || c === "\r") {
      if (atLineStart && depth === 0 && cur.tokens.length === 0)
        cur.blankStart = true;
      atLineStart = false;
      i++;
      continue;
    }
    atLineStart = false;
    if (c === ";") {
      while (i < n && text[i] !== "\n")
        i++;
      continue;
    }
    if (c === "(") {
      if (depth === 0)
        depthOpenedAt = lineNo;
      depth++;
      i++;
      continue;
    }
    if (c === ")") {
      if (depth === 0)
        throw new DnsFormatError("bad-field", `")" without "(" at ${at()}`, "zone");
      depth--;
      i++;
      continue;
    }
    if (c === '"') {
      let j2 = i + 1;
      let s2 = "";
      for (; ; ) {
        if (j2 >= n)
          throw new DnsFormatError("bad-field", `unterminated quoted string at ${at()}`, "zone");
        const d = text[j2];
        if (d === '"')
          break;
        if (d === "\\" && j2 + 1 < n) {
          s2 += d + text[j2 + 1];
          j2 += 2;
          continue;
        }
        if (d === "\n")
          lineNo++;
        s2 += d;
        j2++;
      }
      cur.tokens.push({ text: s2, quoted: true });
      i = j2 + 1;
      continue;
    }
    let j = i;
    let s = "";
    while (j < n) {
      const d = text[j];
      if (d === " " || d === "	" || d === "\r" || d === "\n" || d === ";" || d === "(" || d === ")" || d === '"')
        break;
      if (d === "\\" && j + 1 < n && text[j + 1] !== "\n") {
        s += d + text[j + 1];
        j += 2;
        continue;
      }
      s += d;
      j++;
    }
    cur.tokens.push({ text: s, quoted: false });
    i = j;
  }
  if (depth !== 0)
    throw new DnsFormatError("bad-field", `"(" opened at line ${depthOpenedAt} is never closed`, "zone");
  flush();
  return lines;
}
var TTL_TOKEN = /^(?:[0-9]+|(?:[0-9]+[wdhmsWDHMS])+)$/;
function parseAfterOwner(tokens, from, ctx) {
  let i = from;
  let ttl;
  let cls;
  for (let k = 0; k < 2; k++) {
    const t = tokens[i];
    if (!t || t.quoted)
      break;
    if (ttl === void 0 && TTL_TOKEN.test(t.text)) {
      ttl = parseTtl(t.text, "ttl");
      i++;
    } else if (cls === void 0 && rrClassFromString(t.text) !== void 0) {
      cls = rrClassFromString(t.text);
      i++;
    } else
      break;
  }
  const typeTok = tokens[i];
  if (!typeTok)
    throw new DnsFormatError("field-count", "missing type", "type");
  const type = typeTok.quoted ? void 0 : rrTypeFromString(typeTok.text);
  if (type === void 0)
    throw new DnsFormatError("bad-field", `unknown type "${typeTok.text}"`, "type");
  i++;
  const typeName = rrTypeToString(type);
  const rest = tokens.slice(i);
  let data, rdata;
  if (rest[0] && !rest[0].quoted && rest[0].text === "\\#") {
    rdata = parseGeneric(new TextFields(rest.slice(1), ctx.origin, typeName));
    data = decodeRdata(type, rdata);
  } else {
    ({ data, rdata } = parseRdata(type, new TextFields(rest, ctx.origin, typeName)));
  }
  return { name: ctx.owner, type, class: cls ?? ctx.cls, ttl: ttl ?? ctx.ttl, data, rdata, ttlStated: ttl !== void 0 };
}
function ownerName(tok, origin) {
  if (tok.quoted)
    throw new DnsFormatError("name-syntax", "an owner name cannot be quoted", "owner");
  try {
    return Name.parse(tok.text, origin);
  } catch (e) {
    if (e instanceof DnsFormatError)
      throw new DnsFormatError(e.code, e.message, "owner");
    throw e;
  }
}
function parseRR(text, opts = {}) {
  const lines = tokenize(text);
  if (lines.length !== 1) {
    throw new DnsFormatError("field-count", lines.length === 0 ? "no record in the text" : `${lines.length} records where one was expected`, "record");
  }
  const tokens = lines[0].tokens;
  const origin = opts.origin ?? Name.ROOT;
  const ctx = {
    owner: ownerName(tokens[0], origin),
    origin,
    ttl: opts.defaultTtl ?? DEFAULT_TTL,
    cls: opts.defaultClass ?? RRClass.IN
  };
  const { ttlStated: _, ...rr } = parseAfterOwner(tokens, 1, ctx);
  return rr;
}
function parseZone(text, opts = {}) {
  const out = [];
  let origin = opts.origin ?? Name.ROOT;
  let defaultTtl = opts.defaultTtl ?? DEFAULT_TTL;
  let lastTtl;
  let dollarTtl = false;
  let owner;
  let cls = RRClass.IN;
  for (const line of tokenize(text)) {
    try {
      const first = line.tokens[0];
      if (!line.blankStart && !first.quoted && first.text.startsWith("$")) {
        const dir = first.text.toUpperCase();
        const arg = line.tokens[1];
        if (dir === "$ORIGIN") {
          if (!arg || line.tokens.length !== 2)
            throw new DnsFormatError("field-count", "$ORIGIN takes one name", "$ORIGIN");
          origin = ownerName(arg, origin);
        } else if (dir === "$TTL") {
          if (!arg || line.tokens.length !== 2)
            throw new DnsFormatError("field-count", "$TTL takes one value", "$TTL");
          defaultTtl = parseTtl(arg.text, "$TTL");
          dollarTtl = true;
        } else {
          throw new DnsFormatError("bad-field", `directive ${first.text} is not supported`, "zone");
        }
        continue;
      }
      let from = 0;
      if (line.blankStart) {
        if (!owner)
          throw new DnsFormatError("field-count", "a record without owner and no previous owner", "owner");
      } else {
        owner = ownerName(first, origin);
        from = 1;
      }
      const ttl = dollarTtl ? defaultTtl : lastTtl ?? defaultTtl;
      const { ttlStated, ...rr } = parseAfterOwner(line.tokens, from, { owner, origin, ttl, cls });
      if (ttlStated)
        lastTtl = rr.ttl;
      cls = rr.class;
      out.push(rr);
    } catch (e) {
      if (e instanceof DnsFormatError)
        throw new DnsFormatError(e.code, `line ${line.line}: ${e.message}`, e.field);
      throw e;
    }
  }
  return out;
}
function formatRR(rr) {
  const rdata = formatRdata(rr);
  return `${rr.name} ${rr.ttl} ${rrClassToString(rr.class)} ${rrTypeToString(rr.type)}${rdata ? " " + rdata : ""}`;
}

// dist/dane/shared-validator.js
var MAX_SHARED_VALIDATORS = 8;
var shared = /* @__PURE__ */ new Map();
function keyOf(c) {
  const anchors = typeof c.trustAnchors === "string" || c.trustAnchors === void 0 ? c.trustAnchors : c.trustAnchors.map((a) => [a.zone.key(), formatRR(a.record), a.validFrom?.getTime(), a.validUntil?.getTime()]);
  return JSON.stringify([c.resolvers, anchors, c.timeoutMs, c.now?.getTime(), c.limits, c.cryptoPolicy]);
}
function sharedValidator(config, make) {
  const key2 = keyOf(config);
  const known = shared.get(key2);
  if (known) {
    shared.delete(key2);
    shared.set(key2, known);
    return known;
  }
  const v = make();
  if (shared.size >= MAX_SHARED_VALIDATORS)
    shared.delete(shared.keys().next().value);
  shared.set(key2, v);
  return v;
}
function clearSharedValidators() {
  shared.clear();
}

// dist/resolver/stub.js
import { performance as performance2 } from "node:perf_hooks";

// dist/dns/iana/rcodes.js
var Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
  DSOTYPENI: 11,
  /** RFC 6891: bad OPT version (shares 16 with TSIG's BADSIG). */
  BADVERS: 16,
  BADKEY: 17,
  BADTIME: 18,
  BADMODE: 19,
  BADNAME: 20,
  BADALG: 21,
  BADTRUNC: 22,
  BADCOOKIE: 23
};
var MAX_RCODE = 4095;
var BY_NUMBER2 = new Map(Object.entries(Rcode).map(([k, v]) => [v, k]));
function rcodeToString(rcode) {
  return BY_NUMBER2.get(rcode) ?? `RCODE${rcode}`;
}

// dist/dns/message.js
var HEADER_LENGTH = 12;
var MIN_QUESTION_LENGTH = 5;
var MIN_RECORD_LENGTH = 11;
var QR = 32768;
var AA = 1024;
var TC = 512;
var RD = 256;
var RA = 128;
var AD = 32;
var CD = 16;
var EDNS_DO = 32768;
function flagsOf(bits) {
  return {
    qr: (bits & QR) !== 0,
    aa: (bits & AA) !== 0,
    tc: (bits & TC) !== 0,
    rd: (bits & RD) !== 0,
    ra: (bits & RA) !== 0,
    ad: (bits & AD) !== 0,
    cd: (bits & CD) !== 0
  };
}
function decodeMessage(bytes, opts = {}) {
  const r = new WireReader(bytes.slice(), 0, bytes.length, "truncated", true);
  r.names = /* @__PURE__ */ new Map();
  r.need(HEADER_LENGTH, "header");
  const id = r.u16("header.id");
  const bits = r.u16("header.flags");
  const qd = r.u16("header.qdcount");
  const an = r.u16("header.ancount");
  const ns = r.u16("header.nscount");
  const ar = r.u16("header.arcount");
  if (qd * MIN_QUESTION_LENGTH + (an + ns + ar) * MIN_RECORD_LENGTH > r.remaining) {
    throw new DnsFormatError("truncated", `counts ${qd}/${an}/${ns}/${ar} need more than the ${r.remaining} octets left`, "header");
  }
  const questions = [];
  for (let i = 0; i < qd; i++) {
    const name = r.name("question.name", true);
    questions.push({ name, type: r.u16("question.type"), class: r.u16("question.class") });
  }
  const state = { extRcode: 0 };
  const answers = readSection(r, an, "answer", state, opts);
  const authorities = readSection(r, ns, "authority", state, opts);
  const additionals = readSection(r, ar, "additional", state, opts);
  if (r.remaining !== 0)
    throw new DnsFormatError("trailing-data", `${r.remaining} octet(s) after the last record`, "message");
  const msg = {
    id,
    opcode: bits >>> 11 & 15,
    flags: flagsOf(bits),
    rcode: state.extRcode << 4 | bits & 15,
    questions,
    answers,
    authorities,
    additionals
  };
  if (state.edns)
    msg.edns = state.edns;
  return msg;
}
function readSection(r, count, section, state, opts) {
  const out = [];
  const buf = r.buf;
  for (let i = 0; i < count; i++) {
    const name = r.name(`${section}.name`, true);
    const type = r.u16(`${section}.type`);
    const cls = r.u16(`${section}.class`);
    const ttl = r.u32(`${section}.ttl`);
    const rdlength = r.u16(`${section}.rdlength`);
    r.need(rdlength, `${section}.rdata`);
    const start = r.offset;
    r.offset += rdlength;
    let decoded;
    try {
      decoded = readRdata(buf, start, start + rdlength, type, r.names);
    } catch (e) {
      if (!(opts.scrub && type !== RRType.OPT && e instanceof DnsFormatError))
        throw e;
      opts.onScrubbed?.({ section, name, type, error: e });
      continue;
    }
    const { data, rdata } = decoded;
    if (type === RRType.OPT) {
      if (section !== "additional")
        throw new DnsFormatError("bad-field", `OPT record in the ${section} section`, "OPT");
      if (state.edns)
        throw new DnsFormatError("bad-field", "more than one OPT record", "OPT");
      if (!name.isRoot)
        throw new DnsFormatError("bad-field", `OPT owner ${name} is not the root`, "OPT");
      state.extRcode = ttl >>> 24;
      state.edns = {
        udpSize: cls,
        version: ttl >>> 16 & 255,
        dnssecOk: (ttl & EDNS_DO) !== 0,
        options: data.options
      };
      continue;
    }
    out.push({ name, type, class: cls, ttl, data, rdata });
  }
  return out;
}
function checkField(v, max, field) {
  if (!Number.isInteger(v) || v < 0 || v > max)
    throw new DnsFormatError("bad-field", `${v} is not in 0..${max}`, field);
  return v;
}
function encodeMessage(msg, opts = {}) {
  const compress = opts.compress === true;
  const w = new WireWriter(compress);
  checkField(msg.rcode, MAX_RCODE, "rcode");
  if (msg.rcode > 15 && !msg.edns)
    throw new DnsFormatError("bad-field", `RCODE ${msg.rcode} needs EDNS`, "rcode");
  const f = msg.flags;
  w.u16(checkField(msg.id, 65535, "id"));
  w.u16((f.qr ? QR : 0) | checkField(msg.opcode, 15, "opcode") << 11 | (f.aa ? AA : 0) | (f.tc ? TC : 0) | (f.rd ? RD : 0) | (f.ra ? RA : 0) | (f.ad ? AD : 0) | (f.cd ? CD : 0) | msg.rcode & 15);
  const arCount = msg.additionals.length + (msg.edns ? 1 : 0);
  for (const [n, field] of [[msg.questions.length, "qdcount"], [msg.answers.length, "ancount"], [msg.authorities.length, "nscount"], [arCount, "arcount"]]) {
    w.u16(checkField(n, 65535, field));
  }
  for (const q of msg.questions) {
    w.name(q.name, compress);
    w.u16(checkField(q.type, 65535, "question.type"));
    w.u16(checkField(q.class, 65535, "question.class"));
  }
  for (const rr of msg.answers)
    writeRecord(w, rr, compress);
  for (const rr of msg.authorities)
    writeRecord(w, rr, compress);
  for (const rr of msg.additionals) {
    if (rr.type === RRType.OPT)
      throw new DnsFormatError("bad-field", "OPT among additionals: set `edns` instead", "additionals");
    writeRecord(w, rr, compress);
  }
  if (msg.edns) {
    const e = msg.edns;
    w.u8(0);
    w.u16(RRType.OPT);
    w.u16(checkField(e.udpSize, 65535, "edns.udpSize"));
    w.u32(msg.rcode >>> 4 << 24 | checkField(e.version, 255, "edns.version") << 16 | (e.dnssecOk ? EDNS_DO : 0));
    const at = w.length;
    w.u16(0);
    for (const o of e.options) {
      w.u16(checkField(o.code, 65535, "edns.option.code"));
      w.u16(checkField(o.data.length, 65535, "edns.option.length"));
      w.bytes(o.data);
    }
    w.patchU16(at, checkField(w.length - at - 2, 65535, "OPT.rdlength"));
  }
  if (w.length > MAX_MESSAGE_LENGTH)
    throw new DnsFormatError("bad-field", `message of ${w.length} octets exceeds ${MAX_MESSAGE_LENGTH}`, "message");
  return w.finish();
}
function writeRecord(w, rr, compress) {
  w.name(rr.name, compress);
  w.u16(checkField(rr.type, 65535, "type"));
  w.u16(checkField(rr.class, 65535, "class"));
  w.u32(checkField(rr.ttl, 4294967295, "ttl"));
  const at = w.length;
  w.u16(0);
  writeRdata(w, rr, compress);
  w.patchU16(at, checkField(w.length - at - 2, 65535, "rdlength"));
}
var DEFAULT_EDNS_UDP_SIZE = 1232;
function createQuery(q) {
  const msg = {
    id: q.id,
    opcode: 0,
    flags: { qr: false, aa: false, tc: false, rd: q.rd ?? true, ra: false, ad: false, cd: q.cd ?? false },
    rcode: 0,
    questions: [{ name: q.name, type: q.type, class: q.class ?? 1 }],
    answers: [],
    authorities: [],
    additionals: []
  };
  if (q.edns !== false) {
    const e = q.edns ?? {};
    msg.edns = { udpSize: e.udpSize ?? DEFAULT_EDNS_UDP_SIZE, version: 0, dnssecOk: e.dnssecOk ?? true, options: e.options ?? [] };
  }
  return msg;
}

// dist/dns/record.js
function isType(rr, type) {
  return rr.type === type;
}

// dist/resolver/defaults.js
var DEFAULT_UDP_PAYLOAD_SIZE = 1232;
var MIN_UDP_PAYLOAD_SIZE = 512;
var MAX_UDP_PAYLOAD_SIZE = 65535;
var DEFAULT_TIMEOUT_MS = 2e3;
var DEFAULT_ATTEMPTS = 2;
var DEFAULT_DEADLINE_MS = 1e4;
var MAX_ATTEMPTS = 10;
var MAX_UPSTREAMS = 16;
var MAX_RESOLV_CONF_SERVERS = 3;
var MAX_RESOLV_CONF_BYTES = 64 * 1024;
var DEFAULT_CACHE_ENTRIES = 1e4;
var DEFAULT_CACHE_OCTETS = 32 * 1024 * 1024;
var MAX_CACHE_TTL_SECONDS = 86400;
var MAX_NEGATIVE_TTL_SECONDS = 10800;
var TCP_IDLE_TIMEOUT_MS = 2e3;
var MAX_TCP_PENDING = 64;
var MAX_TCP_MESSAGE_BYTES = 65535;
var MAX_ID_DRAWS = 16;

// dist/resolver/cache-ttl.js
var MAX_TTL = 2147483647;
function ttlOf(rr) {
  return rr.ttl > MAX_TTL ? 0 : rr.ttl;
}
function minTtl(records) {
  let m = Infinity;
  for (const rr of records)
    m = Math.min(m, ttlOf(rr));
  return m;
}
function cacheTtlSeconds(message) {
  if (message.flags.tc)
    return 0;
  if (message.rcode !== Rcode.NOERROR && message.rcode !== Rcode.NXDOMAIN)
    return 0;
  const negative = message.rcode === Rcode.NXDOMAIN || message.answers.length === 0;
  if (!negative) {
    const t2 = Math.min(minTtl(message.answers), minTtl(message.authorities));
    return Math.min(t2, MAX_CACHE_TTL_SECONDS);
  }
  const soa = message.authorities.find((rr) => isType(rr, RRType.SOA));
  if (soa === void 0 || !isType(soa, RRType.SOA))
    return 0;
  const t = Math.min(ttlOf(soa), soa.data.minimum, minTtl(message.authorities), minTtl(message.answers));
  return Math.min(t, MAX_NEGATIVE_TTL_SECONDS);
}
function ageMessage(message, ageSeconds) {
  const age = (rrs) => rrs.map((rr) => ({ ...rr, ttl: Math.max(0, ttlOf(rr) - Math.max(0, ageSeconds)) }));
  const copy = {
    ...message,
    flags: { ...message.flags },
    questions: message.questions.map((q) => ({ ...q })),
    answers: age(message.answers),
    authorities: age(message.authorities),
    additionals: age(message.additionals)
  };
  if (message.edns)
    copy.edns = { ...message.edns, options: message.edns.options.map((o) => ({ ...o })) };
  return copy;
}

// dist/resolver/cache.js
function questionKey(name, type, cls) {
  return `${name.key()} ${type} ${cls}`;
}
var TtlCache = class {
  maxEntries;
  maxOctets;
  entries = /* @__PURE__ */ new Map();
  octetsHeld = 0;
  /**
   * @param maxEntries entries held before the least recently used is evicted (0 disables the cache)
   * @param maxOctets octets (as {@link set} is told them) held before the least recently used is evicted
   * @throws RangeError when maxEntries is not a non-negative integer (caller misuse)
   */
  constructor(maxEntries, maxOctets = Number.POSITIVE_INFINITY) {
    this.maxEntries = maxEntries;
    this.maxOctets = maxOctets;
    if (!Number.isInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError(`expected cacheSize to be a non-negative integer, got ${maxEntries}`);
    }
  }
  /** Octets of the entries held, as {@link set} was told them. */
  get octets() {
    return this.octetsHeld;
  }
  /** Entries currently held (expired ones included until they are next looked at or evicted). */
  get size() {
    return this.entries.size;
  }
  /** The live value for `key` at time `now` (ms), refreshing its recency; expired entries are removed. */
  get(key2, now) {
    const e = this.entries.get(key2);
    if (e === void 0)
      return void 0;
    if (now >= e.expiresAt || now < e.storedAt) {
      this.remove(key2, e);
      return void 0;
    }
    this.entries.delete(key2);
    this.entries.set(key2, e);
    return { value: e.value, ageSeconds: Math.floor((now - e.storedAt) / 1e3) };
  }
  /** Stores `value` (of `octets` in memory) for `ttlSeconds` from `now`; a TTL of 0 or less, or a value larger than the whole bound, stores nothing. */
  set(key2, value, ttlSeconds, now, octets = 0) {
    if (this.maxEntries === 0 || !(ttlSeconds > 0) || octets > this.maxOctets)
      return;
    const old = this.entries.get(key2);
    if (old)
      this.remove(key2, old);
    while (this.entries.size >= this.maxEntries || this.octetsHeld + octets > this.maxOctets) {
      const oldest = this.entries.entries().next();
      if (oldest.done)
        break;
      this.remove(oldest.value[0], oldest.value[1]);
    }
    this.entries.set(key2, { value, octets, storedAt: now, expiresAt: now + ttlSeconds * 1e3 });
    this.octetsHeld += octets;
  }
  remove(key2, e) {
    this.entries.delete(key2);
    this.octetsHeld -= e.octets;
  }
  /** Lets the entry for `key` live at most `ttlSeconds` more from `now` (never longer than it already may). */
  cap(key2, ttlSeconds, now) {
    const e = this.entries.get(key2);
    if (e !== void 0)
      e.expiresAt = Math.min(e.expiresAt, now + Math.max(0, ttlSeconds) * 1e3);
  }
  /** Removes one entry. */
  delete(key2) {
    const e = this.entries.get(key2);
    if (e)
      this.remove(key2, e);
  }
  /** Removes everything. */
  clear() {
    this.entries.clear();
    this.octetsHeld = 0;
  }
};
var InFlight = class {
  flights = /* @__PURE__ */ new Map();
  /** True when work for `key` is running (a caller now would share it). */
  has(key2) {
    return this.flights.has(key2);
  }
  /** Keys with work running. */
  get size() {
    return this.flights.size;
  }
  /**
   * @param start the work, given a signal that fires when every waiter has aborted
   * @param aborted the value a waiter whose own signal fired gets instead of the shared result
   */
  run(key2, signal, start, aborted) {
    let flight = this.flights.get(key2);
    if (flight === void 0) {
      const controller = new AbortController();
      const promise = start(controller.signal).finally(() => {
        if (this.flights.get(key2) === flight)
          this.flights.delete(key2);
      });
      flight = { key: key2, promise, controller, waiters: 0 };
      this.flights.set(key2, flight);
    }
    const f = flight;
    f.waiters++;
    if (signal === void 0)
      return f.promise;
    if (signal.aborted)
      return Promise.resolve(this.leave(f, aborted));
    return new Promise((resolve, reject) => {
      const onAbort = () => resolve(this.leave(f, aborted));
      signal.addEventListener("abort", onAbort, { once: true });
      f.promise.then((v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      }, (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      });
    });
  }
  leave(f, aborted) {
    f.waiters--;
    if (f.waiters === 0) {
      if (this.flights.get(f.key) === f)
        this.flights.delete(f.key);
      f.controller.abort(new Error("every caller waiting for this query aborted"));
    }
    return aborted();
  }
};

// dist/resolver/dnssec-stripping.js
var UNSIGNED_QTYPES = /* @__PURE__ */ new Set([RRType.RRSIG, RRType.ANY, RRType.OPT]);
function hasType(section, type) {
  return section.some((rr) => rr.type === type);
}
function findDnssecStripping(query, response, requireSignatures) {
  if (query.edns === void 0)
    return void 0;
  if (response.edns === void 0)
    return "no OPT record in the answer to an EDNS0 query";
  if (query.edns.dnssecOk && !response.edns.dnssecOk)
    return "DO bit not echoed in the answer to a DNSSEC query";
  for (const [label, section] of [["answer", response.answers], ["authority", response.authorities]]) {
    if ((hasType(section, RRType.NSEC) || hasType(section, RRType.NSEC3)) && !hasType(section, RRType.RRSIG)) {
      return `NSEC/NSEC3 records without RRSIGs in the ${label} section`;
    }
  }
  const qtype = query.questions[0]?.type;
  if (requireSignatures && qtype !== void 0 && !UNSIGNED_QTYPES.has(qtype)) {
    if (response.answers.length > 0 && !hasType(response.answers, RRType.RRSIG))
      return "no RRSIG in the answer from a signed zone";
    if (response.answers.length === 0 && !hasType(response.authorities, RRType.RRSIG))
      return "no RRSIG in the denial from a signed zone";
  }
  return void 0;
}

// dist/resolver/query.js
import { randomInt } from "node:crypto";

// dist/dns/iana/opcodes.js
var Opcode = {
  QUERY: 0,
  IQUERY: 1,
  STATUS: 2,
  NOTIFY: 4,
  UPDATE: 5,
  DSO: 6
};
var BY_NUMBER3 = new Map(Object.entries(Opcode).map(([k, v]) => [v, k]));

// dist/resolver/query.js
var ERROR_RCODES_WITHOUT_QUESTION = /* @__PURE__ */ new Set([Rcode.FORMERR, Rcode.NOTIMP, Rcode.REFUSED]);
function randomQueryId() {
  return randomInt(0, 65536);
}
function buildQuery(question, opts) {
  return {
    id: opts.id,
    opcode: Opcode.QUERY,
    flags: { qr: false, aa: false, tc: false, rd: true, ra: false, ad: false, cd: true },
    rcode: 0,
    questions: [{ name: question.name, type: question.type, class: question.class }],
    answers: [],
    authorities: [],
    additionals: [],
    edns: { udpSize: opts.udpSize, version: 0, dnssecOk: true, options: [] }
  };
}
function matchResponse(query, bytes) {
  if (bytes.length < 2 || (bytes[0] << 8 | bytes[1]) !== query.id)
    return { drop: "wrong-id" };
  let msg;
  try {
    msg = decodeMessage(bytes, { scrub: true });
  } catch {
    return { drop: "malformed" };
  }
  if (!msg.flags.qr || msg.opcode !== query.opcode)
    return { drop: "not-a-response" };
  const q = query.questions[0];
  if (msg.questions.length === 0 && ERROR_RCODES_WITHOUT_QUESTION.has(msg.rcode))
    return { accept: msg };
  const r = msg.questions[0];
  if (msg.questions.length !== 1 || r === void 0 || r.type !== q.type || r.class !== q.class || !r.name.equals(q.name)) {
    return { drop: "wrong-question" };
  }
  return { accept: msg };
}

// dist/resolver/resolv-conf.js
import { readFile } from "node:fs/promises";

// dist/resolver/server-address.js
import { isIP } from "node:net";
var DNS_PORT = 53;
var DOT_PORT = 853;
function ipFamily(host) {
  const family = isIP(host);
  return family === 4 || family === 6 ? family : 0;
}
function parsePort(text, input) {
  if (!/^[0-9]{1,5}$/.test(text))
    throw new TypeError(`expected a port number 1-65535 in "${input}", got "${text}"`);
  const port = Number(text);
  if (port < 1 || port > 65535)
    throw new TypeError(`expected a port number 1-65535 in "${input}", got ${port}`);
  return port;
}
var TLS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
function formatServerAddress(host, port, tlsName) {
  const defaultPort = tlsName === void 0 ? DNS_PORT : DOT_PORT;
  const v6 = host.includes(":");
  const hostPort = port === defaultPort ? host : v6 ? `[${host}]:${port}` : `${host}:${port}`;
  return tlsName === void 0 ? hostPort : `tls://${hostPort}#${tlsName}`;
}
function parseServerAddress(text, defaultPort = DNS_PORT) {
  let input = text.trim();
  let tlsName;
  let port = defaultPort;
  if (input.toLowerCase().startsWith("tls://")) {
    const hash = input.lastIndexOf("#");
    if (hash < 0)
      throw new TypeError(`expected tls://address#name, with the name the certificate must carry, got "${text}"`);
    tlsName = input.slice(hash + 1);
    if (!TLS_NAME.test(tlsName))
      throw new TypeError(`expected a host name after # in "${text}", got "${tlsName}"`);
    input = input.slice("tls://".length, hash);
    port = DOT_PORT;
  }
  let host = input;
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(input);
  if (bracketed) {
    host = bracketed[1];
    if (bracketed[2] !== void 0)
      port = parsePort(bracketed[2], text);
    if (ipFamily(host) !== 6)
      throw new TypeError(`expected an IPv6 address inside brackets in "${text}"`);
  } else if (input.split(":").length - 1 === 1) {
    const at = input.indexOf(":");
    host = input.slice(0, at);
    port = parsePort(input.slice(at + 1), text);
    if (ipFamily(host) !== 4)
      throw new TypeError(`expected an IPv4 address before the port in "${text}"`);
  }
  const family = ipFamily(host);
  if (family === 0)
    throw new TypeError(`expected an IP address, optionally with :port (IPv6 as [addr]:port), got "${text}"`);
  const base = { host, port, family, text: formatServerAddress(host, port, tlsName) };
  return Object.freeze(tlsName === void 0 ? { ...base, protocol: "dns" } : { ...base, protocol: "tls", tlsName });
}

// dist/resolver/resolv-conf.js
var RESOLV_CONF_PATH = "/etc/resolv.conf";
var LOCAL_FALLBACK_SERVERS = Object.freeze(["127.0.0.1", "::1"]);
function parseResolvConf(text) {
  const servers = [];
  const ignored = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.replace(/[#;].*$/, "").trim();
    const fields = line.split(/\s+/);
    if (fields[0] !== "nameserver")
      continue;
    const value = fields[1];
    if (value === void 0) {
      ignored.push({ line: i + 1, text: raw, why: "nameserver without an address" });
      continue;
    }
    if (servers.length >= MAX_RESOLV_CONF_SERVERS) {
      ignored.push({ line: i + 1, text: raw, why: `only the first ${MAX_RESOLV_CONF_SERVERS} nameservers are used` });
      continue;
    }
    try {
      servers.push(parseServerAddress(value));
    } catch (e) {
      ignored.push({ line: i + 1, text: raw, why: e.message });
    }
  }
  return { servers, ignored };
}
async function readSystemResolvers(path = RESOLV_CONF_PATH) {
  let text = "";
  try {
    const bytes = await readFile(path);
    text = bytes.subarray(0, MAX_RESOLV_CONF_BYTES).toString("latin1");
  } catch {
  }
  const { servers } = parseResolvConf(text);
  return servers.length > 0 ? [...servers] : LOCAL_FALLBACK_SERVERS.map((s) => parseServerAddress(s));
}

// dist/resolver/result.js
var FAILURE_PRECEDENCE = Object.freeze([
  "aborted",
  "dnssec-stripped",
  "servfail",
  "refused",
  "formerr",
  "notimp",
  "rcode",
  "not-recursive",
  "truncated",
  "malformed",
  "network",
  "timeout"
]);

// dist/resolver/transport-tcp.js
import { connect } from "node:net";

// dist/resolver/transport.js
function noDrops() {
  return { "wrong-source": 0, "wrong-id": 0, "wrong-question": 0, malformed: 0, "not-a-response": 0 };
}
function addDrops(a, b) {
  for (const k of Object.keys(b))
    a[k] += b[k];
}
function totalDrops(d) {
  let n = 0;
  for (const k of Object.keys(d))
    n += d[k];
  return n;
}
function describeDrops(d) {
  return Object.keys(d).filter((k) => d[k] > 0).map((k) => `${d[k]} ${k}`).join(", ");
}
function abortReason(signal) {
  const r = signal.reason;
  if (r instanceof Error)
    return r.message;
  return typeof r === "string" ? r : "aborted by the caller";
}

// dist/resolver/transport-tcp.js
var MIN_TLS_VERSION = "TLSv1.2";
var DOT_ALPN = "dot";
var TcpConnection = class _TcpConnection {
  server;
  /** Frames that matched no outstanding query (unknown or already answered ID), or were too short to hold an ID. */
  unmatched = noDrops();
  socket;
  pending = /* @__PURE__ */ new Map();
  buffer = Buffer.alloc(0);
  idleTimer;
  isClosed = false;
  closeReason = "connection closed";
  onUnmatched;
  /** `TCP` or `TLS`, for reasons. */
  what;
  constructor(server, socket, onUnmatched) {
    this.server = server;
    this.onUnmatched = onUnmatched;
    this.socket = socket;
    this.what = server.protocol === "tls" ? "TLS" : "TCP";
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", (e) => this.teardown(`${this.what} to ${server.text}: ${e.message}`));
    socket.on("end", () => this.teardown(`${this.what} connection closed by ${server.text}`));
    socket.on("close", () => this.teardown(`${this.what} connection to ${server.text} closed`));
    this.armIdle();
  }
  /**
   * Opens a connection within `timeoutMs`, over TLS when `opts.tls` is given (the handshake,
   * certificate and name checks included in the time). Never throws: failures are outcomes.
   * @param opts.onUnmatched told of each frame that matches no outstanding query
   */
  static open(server, opts) {
    const { timeoutMs, signal, tls } = opts;
    if (signal?.aborted)
      return Promise.resolve({ ok: false, code: "aborted", reason: abortReason(signal) });
    const what = tls ? "TLS" : "TCP";
    return new Promise((resolve) => {
      let settled = false;
      const socket = tls ? tlsConnect({
        host: server.host,
        port: server.port,
        // Node checks the certificate against `servername` (RFC 6125) and rejects on any failure.
        servername: tls.servername.replace(/\.$/, ""),
        ...tls.ca !== void 0 ? { ca: typeof tls.ca === "string" ? tls.ca : [...tls.ca] } : {},
        rejectUnauthorized: true,
        minVersion: MIN_TLS_VERSION,
        ALPNProtocols: [DOT_ALPN]
      }) : connect({ host: server.host, port: server.port, family: server.family });
      const settle = (outcome) => {
        if (settled)
          return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        socket.removeListener("error", onError);
        socket.removeListener("connect", onConnect);
        socket.removeListener("secureConnect", onConnect);
        if (!outcome.ok) {
          socket.on("error", () => {
          });
          socket.destroy();
        }
        resolve(outcome);
      };
      const onAbort = () => settle({ ok: false, code: "aborted", reason: abortReason(signal) });
      const onError = (e) => settle({ ok: false, code: "network", reason: `${what} connect to ${server.text}: ${e.message}` });
      const onConnect = () => settle({ ok: true, connection: new _TcpConnection(server, socket, opts.onUnmatched) });
      const timer = setTimeout(() => settle({ ok: false, code: "timeout", reason: `${what} connect to ${server.text} took over ${timeoutMs} ms` }), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      socket.once("error", onError);
      socket.once(tls ? "secureConnect" : "connect", onConnect);
    });
  }
  /** True once the connection can carry no more queries. */
  get closed() {
    return this.isClosed;
  }
  /** Queries sent and not yet answered, timed out or aborted. */
  get pendingCount() {
    return this.pending.size;
  }
  /** True when a query with this ID is outstanding (IDs must be unique per connection, RFC 7766 §7). */
  hasPending(id) {
    return this.pending.has(id);
  }
  /** True when another query may be sent now. */
  get hasRoom() {
    return !this.isClosed && this.pending.size < MAX_TCP_PENDING;
  }
  /**
   * Sends one query and waits for the frame with its ID that `accept` accepts; other frames with
   * that ID are dropped and counted on this exchange. Never throws.
   * @throws RangeError when the query is shorter than a header or longer than a TCP frame (caller misuse)
   */
  exchange(opts) {
    const { query, accept, timeoutMs, signal } = opts;
    if (query.length < 12 || query.length > MAX_TCP_MESSAGE_BYTES) {
      throw new RangeError(`expected a DNS message of 12..${MAX_TCP_MESSAGE_BYTES} octets, got length=${query.length}`);
    }
    const id = query[0] << 8 | query[1];
    const dropped = noDrops();
    if (signal?.aborted)
      return Promise.resolve({ ok: false, code: "aborted", reason: abortReason(signal), dropped });
    if (this.isClosed)
      return Promise.resolve({ ok: false, code: "network", reason: this.closeReason, dropped });
    if (this.pending.has(id))
      throw new RangeError(`query ID ${id} is already outstanding on this connection`);
    if (this.pending.size >= MAX_TCP_PENDING) {
      return Promise.resolve({ ok: false, code: "network", reason: `${MAX_TCP_PENDING} queries already outstanding on one ${this.what} connection`, dropped });
    }
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome) => {
        if (done)
          return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.pending.delete(id);
        if (this.pending.size === 0)
          this.armIdle();
        resolve(outcome);
      };
      const onAbort = () => finish({ ok: false, code: "aborted", reason: abortReason(signal), dropped });
      const timer = setTimeout(() => finish({ ok: false, code: "timeout", reason: `no answer over ${this.what} within ${timeoutMs} ms`, dropped }), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, { accept, dropped, finish });
      this.disarmIdle();
      const frame = Buffer.allocUnsafe(2 + query.length);
      frame.writeUInt16BE(query.length, 0);
      frame.set(query, 2);
      this.socket.write(frame);
    });
  }
  /** Closes the connection; queries still waiting fail with a `network` outcome. Idempotent. */
  close() {
    this.teardown("connection closed by the resolver");
  }
  onData(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (!this.isClosed && this.buffer.length >= 2) {
      const len = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + len)
        break;
      const frame = new Uint8Array(this.buffer.subarray(2, 2 + len));
      this.buffer = this.buffer.subarray(2 + len);
      this.onFrame(frame);
    }
  }
  onFrame(frame) {
    const p = frame.length < 2 ? void 0 : this.pending.get(frame[0] << 8 | frame[1]);
    if (p === void 0) {
      const reason = frame.length < 2 ? "malformed" : "wrong-id";
      this.unmatched[reason]++;
      this.onUnmatched?.(reason);
      return;
    }
    const verdict = p.accept(frame);
    if ("drop" in verdict) {
      p.dropped[verdict.drop]++;
      return;
    }
    p.finish({ ok: true, value: verdict.accept, dropped: p.dropped });
  }
  armIdle() {
    this.disarmIdle();
    if (this.isClosed)
      return;
    this.idleTimer = setTimeout(() => this.teardown(`idle ${this.what} connection closed`), TCP_IDLE_TIMEOUT_MS);
    this.idleTimer.unref();
    this.socket.unref();
  }
  disarmIdle() {
    if (this.idleTimer !== void 0)
      clearTimeout(this.idleTimer);
    this.idleTimer = void 0;
    if (!this.isClosed)
      this.socket.ref();
  }
  teardown(reason) {
    if (this.isClosed)
      return;
    this.isClosed = true;
    this.closeReason = reason;
    this.disarmIdle();
    this.socket.removeAllListeners("data");
    this.socket.on("error", () => {
    });
    this.socket.destroy();
    for (const p of [...this.pending.values()]) {
      p.finish({ ok: false, code: "network", reason, dropped: p.dropped });
    }
  }
};

// dist/resolver/transport-udp.js
import { createSocket } from "node:dgram";
import { SocketAddress } from "node:net";
function normalise(address, family) {
  try {
    return new SocketAddress({ address, family: family === 6 ? "ipv6" : "ipv4" }).address.toLowerCase();
  } catch {
    return address.toLowerCase();
  }
}
function udpExchange(opts) {
  const { server, query, accept, timeoutMs, signal } = opts;
  const dropped = noDrops();
  if (signal?.aborted)
    return Promise.resolve({ ok: false, code: "aborted", reason: abortReason(signal), dropped });
  const expectedHost = normalise(server.host, server.family);
  return new Promise((resolve) => {
    let socket;
    let timer;
    let done = false;
    const finish = (outcome) => {
      if (done)
        return;
      done = true;
      if (timer !== void 0)
        clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (socket !== void 0) {
        socket.removeAllListeners("message");
        socket.on("error", () => {
        });
        try {
          socket.close();
        } catch {
        }
      }
      resolve(outcome);
    };
    const onAbort = () => finish({ ok: false, code: "aborted", reason: abortReason(signal), dropped });
    signal?.addEventListener("abort", onAbort, { once: true });
    timer = setTimeout(() => finish({ ok: false, code: "timeout", reason: `no answer over UDP within ${timeoutMs} ms`, dropped }), timeoutMs);
    try {
      socket = createSocket({ type: server.family === 6 ? "udp6" : "udp4" });
    } catch (e) {
      finish({ ok: false, code: "network", reason: `cannot open a UDP socket: ${e.message}`, dropped });
      return;
    }
    socket.on("error", (e) => {
      const refused = e.code === "ECONNREFUSED";
      finish({ ok: false, code: "network", reason: refused ? `${server.text} refused the query (port unreachable)` : `UDP: ${e.message}`, dropped });
    });
    socket.on("message", (msg, rinfo) => {
      if (done)
        return;
      if (rinfo.port !== server.port || normalise(rinfo.address, server.family) !== expectedHost) {
        dropped["wrong-source"]++;
        return;
      }
      const verdict = accept(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
      if ("drop" in verdict) {
        dropped[verdict.drop]++;
        return;
      }
      finish({ ok: true, value: verdict.accept, dropped });
    });
    const s = socket;
    s.connect(server.port, server.host, () => {
      if (done)
        return;
      s.send(query, (err) => {
        if (err)
          finish({ ok: false, code: "network", reason: `UDP send to ${server.text}: ${err.message}`, dropped });
      });
    });
  });
}

// dist/dns/detach.js
var RECORD_OVERHEAD = 450;
var LABEL_OVERHEAD = 128;
function detachName(name) {
  if (name.isRoot)
    return Name.ROOT;
  const buf = new Uint8Array(name.wireLength);
  const labels = [];
  let at = 0;
  for (const l of name.labels) {
    buf.set(l, at);
    labels.push(buf.subarray(at, at + l.length));
    at += l.length;
  }
  return new Name(labels);
}
function detachNameOnce(name, names) {
  const text = name.toString();
  let copy = names.get(text);
  if (!copy)
    names.set(text, copy = detachName(name));
  return copy;
}
function detachRecord(rr, names = /* @__PURE__ */ new Map()) {
  return recordFromRdata(detachNameOnce(rr.name, names), rr.type, rr.class, rr.ttl, rr.rdata);
}
function detachRecords(records, names = /* @__PURE__ */ new Map()) {
  return records.map((rr) => detachRecord(rr, names));
}
function detachedOrSame(records) {
  try {
    return detachRecords(records);
  } catch {
    return records;
  }
}
function retainedOctets(records, buffers = /* @__PURE__ */ new Set()) {
  let n = 0;
  for (const rr of records) {
    n += RECORD_OVERHEAD;
    if (!buffers.has(rr.name.labels[0]?.buffer ?? rr.rdata.buffer))
      n += rr.name.labels.length * LABEL_OVERHEAD;
    for (const b of [rr.rdata.buffer, ...rr.name.labels.map((l) => l.buffer)]) {
      if (!buffers.has(b)) {
        buffers.add(b);
        n += b.byteLength;
      }
    }
  }
  return n;
}

// dist/resolver/stub.js
var MAX_TCP_RECONNECTS = 1;
var MAX_TIME_OPTION_MS = 864e5;
var RCODE_FAILURES = /* @__PURE__ */ new Map([
  [Rcode.FORMERR, "formerr"],
  [Rcode.SERVFAIL, "servfail"],
  [Rcode.NOTIMP, "notimp"],
  [Rcode.REFUSED, "refused"]
]);
function checkInt(value, fallback, min, max, what) {
  if (value === void 0)
    return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw outOfRange(`expected ${what} to be an integer in ${min}..${max}, got ${value}`);
  }
  return value;
}
function messageOctets(m) {
  const buffers = /* @__PURE__ */ new Set();
  return 512 + retainedOctets(m.answers, buffers) + retainedOctets(m.authorities, buffers) + retainedOctets(m.additionals, buffers);
}
function questionText(q) {
  const cls = q.class === RRClass.IN ? "" : ` CLASS${q.class}`;
  return `${q.name.toString()}${cls} ${rrTypeToString(q.type)}`;
}
var StubResolver = class {
  configuredServers;
  resolvConfPath;
  systemServers;
  timeoutMs;
  attempts;
  deadlineMs;
  udpSize;
  now;
  tlsCa;
  cache;
  inFlight = new InFlight();
  /** The connection new TCP queries to an upstream go to, by upstream. */
  tcp = /* @__PURE__ */ new Map();
  /** Connections being opened, by upstream, so that concurrent queries share one. */
  tcpOpening = /* @__PURE__ */ new Map();
  /** Every connection not yet known to be closed, for {@link close}. */
  tcpAll = /* @__PURE__ */ new Set();
  counters = { udpQueries: 0, tcpQueries: 0, cacheHits: 0, deduplicated: 0, dropped: noDrops() };
  /**
   * @throws TypeError or RangeError for an unusable option (a server that is not an IP address,
   *   a negative timeout ...): caller misuse, with the option named
   */
  constructor(opts = {}) {
    if (opts.servers !== void 0) {
      if (opts.servers.length === 0)
        throw outOfRange("expected at least one server, got an empty list");
      if (opts.servers.length > MAX_UPSTREAMS)
        throw outOfRange(`expected at most ${MAX_UPSTREAMS} servers, got ${opts.servers.length}`);
      this.configuredServers = Object.freeze(opts.servers.map((s) => parseServerAddress(s)));
    }
    this.resolvConfPath = opts.resolvConfPath ?? RESOLV_CONF_PATH;
    this.timeoutMs = checkInt(opts.timeoutMs, DEFAULT_TIMEOUT_MS, 1, MAX_TIME_OPTION_MS, "timeoutMs");
    this.attempts = checkInt(opts.attempts, DEFAULT_ATTEMPTS, 1, MAX_ATTEMPTS, "attempts");
    this.deadlineMs = checkInt(opts.deadlineMs, DEFAULT_DEADLINE_MS, 1, MAX_TIME_OPTION_MS, "deadlineMs");
    this.udpSize = checkInt(opts.udpSize, DEFAULT_UDP_PAYLOAD_SIZE, MIN_UDP_PAYLOAD_SIZE, MAX_UDP_PAYLOAD_SIZE, "udpSize");
    this.cache = new TtlCache(checkInt(opts.cacheSize, DEFAULT_CACHE_ENTRIES, 0, Number.MAX_SAFE_INTEGER, "cacheSize"), checkInt(opts.cacheOctets, DEFAULT_CACHE_OCTETS, 0, Number.MAX_SAFE_INTEGER, "cacheOctets"));
    this.now = opts.now ?? Date.now;
    this.tlsCa = opts.tlsCa;
  }
  /** The upstreams in the order they are tried. */
  servers() {
    if (this.configuredServers !== void 0)
      return Promise.resolve(this.configuredServers);
    this.systemServers ??= readSystemResolvers(this.resolvConfPath).then((s) => Object.freeze(s.slice(0, MAX_UPSTREAMS)));
    return this.systemServers;
  }
  /** A snapshot of the counters. */
  get stats() {
    return { ...this.counters, dropped: { ...this.counters.dropped } };
  }
  /**
   * Asks the upstreams for `name`/`type`. Never rejects for anything the network does.
   * @throws TypeError when `name` is not a {@link Name} or `type`/`class` is not a 16-bit number (caller misuse)
   */
  query(name, type, opts = {}) {
    if (!(name instanceof Name))
      throw new TypeError("expected name to be a Name");
    const cls = opts.class ?? RRClass.IN;
    for (const [v, what] of [[type, "type"], [cls, "class"]]) {
      if (!Number.isInteger(v) || v < 0 || v > 65535)
        throw new TypeError(`expected ${what} to be an integer in 0..65535, got ${v}`);
    }
    const question = { name, type, class: cls };
    const requireSignatures = opts.requireSignatures === true;
    const signal = opts.signal;
    if (signal?.aborted)
      return Promise.resolve(this.aborted(abortReason(signal)));
    const key2 = questionKey(name, type, cls);
    const hit = opts.fresh === true ? void 0 : this.cache.get(key2, this.now());
    if (hit !== void 0) {
      const probe = buildQuery(question, { id: 0, udpSize: this.udpSize });
      if (findDnssecStripping(probe, hit.value.message, requireSignatures) === void 0) {
        this.counters.cacheHits++;
        const { message, server, transport } = hit.value;
        return Promise.resolve({ ok: true, message: ageMessage(message, hit.ageSeconds), server, transport, fromCache: true, attempts: [] });
      }
    }
    const flightKey = requireSignatures ? `${key2} +sigs` : key2;
    if (this.inFlight.has(flightKey))
      this.counters.deduplicated++;
    return this.inFlight.run(flightKey, signal, (shared2) => this.resolve(question, key2, requireSignatures, shared2), () => this.aborted(signal ? abortReason(signal) : "aborted"));
  }
  /** {@inheritDoc Resolver.capCacheLifetime} (class IN). */
  capCacheLifetime(name, type, seconds) {
    this.cache.cap(questionKey(name, type, RRClass.IN), seconds, this.now());
  }
  /** Closes open TCP connections and empties the cache. Queries in flight end with `network`. */
  close() {
    for (const c of this.tcpAll)
      c.close();
    this.tcpAll.clear();
    this.tcp.clear();
    this.cache.clear();
  }
  aborted(reason) {
    return { ok: false, code: "aborted", reason: `query aborted: ${reason}`, attempts: [] };
  }
  async resolve(question, key2, requireSignatures, signal) {
    const deadlineAt = performance2.now() + this.deadlineMs;
    const servers = await this.servers();
    const attempts = [];
    for (let round = 0; round < this.attempts; round++) {
      for (const server of servers) {
        if (signal.aborted)
          return this.failure(question, attempts, "aborted", abortReason(signal));
        const remaining = Math.floor(deadlineAt - performance2.now());
        if (remaining <= 0)
          return this.failure(question, attempts, void 0, `deadline of ${this.deadlineMs} ms reached`);
        const answer = await this.tryServer(server, question, requireSignatures, deadlineAt, signal, attempts);
        if (answer !== void 0) {
          const stored = { message: ageMessage(answer.message, 0), server: answer.server, transport: answer.transport };
          this.cache.set(key2, stored, cacheTtlSeconds(answer.message), this.now(), messageOctets(stored.message));
          return answer;
        }
      }
    }
    if (signal.aborted)
      return this.failure(question, attempts, "aborted", abortReason(signal));
    return this.failure(question, attempts);
  }
  failure(question, attempts, code, why) {
    const codes = new Set(attempts.map((a) => a.code));
    const chosen = code ?? FAILURE_PRECEDENCE.find((c) => codes.has(c)) ?? "timeout";
    const tries = attempts.map((a) => `${a.server} over ${a.transport.toUpperCase()}: ${a.reason}`).join("; ");
    const head = `no usable answer for ${questionText(question)}`;
    const reason = [head + (why ? ` (${why})` : ""), tries].filter((s) => s !== "").join(": ");
    return { ok: false, code: chosen, reason, attempts };
  }
  remaining(deadlineAt) {
    return Math.max(1, Math.min(this.timeoutMs, Math.floor(deadlineAt - performance2.now())));
  }
  /** One upstream: UDP, then TCP when the UDP answer is truncated. Records its tries in `attempts`. */
  async tryServer(server, question, requireSignatures, deadlineAt, signal, attempts) {
    if (server.protocol === "tls") {
      const dot = await this.tcpExchange(server, question, deadlineAt, signal);
      return this.judgeStream(server, "tls", dot, requireSignatures, attempts);
    }
    const query = buildQuery(question, { id: randomQueryId(), udpSize: this.udpSize });
    this.counters.udpQueries++;
    const udp = await udpExchange({
      server,
      query: encodeMessage(query),
      accept: (b) => matchResponse(query, b),
      timeoutMs: this.remaining(deadlineAt),
      signal
    });
    addDrops(this.counters.dropped, udp.dropped);
    if (!udp.ok) {
      attempts.push(failedExchange(server, "udp", udp));
      return void 0;
    }
    if (!udp.value.flags.tc)
      return this.judge(server, "udp", query, udp.value, udp.dropped, requireSignatures, attempts);
    attempts.push({ server: server.text, transport: "udp", code: "retry-tcp", reason: "answer truncated (TC=1), asked again over TCP", dropped: udp.dropped });
    if (deadlineAt - performance2.now() <= 0) {
      attempts.push({ server: server.text, transport: "tcp", code: "timeout", reason: `deadline of ${this.deadlineMs} ms reached before the TCP retry`, dropped: noDrops() });
      return void 0;
    }
    const tcp = await this.tcpExchange(server, question, deadlineAt, signal);
    return this.judgeStream(server, "tcp", tcp, requireSignatures, attempts);
  }
  /** Judges the outcome of a query over a stream (TCP or TLS), where TC=1 means nothing can be done. */
  judgeStream(server, transport, sent, requireSignatures, attempts) {
    if (!sent.outcome.ok) {
      attempts.push(failedExchange(server, transport, sent.outcome));
      return void 0;
    }
    const message = sent.outcome.value;
    if (message.flags.tc) {
      const reason = `answer truncated (TC=1) even over ${transport.toUpperCase()}`;
      attempts.push({ server: server.text, transport, code: "truncated", reason, dropped: sent.outcome.dropped });
      return void 0;
    }
    return this.judge(server, transport, sent.query, message, sent.outcome.dropped, requireSignatures, attempts);
  }
  /** Whether an accepted message is an answer we can use: RCODE, then DNSSEC stripping. */
  judge(server, transport, query, message, dropped, requireSignatures, attempts) {
    const base = { server: server.text, transport, dropped };
    if (message.rcode !== Rcode.NOERROR && message.rcode !== Rcode.NXDOMAIN) {
      attempts.push({ ...base, code: RCODE_FAILURES.get(message.rcode) ?? "rcode", reason: rcodeToString(message.rcode) });
      return void 0;
    }
    if (isReferral(message)) {
      attempts.push({ ...base, code: "not-recursive", reason: `the resolver at ${server.text} answered with a referral: not a recursive resolver` });
      return void 0;
    }
    const stripped = findDnssecStripping(query, message, requireSignatures);
    if (stripped !== void 0) {
      attempts.push({ ...base, code: "dnssec-stripped", reason: `the resolver at ${server.text} strips DNSSEC records: ${stripped}` });
      return void 0;
    }
    attempts.push({ ...base, code: "ok", reason: rcodeToString(message.rcode) });
    return { ok: true, message, server: server.text, transport, fromCache: false, attempts: [...attempts] };
  }
  /**
   * The upstream's open connection when it has room (`reused`), else a new one; a connection
   * being opened by a concurrent query is shared.
   */
  async tcpConnection(server, deadlineAt, signal) {
    const current = this.tcp.get(server.text);
    if (current?.hasRoom)
      return { ok: true, connection: current, reused: true };
    const opening = this.tcpOpening.get(server.text);
    if (opening !== void 0) {
      const o2 = await opening;
      if (o2.ok && o2.connection.hasRoom)
        return { ok: true, connection: o2.connection, reused: false };
    }
    const tls = server.protocol === "tls" ? { servername: server.tlsName ?? "", ca: this.tlsCa } : void 0;
    const p = TcpConnection.open(server, { timeoutMs: this.remaining(deadlineAt), signal, onUnmatched: (r) => this.counters.dropped[r]++, tls });
    this.tcpOpening.set(server.text, p);
    const o = await p;
    if (this.tcpOpening.get(server.text) === p)
      this.tcpOpening.delete(server.text);
    if (!o.ok)
      return o;
    for (const c of this.tcpAll)
      if (c.closed)
        this.tcpAll.delete(c);
    this.tcpAll.add(o.connection);
    this.tcp.set(server.text, o.connection);
    return { ok: true, connection: o.connection, reused: false };
  }
  /** One query over TCP, on the upstream's open connection when it has room, else on a new one. */
  async tcpExchange(server, question, deadlineAt, signal) {
    let query = buildQuery(question, { id: randomQueryId(), udpSize: this.udpSize });
    for (let reconnects = 0; ; reconnects++) {
      const got = await this.tcpConnection(server, deadlineAt, signal);
      if (!got.ok)
        return { outcome: { ok: false, code: got.code, reason: got.reason, dropped: noDrops() }, query };
      const { connection: conn, reused } = got;
      let draws = 0;
      while (conn.hasPending(query.id)) {
        if (++draws > MAX_ID_DRAWS) {
          return { outcome: { ok: false, code: "network", reason: `no free query ID on the TCP connection after ${MAX_ID_DRAWS} draws`, dropped: noDrops() }, query };
        }
        query = buildQuery(question, { id: randomQueryId(), udpSize: this.udpSize });
      }
      const q = query;
      this.counters.tcpQueries++;
      const outcome = await conn.exchange({ query: encodeMessage(q), accept: (b) => matchResponse(q, b), timeoutMs: this.remaining(deadlineAt), signal });
      addDrops(this.counters.dropped, outcome.dropped);
      if (!outcome.ok && outcome.code === "network" && reused && reconnects < MAX_TCP_RECONNECTS)
        continue;
      return { outcome, query: q };
    }
  }
};
function isReferral(m) {
  return m.rcode === Rcode.NOERROR && m.answers.length === 0 && m.authorities.some((rr) => rr.type === RRType.NS) && !m.authorities.some((rr) => rr.type === RRType.SOA);
}
function failedExchange(server, transport, out) {
  const code = out.code === "timeout" && out.dropped.malformed > 0 ? "malformed" : out.code;
  const drops = totalDrops(out.dropped) > 0 ? ` (dropped ${describeDrops(out.dropped)})` : "";
  return { server: server.text, transport, code, reason: out.reason + drops, dropped: out.dropped };
}

// dist/dns/iana/ds-digest-types.js
var DsDigestType = {
  SHA1: 1,
  SHA256: 2,
  GOST: 3,
  SHA384: 4,
  GOST12: 5,
  SM3: 6
};
var NAMES = new Map(Object.entries(DsDigestType).map(([k, v]) => [v, k]));
var DS_DIGEST_LENGTH = /* @__PURE__ */ new Map([
  [DsDigestType.SHA1, 20],
  [DsDigestType.SHA256, 32],
  [DsDigestType.GOST, 32],
  [DsDigestType.SHA384, 48],
  [DsDigestType.GOST12, 32],
  [DsDigestType.SM3, 32]
]);

// dist/dnssec/root-anchors.js
var IANA_ROOT_ANCHORS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<TrustAnchor id="0C05FDD6-422C-4910-8ED6-430ED15E11C2" source="http://data.iana.org/root-anchors/root-anchors.xml">
    <Zone>.</Zone>
    <KeyDigest id="Kjqmt7v" validFrom="2010-07-15T00:00:00+00:00" validUntil="2019-01-11T00:00:00+00:00">
        <KeyTag>19036</KeyTag>
        <Algorithm>8</Algorithm>
        <DigestType>2</DigestType>
        <Digest>49AAC11D7B6F6446702E54A1607371607A1A41855200FD2CE1CDDE32F24E8FB5</Digest>
    </KeyDigest>
    <KeyDigest id="Klajeyz" validFrom="2017-02-02T00:00:00+00:00">
        <KeyTag>20326</KeyTag>
        <Algorithm>8</Algorithm>
        <DigestType>2</DigestType>
        <Digest>E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D</Digest>
        <PublicKey>AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=</PublicKey>
        <Flags>257</Flags>
    </KeyDigest>
    <KeyDigest id="Kmyv6jo" validFrom="2024-07-18T00:00:00+00:00">
        <KeyTag>38696</KeyTag>
        <Algorithm>8</Algorithm>
        <DigestType>2</DigestType>
        <Digest>683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16</Digest>
        <PublicKey>AwEAAa96jeuknZlaeSrvyAJj6ZHv28hhOKkx3rLGXVaC6rXTsDc449/cidltpkyGwCJNnOAlFNKF2jBosZBU5eeHspaQWOmOElZsjICMQMC3aeHbGiShvZsx4wMYSjH8e7Vrhbu6irwCzVBApESjbUdpWWmEnhathWu1jo+siFUiRAAxm9qyJNg/wOZqqzL/dL/q8PkcRU5oUKEpUge71M3ej2/7CPqpdVwuMoTvoB+ZOT4YeGyxMvHmbrxlFzGOHOijtzN+u1TQNatX2XBuzZNQ1K+s2CXkPIZo7s6JgZyvaBevYtxPvYLw4z9mR7K2vaF18UYH9Z9GNUUeayffKC73PYc=</PublicKey>
        <Flags>257</Flags>
    </KeyDigest>
</TrustAnchor>
`;

// dist/dnssec/anchors.js
var TrustAnchorError = class extends Error {
  name = "TrustAnchorError";
};
var MAX_TRUST_ANCHORS = 256;
function elements(xml, tag) {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  const out = [];
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at)) {
    const after = xml[at + open.length];
    if (after !== ">" && after !== " " && after !== "	" && after !== "\n" && after !== "\r") {
      at += open.length;
      continue;
    }
    const tagEnd = xml.indexOf(">", at);
    if (tagEnd < 0)
      throw new TrustAnchorError(`root-anchors.xml: <${tag}> start tag without its ">"`);
    const end = xml.indexOf(close, tagEnd);
    if (end < 0)
      throw new TrustAnchorError(`root-anchors.xml: <${tag}> without </${tag}>`);
    const body = xml.slice(tagEnd + 1, end);
    if (body.includes(open))
      throw new TrustAnchorError(`root-anchors.xml: <${tag}> inside <${tag}>`);
    out.push({ attrs: xml.slice(at + open.length, tagEnd), body });
    at = end + close.length;
  }
  return out;
}
function element(body, tag, required) {
  const first = elements(body, tag)[0];
  if (first === void 0) {
    if (required)
      throw new TrustAnchorError(`root-anchors.xml: KeyDigest without <${tag}>`);
    return void 0;
  }
  if (first.body.includes("<"))
    throw new TrustAnchorError(`root-anchors.xml: markup inside <${tag}>`);
  return first.body.trim();
}
function attribute(attrs, name) {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
}
function xmlDate(text, what) {
  if (text === void 0)
    return void 0;
  const d = new Date(text);
  if (Number.isNaN(d.getTime()))
    throw new TrustAnchorError(`root-anchors.xml: bad ${what} "${text}"`);
  return d;
}
function uint(text, max, what) {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > max)
    throw new TrustAnchorError(`root-anchors.xml: bad ${what} "${text}"`);
  return Number(text);
}
function parseTrustAnchorXml(xml) {
  if (!/<TrustAnchor\b/.test(xml))
    throw new TrustAnchorError("root-anchors.xml: no <TrustAnchor> element");
  const zoneText = element(xml, "Zone", false);
  if (zoneText === void 0)
    throw new TrustAnchorError("root-anchors.xml: no <Zone> element");
  let zone;
  try {
    zone = Name.parse(zoneText);
  } catch (e) {
    throw new TrustAnchorError(`root-anchors.xml: bad <Zone> "${zoneText}": ${e.message}`);
  }
  const out = [];
  for (const { attrs, body } of elements(xml, "KeyDigest")) {
    if (out.length >= MAX_TRUST_ANCHORS)
      throw new TrustAnchorError(`more than ${MAX_TRUST_ANCHORS} trust anchors`);
    const digestHex = element(body, "Digest", true).replace(/\s+/g, "");
    if (!/^([0-9a-fA-F]{2})+$/.test(digestHex))
      throw new TrustAnchorError(`root-anchors.xml: bad <Digest> "${digestHex}"`);
    const record = createRR({
      name: zone,
      type: RRType.DS,
      ttl: 0,
      data: {
        keyTag: uint(element(body, "KeyTag", true), 65535, "KeyTag"),
        algorithm: uint(element(body, "Algorithm", true), 255, "Algorithm"),
        digestType: uint(element(body, "DigestType", true), 255, "DigestType"),
        digest: Uint8Array.from(Buffer.from(digestHex, "hex"))
      }
    });
    checkDsDigest(record, "root-anchors.xml");
    const validFrom = xmlDate(attribute(attrs, "validFrom"), "validFrom");
    const validUntil = xmlDate(attribute(attrs, "validUntil"), "validUntil");
    const id = attribute(attrs, "id");
    out.push({ zone, record, validFrom, validUntil, source: `root-anchors.xml${id ? ` (${id})` : ""}` });
  }
  if (out.length === 0)
    throw new TrustAnchorError("root-anchors.xml: no <KeyDigest> element");
  return out;
}
function parseTrustAnchorText(text, source = "trust anchor text") {
  let records;
  try {
    records = parseZone(text, { defaultTtl: 0 });
  } catch (e) {
    throw new TrustAnchorError(`${source}: ${e.message}`);
  }
  if (records.length > MAX_TRUST_ANCHORS)
    throw new TrustAnchorError(`more than ${MAX_TRUST_ANCHORS} trust anchors`);
  const out = [];
  for (const rr of records) {
    checkDsDigest(rr, source);
    if (isType(rr, RRType.DS) || isType(rr, RRType.DNSKEY))
      out.push({ zone: rr.name, record: rr, source });
    else
      throw new TrustAnchorError(`${source}: ${rr.name} has type ${rr.type}; a trust anchor is a DS or DNSKEY record`);
  }
  if (out.length === 0)
    throw new TrustAnchorError(`${source}: no DS or DNSKEY record`);
  return out;
}
var MAX_TRUST_ANCHOR_TEXT_LENGTH = 1024 * 1024;
function checkDsDigest(rr, source) {
  if (!isType(rr, RRType.DS))
    return;
  const want = DS_DIGEST_LENGTH.get(rr.data.digestType);
  if (want !== void 0 && rr.data.digest.length !== want) {
    throw new TrustAnchorError(`${source}: DS for ${rr.name} (key tag ${rr.data.keyTag}) has a digest of ${rr.data.digest.length} octets; digest type ${rr.data.digestType} has ${want}`);
  }
}
function parseTrustAnchors(text, source) {
  if (text.length > MAX_TRUST_ANCHOR_TEXT_LENGTH)
    throw new TrustAnchorError(`${source ?? "trust anchor text"}: ${text.length} characters, more than ${MAX_TRUST_ANCHOR_TEXT_LENGTH}`);
  return text.trimStart().startsWith("<") ? parseTrustAnchorXml(text) : parseTrustAnchorText(text, source);
}
var bundled;
function ianaRootAnchors() {
  bundled ??= parseTrustAnchorXml(IANA_ROOT_ANCHORS_XML).map((a) => ({ ...a, source: `IANA ${a.source}` }));
  return bundled;
}
function isAnchorActive(anchor, now) {
  if (anchor.validFrom && now.getTime() < anchor.validFrom.getTime())
    return false;
  if (anchor.validUntil && now.getTime() >= anchor.validUntil.getTime())
    return false;
  return true;
}
function closestAnchors(anchors, name, now) {
  let best;
  for (const a of anchors) {
    if (!isAnchorActive(a, now) || !name.isSubdomainOf(a.zone))
      continue;
    if (!best || a.zone.labelCount > best.zone.labelCount)
      best = { zone: a.zone, anchors: [a] };
    else if (a.zone.equals(best.zone))
      best.anchors.push(a);
  }
  return best;
}

// dist/dnssec/nsec.js
var nsec_exports = {};
__export(nsec_exports, {
  proveNoData: () => proveNoData,
  proveNoDs: () => proveNoDs,
  proveNxDomain: () => proveNxDomain,
  proveWildcardAnswer: () => proveWildcardAnswer,
  proveWildcardNoData: () => proveWildcardNoData
});

// dist/dnssec/denial.js
var MAX_DENIAL_RECORDS = 32;
function countOption(value, fallback, name) {
  if (value === void 0)
    return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`expected ${name} as a non-negative integer, got ${value}`);
  return value;
}
var EDE_DNSSEC_BOGUS = 6;
var EDE_NSEC_MISSING = 12;
var EDE_UNSUPPORTED_NSEC3_ITERATIONS = 27;
function secure(proof, hashes = 0) {
  return Object.freeze({ ok: true, status: "secure", proof: freezeProof(proof), hashes });
}
function insecure(code, reason, extra = {}) {
  const r = {
    ok: false,
    status: "insecure",
    code,
    reason,
    hashes: extra.hashes ?? 0,
    ...extra.ede !== void 0 ? { ede: extra.ede } : {},
    ...extra.proof !== void 0 ? { proof: freezeProof(extra.proof) } : {}
  };
  return Object.freeze(r);
}
function bogus(code, reason, extra = {}) {
  const r = {
    ok: false,
    status: "bogus",
    code,
    reason,
    ede: extra.ede ?? defaultEde(code),
    hashes: extra.hashes ?? 0,
    ...extra.record !== void 0 ? { record: extra.record } : {}
  };
  return Object.freeze(r);
}
function defaultEde(code) {
  switch (code) {
    case "no-records":
    case "not-covered":
    case "wildcard-not-denied":
    case "no-wildcard-record":
    case "nsec3-no-closest-encloser":
    case "nsec3-next-closer-not-covered":
      return EDE_NSEC_MISSING;
    case "nsec3-iterations-bogus":
      return EDE_UNSUPPORTED_NSEC3_ITERATIONS;
    default:
      return EDE_DNSSEC_BOGUS;
  }
}
function freezeProof(p) {
  return Object.freeze({ ...p, steps: Object.freeze(p.steps.map((s) => Object.freeze({ ...s }))) });
}
function hasType2(types, type) {
  return types.includes(type);
}

// dist/dnssec/nsec.js
function usableNsecs(nsecs, zone, options) {
  const max = countOption(options.maxDenialRecords, MAX_DENIAL_RECORDS, "maxDenialRecords");
  const out = [];
  for (const rr of nsecs) {
    if (!isType(rr, RRType.NSEC))
      continue;
    const next = rr.data.nextDomainName;
    if (!rr.name.isSubdomainOf(zone) || !next.isSubdomainOf(zone))
      continue;
    if (rr.name.compare(next) >= 0 && !next.equals(zone))
      continue;
    out.push(rr);
  }
  if (out.length > max)
    return bogus("too-many-records", `${out.length} NSEC records offered for one proof; at most ${max} are considered`);
  if (out.length === 0)
    return bogus("no-records", `no NSEC record of zone ${zone}`);
  return out;
}
function isDelegation(types) {
  return hasType2(types, RRType.NS) && !hasType2(types, RRType.SOA);
}
function coverage(nsec, name) {
  const owner = nsec.name;
  const next = nsec.data.nextDomainName;
  if (name.equals(owner))
    return "matches";
  if (name.isSubdomainOf(owner)) {
    if (hasType2(nsec.data.types, RRType.DNAME))
      return "dname";
    if (isDelegation(nsec.data.types))
      return "parent-side";
  }
  const order = owner.compare(next);
  if (order === 0) {
    return name.isSubdomainOf(next) && !name.equals(next) ? "covers" : "outside";
  }
  if (order > 0) {
    return owner.compare(name) < 0 && name.isSubdomainOf(next) ? "covers" : "outside";
  }
  if (!(owner.compare(name) < 0 && name.compare(next) < 0))
    return "outside";
  return next.isSubdomainOf(name) ? "empty-non-terminal" : "covers";
}
function closestEncloser(name, cover) {
  const n = Math.max(name.commonLabelCount(cover.name), name.commonLabelCount(cover.data.nextDomainName));
  return name.suffix(n);
}
function findCover(list, name) {
  let blocked;
  let match;
  for (const nsec of list) {
    const c = coverage(nsec, name);
    if (c === "covers")
      return { found: nsec };
    if (c === "matches" || c === "empty-non-terminal")
      match ??= nsec;
    else if (c === "parent-side" || c === "dname")
      blocked ??= { nsec, why: c };
  }
  return { ...blocked ? { blocked } : {}, ...match ? { match } : {} };
}
function blockedResult(what, name, blocked) {
  const owner = blocked.nsec.name.toString();
  return blocked.why === "dname" ? bogus("dname-record", `the NSEC at ${owner} has DNAME, so it cannot deny ${what} ${name} below it (RFC 6840 \xA74.1)`, { record: blocked.nsec }) : bogus("parent-side-record", `the NSEC at ${owner} is the parent side of a delegation (NS without SOA), so it cannot deny ${what} ${name} below the cut (RFC 6840 \xA74.1)`, { record: blocked.nsec });
}
function outOfZone(name, zone) {
  return name.isSubdomainOf(zone) ? void 0 : bogus("out-of-zone", `${name} is not in zone ${zone}, whose NSEC records were given`);
}
function proveNameAbsent(qname, list) {
  const search = findCover(list, qname);
  if (!search.found) {
    if (search.match)
      return bogus("name-exists", `the NSEC at ${search.match.name} shows that ${qname} exists${existsHow(search.match, qname)}`, { record: search.match, ede: 6 });
    if (search.blocked)
      return blockedResult("the name", qname, search.blocked);
    return bogus("not-covered", `no NSEC covers ${qname}`);
  }
  return { cover: search.found, ce: closestEncloser(qname, search.found) };
}
function existsHow(nsec, name) {
  return nsec.name.equals(name) ? "" : ` (its next name ${nsec.data.nextDomainName} is below it: an empty non-terminal)`;
}
function isResult(x) {
  return typeof x === "object" && x !== null && "status" in x;
}
function zoneAndAbsence(qname, nsecs, zone, options) {
  const oz = outOfZone(qname, zone);
  if (oz)
    return oz;
  const list = usableNsecs(nsecs, zone, options);
  if (isResult(list))
    return list;
  const absent = proveNameAbsent(qname, list);
  if (isResult(absent))
    return absent;
  return { list, absent };
}
function proveNxDomain(qname, nsecs, zone, options = {}) {
  const start = zoneAndAbsence(qname, nsecs, zone, options);
  if (isResult(start))
    return start;
  const { list, absent } = start;
  const wildcard = absent.ce.wildcard();
  const wc = findCover(list, wildcard);
  if (!wc.found) {
    if (wc.match) {
      return bogus("wildcard-not-denied", `the wildcard ${wildcard} exists${existsHow(wc.match, wildcard)}, so it, not NXDOMAIN, answers ${qname}`, {
        record: wc.match,
        ede: 6
      });
    }
    return bogus("wildcard-not-denied", `no NSEC covers the wildcard ${wildcard} at the closest encloser ${absent.ce}`);
  }
  return secure({
    kind: "nxdomain",
    closestEncloser: absent.ce,
    steps: [
      { role: "covers-qname", name: qname, record: absent.cover },
      { role: "covers-wildcard", name: wildcard, record: wc.found }
    ]
  });
}
function proveNoData(qname, qtype, nsecs, zone, options = {}) {
  const oz = outOfZone(qname, zone);
  if (oz)
    return oz;
  const list = usableNsecs(nsecs, zone, options);
  if (isResult(list))
    return list;
  const match = list.find((n) => n.name.equals(qname));
  if (match) {
    const rejected = checkMatchingNsec(match, qname, qtype);
    if (rejected)
      return rejected;
    const kind = qtype === RRType.DS && hasType2(match.data.types, RRType.NS) && !qname.isRoot ? "insecure-delegation" : "nodata";
    return secure({ kind, steps: [{ role: "matches-qname", name: qname, record: match }] });
  }
  let blocked;
  for (const nsec of list) {
    const next = nsec.data.nextDomainName;
    if (!(nsec.name.compare(qname) < 0 && next.isSubdomainOf(qname) && !next.equals(qname)))
      continue;
    const c = coverage(nsec, qname);
    if (c === "parent-side" || c === "dname") {
      blocked ??= { nsec, why: c };
      continue;
    }
    return secure({ kind: "empty-non-terminal", steps: [{ role: "proves-empty-non-terminal", name: qname, record: nsec }] });
  }
  if (blocked)
    return blockedResult(`${rrTypeToString(qtype)} at`, qname, blocked);
  return bogus("not-covered", `no NSEC at ${qname} and no NSEC proving it an empty non-terminal`);
}
function checkMatchingNsec(match, qname, qtype) {
  const types = match.data.types;
  if (hasType2(types, qtype)) {
    return bogus("type-present", `the NSEC at ${qname} lists ${rrTypeToString(qtype)}, so the RRset exists`, { record: match, ede: 6 });
  }
  if (hasType2(types, RRType.CNAME)) {
    return bogus("cname-present", `the NSEC at ${qname} lists CNAME: the answer should have been the CNAME`, { record: match, ede: 6 });
  }
  if (qtype === RRType.DS) {
    if (hasType2(types, RRType.SOA) && !qname.isRoot) {
      return bogus("child-side-record", `the NSEC at ${qname} has SOA: it is the child zone's apex NSEC, and only the parent can deny DS`, {
        record: match,
        ede: 6
      });
    }
  } else if (isDelegation(types)) {
    return bogus("parent-side-record", `the NSEC at ${qname} is a delegation's (NS without SOA): the answer should have been a referral`, {
      record: match,
      ede: 6
    });
  }
  return void 0;
}
function proveWildcardNoData(qname, qtype, nsecs, zone, options = {}) {
  const start = zoneAndAbsence(qname, nsecs, zone, options);
  if (isResult(start))
    return start;
  const { list, absent } = start;
  const wildcard = absent.ce.wildcard();
  const wcNsec = list.find((n) => n.name.equals(wildcard));
  if (!wcNsec) {
    const ent = findCover(list, wildcard).match;
    if (ent) {
      return secure({
        kind: "wildcard-nodata",
        closestEncloser: absent.ce,
        steps: [
          { role: "covers-qname", name: qname, record: absent.cover },
          { role: "proves-empty-non-terminal", name: wildcard, record: ent }
        ]
      });
    }
    return bogus("no-wildcard-record", `no NSEC at the wildcard ${wildcard} to show it lacks ${rrTypeToString(qtype)}`);
  }
  const types = wcNsec.data.types;
  if (hasType2(types, qtype)) {
    return bogus("type-present", `the wildcard NSEC at ${wildcard} lists ${rrTypeToString(qtype)}: the answer should have been synthesised`, { record: wcNsec, ede: 6 });
  }
  if (hasType2(types, RRType.CNAME)) {
    return bogus("cname-present", `the wildcard NSEC at ${wildcard} lists CNAME: a synthesised CNAME was due`, { record: wcNsec, ede: 6 });
  }
  if (isDelegation(types)) {
    return bogus("parent-side-record", `the wildcard NSEC at ${wildcard} is a delegation's (NS without SOA)`, { record: wcNsec, ede: 6 });
  }
  return secure({
    kind: "wildcard-nodata",
    closestEncloser: absent.ce,
    steps: [
      { role: "covers-qname", name: qname, record: absent.cover },
      { role: "matches-wildcard", name: wildcard, record: wcNsec }
    ]
  });
}
function proveWildcardAnswer(qname, closestEncloser2, nsecs, zone, options = {}) {
  const oz = outOfZone(qname, zone) ?? outOfZone(closestEncloser2, zone);
  if (oz)
    return oz;
  if (!qname.isSubdomainOf(closestEncloser2) || qname.equals(closestEncloser2)) {
    return bogus("wildcard-mismatch", `${qname} is not below ${closestEncloser2}, so *.${closestEncloser2} cannot have produced it`);
  }
  const list = usableNsecs(nsecs, zone, options);
  if (isResult(list))
    return list;
  const absent = proveNameAbsent(qname, list);
  if (isResult(absent))
    return absent;
  if (!absent.ce.equals(closestEncloser2)) {
    return bogus("wildcard-mismatch", `the NSEC at ${absent.cover.name} puts the closest encloser of ${qname} at ${absent.ce}, not at ${closestEncloser2} where the wildcard is`, { record: absent.cover, ede: 6 });
  }
  return secure({
    kind: "wildcard-answer",
    closestEncloser: closestEncloser2,
    steps: [{ role: "covers-qname", name: qname, record: absent.cover }]
  });
}
function proveNoDs(childZone, nsecs, parentZone, options = {}) {
  const oz = outOfZone(childZone, parentZone);
  if (oz)
    return oz;
  if (childZone.equals(parentZone)) {
    return bogus("child-side-record", `${childZone} is the apex of the zone whose NSEC records were given; its DS lives in the parent`);
  }
  const list = usableNsecs(nsecs, parentZone, options);
  if (isResult(list))
    return list;
  const match = list.find((n) => n.name.equals(childZone));
  if (match) {
    const types = match.data.types;
    if (hasType2(types, RRType.SOA)) {
      return bogus("child-side-record", `the NSEC at ${childZone} has SOA: it is the child zone's apex NSEC, and only the parent can deny DS`, {
        record: match,
        ede: 6
      });
    }
    if (hasType2(types, RRType.DS)) {
      return bogus("ds-present", `the NSEC at ${childZone} lists DS: the delegation is signed`, { record: match, ede: 6 });
    }
    if (!hasType2(types, RRType.NS)) {
      return bogus("not-a-delegation", `the NSEC at ${childZone} lists no NS: there is no zone cut at ${childZone}`, { record: match, ede: 6 });
    }
    return secure({ kind: "insecure-delegation", steps: [{ role: "matches-qname", name: childZone, record: match }] });
  }
  const search = findCover(list, childZone);
  if (search.blocked)
    return blockedResult("DS at", childZone, search.blocked);
  const proof = search.found ?? search.match;
  if (proof) {
    const what = search.found ? "no such name" : "an empty non-terminal";
    return bogus("not-a-delegation", `the NSEC at ${proof.name} shows ${childZone} is ${what}, so no delegation`, { record: proof, ede: 6 });
  }
  return bogus("not-covered", `no NSEC at ${childZone} to show a delegation without DS`);
}

// dist/dns/canonical.js
var LAYOUTS = /* @__PURE__ */ new Map([
  [2, ["name"]],
  // NS
  [3, ["name"]],
  // MD
  [4, ["name"]],
  // MF
  [5, ["name"]],
  // CNAME
  [6, ["name", "name", 20]],
  // SOA
  [7, ["name"]],
  // MB
  [8, ["name"]],
  // MG
  [9, ["name"]],
  // MR
  [12, ["name"]],
  // PTR
  [14, ["name", "name"]],
  // MINFO
  [15, [2, "name"]],
  // MX
  [17, ["name", "name"]],
  // RP
  [18, [2, "name"]],
  // AFSDB
  [21, [2, "name"]],
  // RT
  [24, [18, "name", "rest"]],
  // SIG
  [26, [2, "name", "name"]],
  // PX
  [30, ["name", "rest"]],
  // NXT
  [33, [6, "name"]],
  // SRV
  [35, [2, 2, "string", "string", "string", "name"]],
  // NAPTR
  [36, [2, "name"]],
  // KX
  [39, ["name"]],
  // DNAME
  [46, [18, "name", "rest"]]
  // RRSIG
]);
var A6 = 38;
var LAYOUT_BY_TYPE = Array.from({ length: Math.max(...LAYOUTS.keys()) + 1 }, (_, type) => LAYOUTS.get(type));
var MAX_NAME_LABELS = 128;
function nameAt(buf, offset, type, lower) {
  let o = offset;
  let upper = false;
  for (let guard = 0; guard < MAX_NAME_LABELS; guard++) {
    if (o >= buf.length)
      break;
    const len = buf[o];
    if (len === 0)
      return upper ? -(o + 1) : o + 1;
    if (len > 63)
      throw new DnsFormatError("bad-field", `compressed or invalid label in canonical RDATA of type ${type}`);
    const end = o + 1 + len;
    if (end > buf.length)
      break;
    for (let i = o + 1; i < end; i++) {
      const b = buf[i];
      if (b >= 65 && b <= 90) {
        upper = true;
        if (lower)
          buf[i] = b | 32;
      }
    }
    o = end;
  }
  throw new DnsFormatError("truncated", `name runs past the RDATA of type ${type}`);
}
function walk(buf, type, layout, lower) {
  let o = 0;
  let upper = false;
  for (let k = 0; k < layout.length; k++) {
    const f = layout[k];
    if (f === "name") {
      o = nameAt(buf, o, type, lower);
      if (o < 0) {
        upper = true;
        o = -o;
      }
    } else if (f === "string") {
      if (o >= buf.length)
        throw new DnsFormatError("truncated", `character-string runs past the RDATA of type ${type}`);
      o += 1 + buf[o];
    } else if (f === "rest")
      o = buf.length;
    else
      o += f;
    if (o > buf.length)
      throw new DnsFormatError("truncated", `RDATA of type ${type} is too short`);
  }
  if (o !== buf.length)
    throw new DnsFormatError("trailing-data", `RDATA of type ${type} has ${buf.length - o} octets too many`);
  return upper;
}
function canonicalRdata(type, rdata) {
  if (type === A6)
    return canonicalA6(rdata);
  const layout = type < LAYOUT_BY_TYPE.length ? LAYOUT_BY_TYPE[type] : void 0;
  if (!layout)
    return rdata;
  if (!walk(rdata, type, layout, false))
    return rdata;
  const out = rdata.slice();
  walk(out, type, layout, true);
  return out;
}
function canonicalA6(rdata) {
  const p = rdata[0];
  if (p === void 0 || p > 128)
    throw new DnsFormatError("bad-field", "A6 prefix length");
  const start = 1 + Math.ceil((128 - p) / 8);
  if (p === 0) {
    if (rdata.length !== start)
      throw new DnsFormatError("rdata-length", "A6 RDATA length");
    return rdata;
  }
  const end = nameAt(rdata, start, A6, false);
  if (Math.abs(end) !== rdata.length)
    throw new DnsFormatError("trailing-data", "A6 RDATA has trailing octets");
  if (end > 0)
    return rdata;
  const out = rdata.slice();
  nameAt(out, start, A6, true);
  return out;
}
function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0)
      return d;
  }
  return a.length - b.length;
}
var INSERTION_SORT_MAX = 16;
function sortRdatas(a) {
  if (a.length > INSERTION_SORT_MAX) {
    a.sort(compareBytes);
    return;
  }
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && compareBytes(a[j], x) > 0) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}
function canonicalRdataSet(rrset) {
  const all = [];
  for (let i = 0; i < rrset.length; i++) {
    const rr = rrset[i];
    all.push(canonicalRdata(rr.type, rr.rdata));
  }
  if (all.length < 2)
    return all;
  sortRdatas(all);
  let k = 1;
  for (let i = 1; i < all.length; i++) {
    const r = all[i];
    if (compareBytes(all[k - 1], r) !== 0)
      all[k++] = r;
  }
  if (k !== all.length)
    all.length = k;
  return all;
}
function canonicalRRset(rrset) {
  const keyed = rrset.map((rr) => ({ rr, c: canonicalRdata(rr.type, rr.rdata) }));
  keyed.sort((x, y) => compareBytes(x.c, y.c));
  const out = [];
  let prev;
  for (const { rr, c } of keyed) {
    if (prev === void 0 || compareBytes(prev, c) !== 0)
      out.push(rr);
    prev = c;
  }
  return out;
}

// dist/dnssec/limits.js
var MAX_KEYS_PER_RRSIG = 4;
var MIN_RSA_MODULUS_BITS = 512;
var MAX_RSA_MODULUS_BITS = 4096;
var MIN_RSASHA512_MODULUS_BITS = 1024;
var MAX_RSA_EXPONENT_OCTETS = 8;
var KEY_CACHE_ENTRIES = 1024;
var VERIFIED_SIGNATURE_ENTRIES = 8192;
var MAX_NSEC3_ITERATIONS_FIELD = 65535;
var MAX_NSEC3_SALT_OCTETS = 255;

// dist/dns/iana/dnssec-algorithms.js
var DnssecAlgorithm = {
  DELETE: 0,
  RSAMD5: 1,
  DH: 2,
  DSA: 3,
  RSASHA1: 5,
  DSA_NSEC3_SHA1: 6,
  RSASHA1_NSEC3_SHA1: 7,
  RSASHA256: 8,
  RSASHA512: 10,
  ECC_GOST: 12,
  ECDSAP256SHA256: 13,
  ECDSAP384SHA384: 14,
  ED25519: 15,
  ED448: 16,
  SM2SM3: 17,
  ECC_GOST12: 23,
  INDIRECT: 252,
  PRIVATEDNS: 253,
  PRIVATEOID: 254
};
var MNEMONICS = new Map(Object.entries(DnssecAlgorithm).map(([k, v]) => [v, k.replace(/_/g, "-")]));
function dnssecAlgorithmToString(algorithm) {
  return MNEMONICS.get(algorithm) ?? String(algorithm);
}

// dist/dnssec/crypto/bytes.js
function concatBytes(...parts) {
  let n = 0;
  for (const p of parts)
    n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
function toHex2(b) {
  let s = "";
  for (const x of b)
    s += x.toString(16).padStart(2, "0");
  return s;
}
function fromHex2(hex) {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    return void 0;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++)
    out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// dist/dnssec/crypto/key-formats.js
function parsePublicKey(algorithm, spec, publicKey) {
  switch (spec.family) {
    case "rsa":
      return parseRsa(algorithm, spec.hash, spec.minBits, publicKey);
    case "ecdsa": {
      const n = spec.coordinateLength;
      if (publicKey.length !== 2 * n) {
        return { ok: false, detail: `${spec.curve} key is ${publicKey.length} octets, expected ${2 * n} (RFC 6605 \xA74)` };
      }
      return {
        ok: true,
        key: { family: "ecdsa", algorithm, hash: spec.hash, curve: spec.curve, x: publicKey.subarray(0, n), y: publicKey.subarray(n) }
      };
    }
    case "eddsa":
      if (publicKey.length !== spec.keyLength) {
        return { ok: false, detail: `${spec.curve} key is ${publicKey.length} octets, expected ${spec.keyLength} (RFC 8080 \xA73)` };
      }
      return { ok: true, key: { family: "eddsa", algorithm, curve: spec.curve, key: publicKey } };
    default: {
      const never = spec;
      return never;
    }
  }
}
function stripLeadingZeros(b) {
  let i = 0;
  while (i < b.length && b[i] === 0)
    i++;
  return b.subarray(i);
}
function bitLength(b) {
  if (b.length === 0)
    return 0;
  return (b.length - 1) * 8 + (32 - Math.clz32(b[0]));
}
function parseRsa(algorithm, hash, minBits, pk) {
  let expLen;
  let off;
  if (pk.length < 1)
    return { ok: false, detail: "RSA key is empty" };
  if (pk[0] !== 0) {
    expLen = pk[0];
    off = 1;
  } else {
    if (pk.length < 3)
      return { ok: false, detail: "RSA key ends inside the exponent length" };
    expLen = pk[1] << 8 | pk[2];
    off = 3;
  }
  if (expLen === 0)
    return { ok: false, detail: "RSA exponent length is 0" };
  if (off + expLen >= pk.length)
    return { ok: false, detail: "RSA key ends before the modulus" };
  const exponent = stripLeadingZeros(pk.subarray(off, off + expLen));
  const modulus = stripLeadingZeros(pk.subarray(off + expLen));
  if (exponent.length === 0 || exponent.length > MAX_RSA_EXPONENT_OCTETS) {
    return { ok: false, detail: `RSA exponent of ${exponent.length} octets (accepted: 1 to ${MAX_RSA_EXPONENT_OCTETS})` };
  }
  if ((exponent[exponent.length - 1] & 1) === 0 || exponent.length === 1 && exponent[0] === 1) {
    return { ok: false, detail: "RSA exponent is not an odd number above 1" };
  }
  const bits = bitLength(modulus);
  if (bits < minBits || bits > MAX_RSA_MODULUS_BITS) {
    return { ok: false, detail: `RSA modulus of ${bits} bits (accepted: ${minBits} to ${MAX_RSA_MODULUS_BITS}, RFC 3110 \xA72, RFC 5702 \xA72)` };
  }
  if ((modulus[modulus.length - 1] & 1) === 0)
    return { ok: false, detail: "RSA modulus is even" };
  return { ok: true, key: { family: "rsa", algorithm, hash, exponent, modulus, modulusBits: bits } };
}

// dist/dnssec/crypto/native.js
function b64url(b) {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64url");
}
function toJwk(key2) {
  switch (key2.family) {
    case "rsa":
      return { kty: "RSA", n: b64url(key2.modulus), e: b64url(key2.exponent) };
    case "ecdsa":
      return { kty: "EC", crv: key2.curve, x: b64url(key2.x), y: b64url(key2.y) };
    case "eddsa":
      return { kty: "OKP", crv: key2.curve, x: b64url(key2.key) };
    default: {
      const never = key2;
      return never;
    }
  }
}
function getNodeCrypto() {
  const proc = globalThis.process;
  const mod = proc?.getBuiltinModule?.("node:crypto");
  return mod;
}
function loadNativeBackend() {
  const crypto = getNodeCrypto();
  if (!crypto || typeof crypto.verify !== "function")
    return void 0;
  return {
    name: "native",
    digest(hash, data) {
      const d = crypto.createHash(hash).update(data).digest();
      return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    },
    importKey(key2) {
      try {
        const keyObject = crypto.createPublicKey({ key: toJwk(key2), format: "jwk" });
        return {
          algorithm: key2.algorithm,
          backend: "native",
          keyObject,
          hash: key2.family === "eddsa" ? null : key2.hash,
          verifyKey: key2.family === "ecdsa" ? { key: keyObject, dsaEncoding: "ieee-p1363" } : keyObject
        };
      } catch {
        return void 0;
      }
    },
    verify(imported, data, signature) {
      const k = imported;
      try {
        return crypto.verify(k.hash, data, k.verifyKey, signature);
      } catch {
        return false;
      }
    }
  };
}

// dist/dnssec/algorithms.js
function rsa(algorithm, hash, minBits) {
  return { algorithm, mnemonic: dnssecAlgorithmToString(algorithm), keySpec: { family: "rsa", hash, minBits }, usesSha1: hash === "sha1" };
}
var SUPPORTED_ALGORITHMS = /* @__PURE__ */ new Map([
  [DnssecAlgorithm.RSASHA1, rsa(DnssecAlgorithm.RSASHA1, "sha1", MIN_RSA_MODULUS_BITS)],
  // RFC 3110
  [DnssecAlgorithm.RSASHA1_NSEC3_SHA1, rsa(DnssecAlgorithm.RSASHA1_NSEC3_SHA1, "sha1", MIN_RSA_MODULUS_BITS)],
  // RFC 5155 §2
  [DnssecAlgorithm.RSASHA256, rsa(DnssecAlgorithm.RSASHA256, "sha256", MIN_RSA_MODULUS_BITS)],
  // RFC 5702 §2
  [DnssecAlgorithm.RSASHA512, rsa(DnssecAlgorithm.RSASHA512, "sha512", MIN_RSASHA512_MODULUS_BITS)],
  // RFC 5702 §2
  [DnssecAlgorithm.ECDSAP256SHA256, {
    algorithm: 13,
    mnemonic: "ECDSAP256SHA256",
    usesSha1: false,
    keySpec: { family: "ecdsa", hash: "sha256", curve: "P-256", coordinateLength: 32 }
    // RFC 6605 §4
  }],
  [DnssecAlgorithm.ECDSAP384SHA384, {
    algorithm: 14,
    mnemonic: "ECDSAP384SHA384",
    usesSha1: false,
    keySpec: { family: "ecdsa", hash: "sha384", curve: "P-384", coordinateLength: 48 }
  }],
  [DnssecAlgorithm.ED25519, {
    algorithm: 15,
    mnemonic: "ED25519",
    usesSha1: false,
    keySpec: { family: "eddsa", curve: "Ed25519", keyLength: 32 }
    // RFC 8080 §3
  }],
  [DnssecAlgorithm.ED448, {
    algorithm: 16,
    mnemonic: "ED448",
    usesSha1: false,
    keySpec: { family: "eddsa", curve: "Ed448", keyLength: 57 }
  }]
]);
var DEFAULT_CRYPTO_POLICY = Object.freeze({ allowSha1: true });
var SUPPORTED_STATUS = new Map([...SUPPORTED_ALGORITHMS].map(([n, info]) => [n, Object.freeze({ supported: true, info })]));
function algorithmStatus(algorithm, policy = DEFAULT_CRYPTO_POLICY) {
  const supported = SUPPORTED_STATUS.get(algorithm);
  if (supported?.supported && !(supported.info.usesSha1 && policy.allowSha1 === false))
    return supported;
  const info = SUPPORTED_ALGORITHMS.get(algorithm);
  const label = `algorithm ${algorithm} (${dnssecAlgorithmToString(algorithm)})`;
  if (!info)
    return { supported: false, code: "algorithm-unsupported", detail: `${label} is not supported` };
  return { supported: false, code: "algorithm-disabled", detail: `${label} uses SHA-1, disabled by policy (RFC 8624)` };
}
var native = null;
var pure;
function pureBackend() {
  if (pure)
    return pure;
  const proc = globalThis.process;
  const nodeModule = proc?.getBuiltinModule?.("node:module");
  if (!nodeModule)
    throw new Error("the pure crypto backend is loaded through node:module (Node >= 20.19)");
  const file = `./crypto/pure${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`;
  pure = nodeModule.createRequire(import.meta.url)(file).pureBackend;
  return pure;
}
function nativeBackend() {
  if (native === null)
    native = loadNativeBackend();
  return native;
}
function getBackend(name = "auto") {
  if (name === "pure")
    return pureBackend();
  const n = nativeBackend();
  if (n)
    return n;
  if (name === "native")
    throw new Error("the native crypto backend needs node:crypto, which this runtime lacks");
  return pureBackend();
}
function defaultBackend() {
  return getBackend("auto");
}
var caches = /* @__PURE__ */ new WeakMap();
var lastBackend;
var lastCache;
function cacheFor(backend) {
  if (backend === lastBackend && lastCache)
    return lastCache;
  let c = caches.get(backend);
  if (!c) {
    c = { byBytes: /* @__PURE__ */ new Map(), byObject: /* @__PURE__ */ new WeakMap() };
    caches.set(backend, c);
  }
  lastBackend = backend;
  lastCache = c;
  return c;
}
function bytesKey(algorithm, publicKey) {
  let s = String.fromCharCode(algorithm);
  const CHUNK = 4096;
  for (let i = 0; i < publicKey.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, publicKey.subarray(i, i + CHUNK));
  }
  return s;
}
function prepareKey(info, publicKey, backend) {
  const cache = cacheFor(backend);
  const hit = cache.byObject.get(publicKey);
  if (hit && hit.algorithm === info.algorithm)
    return hit.entry;
  const k = bytesKey(info.algorithm, publicKey);
  let entry = cache.byBytes.get(k);
  if (!entry) {
    const parsed = parsePublicKey(info.algorithm, info.keySpec, publicKey);
    if (!parsed.ok)
      entry = { ok: false, detail: `has a malformed key: ${parsed.detail}` };
    else {
      const key2 = backend.importKey(parsed.key);
      entry = key2 ? { ok: true, key: key2, parsed: parsed.key } : { ok: false, detail: `has a malformed key: the ${backend.name} crypto backend rejects it as a ${info.mnemonic} public key` };
    }
    if (cache.byBytes.size >= KEY_CACHE_ENTRIES) {
      const oldest = cache.byBytes.keys().next();
      if (!oldest.done)
        cache.byBytes.delete(oldest.value);
    }
    cache.byBytes.set(k, entry);
  }
  cache.byObject.set(publicKey, { algorithm: info.algorithm, entry });
  return entry;
}
function expectedSignatureLength(parsed) {
  switch (parsed.family) {
    case "rsa":
      return Math.ceil(parsed.modulusBits / 8);
    case "ecdsa":
      return 2 * parsed.x.length;
    case "eddsa":
      return parsed.curve === "Ed25519" ? 64 : 114;
    default: {
      const never = parsed;
      return never;
    }
  }
}
var SIGNATURE_OK = Object.freeze({ ok: true });
function verifySignature(info, publicKey, data, signature, backend = defaultBackend()) {
  const prepared = prepareKey(info, publicKey, backend);
  if (!prepared.ok)
    return { ok: false, code: "key-malformed", detail: prepared.detail };
  const want = expectedSignatureLength(prepared.parsed);
  if (signature.length !== want) {
    return { ok: false, code: "signature-malformed", detail: `has a signature of ${signature.length} octets where ${info.mnemonic} with this key makes ${want}` };
  }
  if (!verifyRemembered(info, publicKey, prepared.key, data, signature, backend)) {
    return { ok: false, code: "signature-invalid", detail: "does not verify" };
  }
  return SIGNATURE_OK;
}
var rememberedBy = /* @__PURE__ */ new WeakMap();
function verifyRemembered(info, publicKey, key2, data, signature, backend) {
  const lengths = Uint8Array.of(info.algorithm, publicKey.length >> 8, publicKey.length & 255, signature.length >> 8, signature.length & 255);
  let remembered = rememberedBy.get(backend);
  if (!remembered)
    rememberedBy.set(backend, remembered = /* @__PURE__ */ new Map());
  const id = toHex2(backend.digest("sha256", concatBytes(lengths, publicKey, signature, data)));
  const known = remembered.get(id);
  if (known !== void 0)
    return known;
  const ok = backend.verify(key2, data, signature);
  if (remembered.size >= VERIFIED_SIGNATURE_ENTRIES)
    remembered.delete(remembered.keys().next().value);
  remembered.set(id, ok);
  return ok;
}

// dist/dnssec/nsec3-hash.js
var NSEC3_HASH_SHA1 = 1;
var NSEC3_SHA1_LENGTH = 20;
var BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
function base32HexLower(bytes) {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = acc << 8 | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32HEX[acc >>> bits & 31];
    }
    acc &= 255;
  }
  if (bits > 0)
    out += BASE32HEX[acc << 5 - bits & 31];
  return out;
}
function checkIterations(iterations) {
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_NSEC3_ITERATIONS_FIELD) {
    throw new RangeError(`expected NSEC3 iterations as an integer 0..${MAX_NSEC3_ITERATIONS_FIELD}, got ${iterations}`);
  }
}
function nsec3HashBytes(ownerCanonicalWire, salt, iterations, backend = defaultBackend()) {
  checkIterations(iterations);
  if (salt.length > MAX_NSEC3_SALT_OCTETS) {
    throw new RangeError(`expected an NSEC3 salt of at most ${MAX_NSEC3_SALT_OCTETS} octets, got length=${salt.length}`);
  }
  const buf = new Uint8Array(Math.max(ownerCanonicalWire.length, NSEC3_SHA1_LENGTH) + salt.length);
  buf.set(ownerCanonicalWire, 0);
  buf.set(salt, ownerCanonicalWire.length);
  let h = backend.digest("sha1", buf.subarray(0, ownerCanonicalWire.length + salt.length));
  if (iterations > 0) {
    const round = buf.subarray(0, NSEC3_SHA1_LENGTH + salt.length);
    round.set(salt, NSEC3_SHA1_LENGTH);
    for (let i = 0; i < iterations; i++) {
      round.set(h, 0);
      h = backend.digest("sha1", round);
    }
  }
  return h;
}
function nsec3Hash(name, saltHex, iterations, backend) {
  const n = typeof name === "string" ? Name.parse(name) : name;
  const salt = saltHex === "-" || saltHex === "" ? new Uint8Array(0) : fromHex2(saltHex);
  if (!salt)
    throw new RangeError(`expected the NSEC3 salt as hex, '-' or '', got "${saltHex}"`);
  return base32HexLower(nsec3HashBytes(n.toCanonicalWire(), salt, iterations, backend));
}

// dist/dnssec/nsec3.js
var NSEC3_MAX_ITERATIONS_INSECURE = 150;
var NSEC3_MAX_ITERATIONS_BOGUS = 500;
var MAX_NAME_LABELS2 = 127;
var NSEC3_MAX_HASHES = MAX_NAME_LABELS2 + 2;
var NSEC3_MAX_HASH_WORK = NSEC3_MAX_HASHES * (NSEC3_MAX_ITERATIONS_INSECURE + 1);
var FLAG_OPT_OUT = 1;
var HashBudgetExceeded = class extends Error {
};
var Nsec3Context = class {
  zone;
  entries;
  salt;
  iterations;
  maxHashes;
  maxWork;
  insecureAbove;
  onHash;
  hashes = 0;
  memo = /* @__PURE__ */ new Map();
  constructor(zone, entries, salt, iterations, maxHashes, maxWork, insecureAbove, onHash) {
    this.zone = zone;
    this.entries = entries;
    this.salt = salt;
    this.iterations = iterations;
    this.maxHashes = maxHashes;
    this.maxWork = maxWork;
    this.insecureAbove = insecureAbove;
    this.onHash = onHash;
  }
  /** H(name) with this proof's parameters (RFC 5155 §5), memoised per name. */
  hash(name) {
    const key2 = name.key();
    const known = this.memo.get(key2);
    if (known)
      return known;
    if (this.hashes >= this.maxHashes || (this.hashes + 1) * (this.iterations + 1) > this.maxWork)
      throw new HashBudgetExceeded();
    this.onHash?.(this.iterations);
    this.hashes++;
    const h = nsec3HashBytes(name.toCanonicalWire(), this.salt, this.iterations);
    this.memo.set(key2, h);
    return h;
  }
  /** The record whose owner is the hash of `name`. */
  match(name) {
    const h = this.hash(name);
    return this.entries.find((e) => compareBytes(e.ownerHash, h) === 0);
  }
  /** The record whose hash interval strictly contains the hash of `name` (RFC 5155 §1.3 "covers"). */
  cover(name) {
    const h = this.hash(name);
    return this.entries.find((e) => {
      const owner = e.ownerHash;
      const next = e.rr.data.nextHashedOwnerName;
      if (compareBytes(owner, next) < 0)
        return compareBytes(owner, h) < 0 && compareBytes(h, next) < 0;
      return compareBytes(h, owner) > 0 || compareBytes(h, next) < 0;
    });
  }
};
function prepare(nsec3s, zone, options) {
  const maxRecords = countOption(options.maxDenialRecords, MAX_DENIAL_RECORDS, "maxDenialRecords");
  const insecureAbove = countOption(options.nsec3InsecureIterations, NSEC3_MAX_ITERATIONS_INSECURE, "nsec3InsecureIterations");
  const bogusAbove = countOption(options.nsec3BogusIterations, NSEC3_MAX_ITERATIONS_BOGUS, "nsec3BogusIterations");
  const maxHashes = countOption(options.maxNsec3Hashes, NSEC3_MAX_HASHES, "maxNsec3Hashes");
  const maxWork = countOption(options.maxNsec3HashWork, NSEC3_MAX_HASH_WORK, "maxNsec3HashWork");
  const entries = [];
  let unknownHash = 0;
  for (const rr of nsec3s) {
    if (!isType(rr, RRType.NSEC3))
      continue;
    if (rr.name.labelCount !== zone.labelCount + 1 || !rr.name.parent().equals(zone))
      continue;
    if (rr.data.hashAlgorithm !== NSEC3_HASH_SHA1) {
      unknownHash++;
      continue;
    }
    if ((rr.data.flags & ~FLAG_OPT_OUT) !== 0)
      continue;
    const ownerHash = decodeOwnerHash(rr.name.labels[0]);
    if (ownerHash?.length !== NSEC3_SHA1_LENGTH || rr.data.nextHashedOwnerName.length !== NSEC3_SHA1_LENGTH)
      continue;
    entries.push({ rr, ownerHash, optOut: (rr.data.flags & FLAG_OPT_OUT) !== 0 });
  }
  if (entries.length === 0) {
    if (unknownHash > 0) {
      return insecure("nsec3-unknown-hash", `every NSEC3 record of zone ${zone} uses a hash algorithm this validator does not know (RFC 5155 \xA78.1)`);
    }
    return bogus("no-records", `no usable NSEC3 record of zone ${zone}`);
  }
  if (entries.length > maxRecords) {
    return bogus("too-many-records", `${entries.length} NSEC3 records offered for one proof; at most ${maxRecords} are considered`);
  }
  const first = entries[0].rr.data;
  for (const e of entries) {
    const d = e.rr.data;
    if (d.iterations !== first.iterations || compareBytes(d.salt, first.salt) !== 0) {
      return bogus("nsec3-parameter-mismatch", `NSEC3 records of zone ${zone} from different chains (iterations ${first.iterations} and ${d.iterations}, or different salts) (RFC 5155 \xA78.2)`, { record: e.rr });
    }
  }
  if (first.iterations > bogusAbove) {
    return bogus("nsec3-iterations-bogus", `NSEC3 of zone ${zone} uses ${first.iterations} iterations, above the limit of ${bogusAbove}: refused without hashing`, {
      ede: EDE_UNSUPPORTED_NSEC3_ITERATIONS
    });
  }
  return new Nsec3Context(zone, entries, first.salt, first.iterations, maxHashes, maxWork, first.iterations > insecureAbove ? insecureAbove : void 0, options.onHash);
}
function decodeOwnerHash(label) {
  try {
    return fromBase32Hex(String.fromCharCode(...label));
  } catch {
    return void 0;
  }
}
function isResult2(x) {
  return typeof x === "object" && x !== null && "status" in x;
}
function run(nsec3s, zone, names, options, body) {
  for (const name of names) {
    if (!name.isSubdomainOf(zone))
      return bogus("out-of-zone", `${name} is not in zone ${zone}, whose NSEC3 records were given`);
  }
  const ctx = prepare(nsec3s, zone, options);
  if (isResult2(ctx))
    return ctx;
  try {
    return withHashes(lowerForIterations(ctx, body(ctx)), ctx.hashes);
  } catch (e) {
    if (!(e instanceof HashBudgetExceeded))
      throw e;
    return bogus("nsec3-hash-budget", `the proof needed more than ${ctx.hashes} NSEC3 hashes of ${ctx.iterations} iterations, the limit per proof`, { hashes: ctx.hashes });
  }
}
function lowerForIterations(ctx, r) {
  if (ctx.insecureAbove === void 0 || r.status !== "secure")
    return r;
  return insecure("nsec3-iterations", `NSEC3 of zone ${ctx.zone} uses ${ctx.iterations} iterations, above ${ctx.insecureAbove}: the proof holds, but is treated as insecure (RFC 9276 \xA73.2)`, {
    ede: EDE_UNSUPPORTED_NSEC3_ITERATIONS,
    proof: r.proof
  });
}
function withHashes(r, hashes) {
  return r.hashes === hashes ? r : Object.freeze({ ...r, hashes });
}
function proveClosestEncloser(ctx, qname) {
  let ce;
  let ceRecord;
  for (const candidate of qname.ancestors()) {
    if (!candidate.isSubdomainOf(ctx.zone))
      break;
    const m = ctx.match(candidate);
    if (m) {
      ce = candidate;
      ceRecord = m;
      break;
    }
  }
  if (!ce || !ceRecord)
    return bogus("nsec3-no-closest-encloser", `no NSEC3 matches ${qname} or any of its ancestors in zone ${ctx.zone}`);
  if (ce.equals(qname))
    return { ce, ceRecord };
  const types = ceRecord.rr.data.types;
  if (hasType2(types, RRType.DNAME)) {
    return bogus("dname-record", `the closest encloser ${ce} of ${qname} has DNAME: names below it are redirected, not denied`, { record: ceRecord.rr });
  }
  if (hasType2(types, RRType.NS) && !hasType2(types, RRType.SOA)) {
    return bogus("parent-side-record", `the closest encloser ${ce} of ${qname} is a delegation (NS without SOA): names below it belong to the child zone`, {
      record: ceRecord.rr
    });
  }
  const nextCloser = qname.suffix(ce.labelCount + 1);
  const ncRecord = ctx.cover(nextCloser);
  if (!ncRecord) {
    return bogus("nsec3-next-closer-not-covered", `no NSEC3 covers the next closer name ${nextCloser}, so ${ce} is not proven the closest encloser of ${qname}`);
  }
  return { ce, ceRecord, nextCloser, ncRecord };
}
function ceSteps(p) {
  const steps = [{ role: "matches-closest-encloser", name: p.ce, record: p.ceRecord.rr }];
  if (p.nextCloser && p.ncRecord)
    steps.push({ role: "covers-next-closer", name: p.nextCloser, record: p.ncRecord.rr });
  return steps;
}
function secureUnlessOptOut(kind, p, steps, what) {
  const proof = { kind, closestEncloser: p.ce, steps };
  if (p.ncRecord?.optOut) {
    return insecure("nsec3-opt-out", `the next closer name ${p.nextCloser} lies in an opt-out span (NSEC3 ${p.ncRecord.rr.name}): ${what} cannot be proven secure (RFC 5155 \xA79.2)`, {
      proof
    });
  }
  return secure(proof);
}
function proveNxDomain2(qname, nsec3s, zone, options = {}) {
  return run(nsec3s, zone, [qname], options, (ctx) => {
    const p = proveClosestEncloser(ctx, qname);
    if (isResult2(p))
      return p;
    if (p.ce.equals(qname))
      return bogus("name-exists", `an NSEC3 matches ${qname}: the name exists`, { record: p.ceRecord.rr });
    const wildcard = p.ce.wildcard();
    const wc = ctx.cover(wildcard);
    if (!wc) {
      const exists = ctx.match(wildcard);
      return exists ? bogus("wildcard-not-denied", `the wildcard ${wildcard} exists (an NSEC3 matches it), so ${qname} would have been synthesised from it`, {
        record: exists.rr,
        ede: 6
      }) : bogus("wildcard-not-denied", `no NSEC3 covers the wildcard ${wildcard} at the closest encloser ${p.ce}`);
    }
    const steps = [...ceSteps(p), { role: "covers-wildcard", name: wildcard, record: wc.rr }];
    return secureUnlessOptOut("nxdomain", p, steps, `the absence of ${qname}`);
  });
}
function proveNoData2(qname, qtype, nsec3s, zone, options = {}) {
  return run(nsec3s, zone, [qname], options, (ctx) => {
    const m = ctx.match(qname);
    if (m) {
      const rejected = checkMatching(m, qname, qtype, "NSEC3");
      if (rejected)
        return rejected;
      const kind = qtype === RRType.DS && hasType2(m.rr.data.types, RRType.NS) && !qname.isRoot ? "insecure-delegation" : "nodata";
      return secure({ kind, steps: [{ role: "matches-qname", name: qname, record: m.rr }] });
    }
    if (qtype !== RRType.DS)
      return bogus("not-covered", `no NSEC3 matches ${qname}, as a NODATA answer for ${rrTypeToString(qtype)} requires (RFC 5155 \xA78.5)`);
    return optOutNoDs(ctx, qname, "nodata");
  });
}
function checkMatching(m, name, qtype, what) {
  const types = m.rr.data.types;
  if (hasType2(types, qtype)) {
    return bogus("type-present", `the ${what} matching ${name} lists ${rrTypeToString(qtype)}, so the RRset exists`, { record: m.rr, ede: 6 });
  }
  if (hasType2(types, RRType.CNAME)) {
    return bogus("cname-present", `the ${what} matching ${name} lists CNAME: the answer should have been the CNAME`, { record: m.rr, ede: 6 });
  }
  if (qtype === RRType.DS) {
    if (hasType2(types, RRType.SOA) && !name.isRoot) {
      return bogus("child-side-record", `the ${what} matching ${name} has SOA: it is the child zone's apex record, and only the parent can deny DS`, {
        record: m.rr,
        ede: 6
      });
    }
  } else if (hasType2(types, RRType.NS) && !hasType2(types, RRType.SOA)) {
    return bogus("parent-side-record", `the ${what} matching ${name} is a delegation's (NS without SOA): the answer should have been a referral`, {
      record: m.rr,
      ede: 6
    });
  }
  return void 0;
}
function optOutNoDs(ctx, name, kind) {
  const p = proveClosestEncloser(ctx, name);
  if (isResult2(p))
    return p;
  if (!p.ncRecord?.optOut) {
    return bogus("nsec3-not-opt-out", `no NSEC3 matches ${name} and the NSEC3 covering the next closer name ${p.nextCloser} is not opt-out (RFC 5155 \xA78.6)`, {
      ...p.ncRecord ? { record: p.ncRecord.rr } : {}
    });
  }
  return secureUnlessOptOut(kind, p, ceSteps(p), `the absence of DS at ${name}`);
}
function proveWildcardNoData2(qname, qtype, nsec3s, zone, options = {}) {
  return run(nsec3s, zone, [qname], options, (ctx) => {
    const p = proveClosestEncloser(ctx, qname);
    if (isResult2(p))
      return p;
    if (p.ce.equals(qname))
      return bogus("name-exists", `an NSEC3 matches ${qname}: not a wildcard answer`, { record: p.ceRecord.rr });
    const wildcard = p.ce.wildcard();
    const m = ctx.match(wildcard);
    if (!m)
      return bogus("no-wildcard-record", `no NSEC3 matches the wildcard ${wildcard} to show it lacks ${rrTypeToString(qtype)}`);
    const rejected = checkMatching(m, wildcard, qtype, "wildcard NSEC3");
    if (rejected)
      return rejected;
    const steps = [...ceSteps(p), { role: "matches-wildcard", name: wildcard, record: m.rr }];
    return secureUnlessOptOut("wildcard-nodata", p, steps, `the wildcard NODATA for ${qname}`);
  });
}
function proveWildcardAnswer2(qname, closestEncloser2, nsec3s, zone, options = {}) {
  if (!qname.isSubdomainOf(closestEncloser2) || qname.equals(closestEncloser2)) {
    return bogus("wildcard-mismatch", `${qname} is not below ${closestEncloser2}, so *.${closestEncloser2} cannot have produced it`);
  }
  return run(nsec3s, zone, [qname, closestEncloser2], options, (ctx) => {
    const nextCloser = qname.suffix(closestEncloser2.labelCount + 1);
    const nc = ctx.cover(nextCloser);
    if (!nc) {
      return bogus("nsec3-next-closer-not-covered", `no NSEC3 covers the next closer name ${nextCloser}: a closer match than *.${closestEncloser2} may exist`);
    }
    const steps = [{ role: "covers-next-closer", name: nextCloser, record: nc.rr }];
    const proof = { kind: "wildcard-answer", closestEncloser: closestEncloser2, steps };
    if (nc.optOut) {
      return insecure("nsec3-opt-out", `the next closer name ${nextCloser} lies in an opt-out span (NSEC3 ${nc.rr.name}): the wildcard answer cannot be proven secure (RFC 5155 \xA79.2)`, {
        proof
      });
    }
    return secure(proof);
  });
}
function proveNoDs2(childZone, nsec3s, parentZone, options = {}) {
  if (childZone.equals(parentZone)) {
    return bogus("child-side-record", `${childZone} is the apex of the zone whose NSEC3 records were given; its DS lives in the parent`);
  }
  return run(nsec3s, parentZone, [childZone], options, (ctx) => {
    const m = ctx.match(childZone);
    if (m) {
      const types = m.rr.data.types;
      if (hasType2(types, RRType.SOA)) {
        return bogus("child-side-record", `the NSEC3 matching ${childZone} has SOA: it is the child zone's apex record, and only the parent can deny DS`, {
          record: m.rr,
          ede: 6
        });
      }
      if (hasType2(types, RRType.DS))
        return bogus("ds-present", `the NSEC3 matching ${childZone} lists DS: the delegation is signed`, { record: m.rr, ede: 6 });
      if (!hasType2(types, RRType.NS)) {
        return bogus("not-a-delegation", `the NSEC3 matching ${childZone} lists no NS: there is no zone cut at ${childZone}`, { record: m.rr, ede: 6 });
      }
      return secure({ kind: "insecure-delegation", steps: [{ role: "matches-qname", name: childZone, record: m.rr }] });
    }
    return optOutNoDs(ctx, childZone, "insecure-delegation");
  });
}

// dist/dnssec/denial-dispatch.js
function denialFunctions(records, limits, onHash) {
  if (!records.some((r) => r.type === RRType.NSEC3))
    return nsec_exports;
  const o = {
    nsec3InsecureIterations: limits.nsec3InsecureIterations,
    nsec3BogusIterations: limits.nsec3BogusIterations,
    maxDenialRecords: limits.maxDenialRecords,
    ...onHash ? { onHash } : {}
  };
  return {
    proveNxDomain: (q, r, z) => proveNxDomain2(q, r, z, o),
    proveNoData: (q, t, r, z) => proveNoData2(q, t, r, z, o),
    proveWildcardNoData: (q, t, r, z) => proveWildcardNoData2(q, t, r, z, o),
    proveWildcardAnswer: (q, c, r, z) => proveWildcardAnswer2(q, c, r, z, o),
    proveNoDs: (c, r, z) => proveNoDs2(c, r, z, o)
  };
}

// dist/dnssec/status.js
var EDE = {
  UNSUPPORTED_DNSKEY_ALGORITHM: 1,
  UNSUPPORTED_DS_DIGEST: 2,
  DNSSEC_INDETERMINATE: 5,
  DNSSEC_BOGUS: 6,
  SIGNATURE_EXPIRED: 7,
  SIGNATURE_NOT_YET_VALID: 8,
  DNSKEY_MISSING: 9,
  RRSIGS_MISSING: 10,
  NO_ZONE_KEY_BIT: 11,
  NSEC_MISSING: 12,
  NO_REACHABLE_AUTHORITY: 22,
  NETWORK_ERROR: 23,
  UNSUPPORTED_NSEC3_ITERATIONS: 27
};
var RANK = { bogus: 0, indeterminate: 1, insecure: 2, secure: 3 };
function worst(a, b) {
  return RANK[a] <= RANK[b] ? a : b;
}
function assertNever(x) {
  throw new Error(`unexpected value ${String(x)}`);
}

// dist/dnssec/delegation.js
function reasonOf(r, child) {
  if (r.status === "insecure") {
    const code = r.code === "nsec3-opt-out" ? "nsec3-opt-out" : r.code === "nsec3-iterations" ? "nsec3-iterations" : "nsec3-unsupported-hash";
    return { code, ede: r.ede, text: `DS at ${child}: ${r.reason}` };
  }
  return { code: "denial-invalid", ede: r.ede, text: `DS at ${child}: ${r.reason}` };
}
function classifyDsDenial(input) {
  const { child, zone, rcode, records, limits } = input;
  const proofs = denialFunctions(records, limits, input.onHash);
  if (rcode === Rcode.NXDOMAIN) {
    const nx2 = proofs.proveNxDomain(child, records, zone);
    if (nx2.status === "secure")
      return { kind: "no-cut", exists: false };
    if (nx2.status === "insecure")
      return { kind: "insecure", reason: reasonOf(nx2, child) };
    return { kind: "bogus", reason: reasonOf(nx2, child) };
  }
  const noDs = proofs.proveNoDs(child, records, zone);
  if (noDs.status === "secure") {
    return { kind: "insecure", reason: { code: "insecure-delegation", text: `${child} is a delegation without DS, proven by ${zone}: the chain of trust ends there` } };
  }
  if (noDs.status === "insecure")
    return { kind: "insecure", reason: reasonOf(noDs, child) };
  if (noDs.code !== "not-a-delegation")
    return { kind: "bogus", reason: reasonOf(noDs, child) };
  const nodata = proofs.proveNoData(child, RRType.DS, records, zone);
  if (nodata.status === "secure")
    return { kind: "no-cut", exists: true };
  const wild = proofs.proveWildcardNoData(child, RRType.DS, records, zone);
  if (wild.status === "secure")
    return { kind: "no-cut", exists: true };
  const nx = proofs.proveNxDomain(child, records, zone);
  if (nx.status === "secure")
    return { kind: "no-cut", exists: false };
  return { kind: "bogus", reason: { code: "denial-invalid", ede: EDE.DNSSEC_BOGUS, text: `DS at ${child}: ${nodata.status === "bogus" ? nodata.reason : noDs.reason}` } };
}

// dist/dnssec/keytag.js
var DNSKEY_FIXED_OCTETS = 4;
function keyTag(dnskeyRdata) {
  if (dnskeyRdata.length < DNSKEY_FIXED_OCTETS) {
    throw new RangeError(`expected DNSKEY RDATA of at least ${DNSKEY_FIXED_OCTETS} octets, got length=${dnskeyRdata.length}`);
  }
  if (dnskeyRdata[3] === DnssecAlgorithm.RSAMD5) {
    if (dnskeyRdata.length < DNSKEY_FIXED_OCTETS + 3)
      return 0;
    return dnskeyRdata[dnskeyRdata.length - 3] << 8 | dnskeyRdata[dnskeyRdata.length - 2];
  }
  let ac = 0;
  for (let i = 0; i < dnskeyRdata.length; i++)
    ac += i & 1 ? dnskeyRdata[i] : dnskeyRdata[i] << 8;
  ac += ac >>> 16 & 65535;
  return ac & 65535;
}

// dist/dnssec/ds.js
var HASH_FOR_DIGEST = /* @__PURE__ */ new Map([
  [DsDigestType.SHA1, "sha1"],
  [DsDigestType.SHA256, "sha256"],
  [DsDigestType.SHA384, "sha384"]
]);
function isSupportedDigestType(digestType) {
  return HASH_FOR_DIGEST.has(digestType);
}
function dsDigest(owner, dnskeyRdata, digestType, backend = defaultBackend()) {
  const hash = HASH_FOR_DIGEST.get(digestType);
  if (!hash)
    throw new RangeError(`expected DS digest type 1, 2 or 4, got ${digestType}`);
  const o = owner.toCanonicalWire();
  const buf = new Uint8Array(o.length + dnskeyRdata.length);
  buf.set(o, 0);
  buf.set(dnskeyRdata, o.length);
  return backend.digest(hash, buf);
}
function computeDS(dnskey, digestType, backend) {
  if (dnskey.type !== RRType.DNSKEY)
    throw new TypeError(`expected a DNSKEY record, got type ${rrTypeToString(dnskey.type)}`);
  const digest2 = dsDigest(dnskey.name, dnskey.rdata, digestType, backend);
  const tag = keyTag(dnskey.rdata);
  const algorithm = dnskey.rdata[3];
  const data = { keyTag: tag, algorithm, digestType, digest: digest2 };
  return createRR({ name: dnskey.name, type: RRType.DS, class: dnskey.class, ttl: dnskey.ttl, data });
}
function dsMatchesDnskey(ds, dnskey, backend) {
  if (dnskey.type !== RRType.DNSKEY || dnskey.rdata.length < 4)
    return false;
  if (!ds.name.equals(dnskey.name) || ds.data.algorithm !== dnskey.rdata[3] || ds.data.keyTag !== keyTag(dnskey.rdata))
    return false;
  if (!isSupportedDigestType(ds.data.digestType))
    return false;
  const d = dsDigest(dnskey.name, dnskey.rdata, ds.data.digestType, backend);
  if (d.length !== ds.data.digest.length)
    return false;
  for (let i = 0; i < d.length; i++)
    if (d[i] !== ds.data.digest[i])
      return false;
  return true;
}

// dist/dnssec/serial.js
var MOD = 4294967296;
var HALF = 2147483648;
function toSerialTime(date) {
  return Math.floor(date.getTime() / 1e3) >>> 0;
}
function serialDiff(a, b) {
  const d = b - a >>> 0;
  return d > HALF ? d - MOD : d;
}
function serialLt(a, b) {
  return serialDiff(a, b) > 0;
}
function serialAdd(a, seconds) {
  return a + seconds >>> 0;
}
function serialToDate(value, now) {
  const base = Math.floor(now.getTime() / 1e3);
  return new Date((base + serialDiff(toSerialTime(now), value)) * 1e3);
}
function formatTime(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// dist/dnssec/rrsig.js
var DNSKEY_FLAG_ZONE = 256;
var DNSKEY_FLAG_REVOKE = 128;
var DNSKEY_PROTOCOL = 3;
var RRSIG_FIXED_OCTETS = 18;
var EDE_FOR_CODE = Object.freeze({
  "empty-rrset": 6,
  "rrset-inconsistent": 6,
  "rrset-malformed": 6,
  "rrsig-owner-mismatch": 6,
  "rrsig-class-mismatch": 6,
  "rrsig-type-mismatch": 6,
  "rrsig-labels-exceed-owner": 6,
  "rrsig-signer-not-ancestor": 6,
  "rrsig-window-inverted": 6,
  "signature-expired": 7,
  "signature-not-yet-valid": 8,
  "algorithm-unsupported": 1,
  "algorithm-disabled": 1,
  "dnskey-missing": 9,
  "dnskey-not-zone-key": 11,
  "dnskey-revoked": 6,
  "dnskey-bad-protocol": 6,
  "key-malformed": 6,
  "signature-malformed": 6,
  "signature-invalid": 6,
  "key-attempts-exceeded": 6
});
var PROBLEM_RANK = {
  "dnskey-bad-protocol": 1,
  "dnskey-not-zone-key": 2,
  "dnskey-revoked": 3,
  "key-malformed": 4,
  "signature-malformed": 5,
  "signature-invalid": 6
};
function worse(p, code, detail) {
  return p && (PROBLEM_RANK[code] ?? 0) <= (PROBLEM_RANK[p.code] ?? 0) ? p : { code, detail };
}
function failure(sig, first, attempts, code, detail) {
  const d = sig.data;
  return {
    ok: false,
    code,
    ede: EDE_FOR_CODE[code],
    reason: `RRSIG for ${(first?.name ?? sig.name).toString()} ${rrTypeToString(first?.type ?? d.typeCovered)} by ${d.signerName.toString()} key ${d.keyTag} ${detail}`,
    attempts
  };
}
var keyTags = /* @__PURE__ */ new WeakMap();
function cachedKeyTag(rdata) {
  let t = keyTags.get(rdata);
  if (t === void 0) {
    t = keyTag(rdata);
    keyTags.set(rdata, t);
  }
  return t;
}
function isDnskey(rr) {
  return rr.type === RRType.DNSKEY;
}
var SIGNED_DATA_SCRATCH_OCTETS = 16 * 1024;
var COPY_LOOP_MAX_OCTETS = 24;
var scratch;
var scratchBusy = false;
function wildcardOwnerLength(owner, labels) {
  const ls = owner.labels;
  let len = 3;
  for (let i = ls.length - labels; i < ls.length; i++)
    len += ls[i].length + 1;
  return len;
}
function writeCanonicalLabels(out, o, ls, from) {
  for (let i = from; i < ls.length; i++) {
    const l = ls[i];
    out[o++] = l.length;
    for (let j = 0; j < l.length; j++) {
      const b = l[j];
      out[o++] = b >= 65 && b <= 90 ? b | 32 : b;
    }
  }
  out[o++] = 0;
  return o;
}
function writeSignedData(rrset, fixed, signerName, labels, originalTtl, useScratch) {
  const first = rrset[0];
  const owner = first.name;
  const expanded = labels < owner.rrsigLabelCount;
  const ownerLength = expanded ? wildcardOwnerLength(owner, labels) : owner.wireLength;
  const rdatas = canonicalRdataSet(rrset);
  let size = RRSIG_FIXED_OCTETS + signerName.wireLength;
  for (let i = 0; i < rdatas.length; i++)
    size += ownerLength + 10 + rdatas[i].length;
  let out;
  if (useScratch && size <= SIGNED_DATA_SCRATCH_OCTETS)
    out = scratch ??= new Uint8Array(SIGNED_DATA_SCRATCH_OCTETS);
  else
    out = new Uint8Array(size);
  for (let i = 0; i < RRSIG_FIXED_OCTETS; i++)
    out[i] = fixed[i];
  let o = writeCanonicalLabels(out, RRSIG_FIXED_OCTETS, signerName.labels, 0);
  const ownerAt = o;
  if (!expanded)
    writeCanonicalLabels(out, o, owner.labels, 0);
  else {
    out[o] = 1;
    out[o + 1] = 42;
    writeCanonicalLabels(out, o + 2, owner.labels, owner.labels.length - labels);
  }
  const t = first.type, c = first.class, ttl = originalTtl >>> 0;
  for (let k = 0; k < rdatas.length; k++) {
    const r = rdatas[k];
    if (k > 0)
      for (let i = 0; i < ownerLength; i++)
        out[o + i] = out[ownerAt + i];
    o += ownerLength;
    out[o] = t >> 8;
    out[o + 1] = t & 255;
    out[o + 2] = c >> 8;
    out[o + 3] = c & 255;
    out[o + 4] = ttl >>> 24;
    out[o + 5] = ttl >>> 16 & 255;
    out[o + 6] = ttl >>> 8 & 255;
    out[o + 7] = ttl & 255;
    out[o + 8] = r.length >> 8;
    out[o + 9] = r.length & 255;
    o += 10;
    if (r.length <= COPY_LOOP_MAX_OCTETS)
      for (let i = 0; i < r.length; i++)
        out[o + i] = r[i];
    else
      out.set(r, o);
    o += r.length;
  }
  return out === scratch ? scratchView(size) : out;
}
var scratchViews = /* @__PURE__ */ new Map();
var SCRATCH_VIEWS = 64;
function scratchView(size) {
  let view = scratchViews.get(size);
  if (view === void 0) {
    if (scratchViews.size >= SCRATCH_VIEWS)
      scratchViews.clear();
    view = scratch.subarray(0, size);
    scratchViews.set(size, view);
  }
  return view;
}
function rrsigFixedOctets(d) {
  const out = new Uint8Array(RRSIG_FIXED_OCTETS);
  const v = new DataView(out.buffer);
  v.setUint16(0, d.typeCovered);
  v.setUint8(2, d.algorithm);
  v.setUint8(3, d.labels);
  v.setUint32(4, d.originalTtl >>> 0);
  v.setUint32(8, d.expiration >>> 0);
  v.setUint32(12, d.inception >>> 0);
  v.setUint16(16, d.keyTag);
  return out;
}
function fixedOctetsOf(rrsig) {
  return rrsig.rdata.length >= RRSIG_FIXED_OCTETS ? rrsig.rdata : rrsigFixedOctets(rrsig.data);
}
function verifyRRset(input) {
  const { rrset, rrsig } = input;
  if (rrsig.type !== RRType.RRSIG)
    throw new TypeError(`expected an RRSIG record, got type ${rrTypeToString(rrsig.type)}`);
  const sig = rrsig;
  const d = sig.data;
  const now = input.now ?? /* @__PURE__ */ new Date();
  if (Number.isNaN(now.getTime()))
    throw new TypeError("expected a valid Date for now, got an Invalid Date");
  const skewInput = input.clockSkewSeconds ?? 0;
  if (!Number.isFinite(skewInput))
    throw new TypeError(`expected a finite clockSkewSeconds, got ${skewInput}`);
  const backend = input.backend ?? defaultBackend();
  const attempts = 0;
  const first = rrset[0];
  if (!first)
    return failure(sig, first, attempts, "empty-rrset", "covers an empty RRset");
  for (let i = 1; i < rrset.length; i++) {
    const rr = rrset[i];
    if (rr.type !== first.type || rr.class !== first.class || !rr.name.equals(first.name)) {
      return failure(sig, first, attempts, "rrset-inconsistent", `covers records that differ in owner, class or type (${rr.name.toString()} ${rrTypeToString(rr.type)})`);
    }
  }
  if (!sig.name.equals(first.name))
    return failure(sig, first, attempts, "rrsig-owner-mismatch", `has owner ${sig.name.toString()}, not the RRset owner`);
  if (sig.class !== first.class)
    return failure(sig, first, attempts, "rrsig-class-mismatch", `has class ${sig.class}, not the RRset class ${first.class}`);
  if (d.typeCovered !== first.type) {
    return failure(sig, first, attempts, "rrsig-type-mismatch", `covers type ${rrTypeToString(d.typeCovered)}, not ${rrTypeToString(first.type)}`);
  }
  if (d.labels > first.name.rrsigLabelCount) {
    return failure(sig, first, attempts, "rrsig-labels-exceed-owner", `has labels field ${d.labels}, more than the ${first.name.rrsigLabelCount} labels of the owner`);
  }
  if (!first.name.isSubdomainOf(d.signerName)) {
    return failure(sig, first, attempts, "rrsig-signer-not-ancestor", `names a signer that is neither the owner nor an ancestor of it`);
  }
  const skew = Math.max(0, Math.floor(skewInput));
  const now32 = toSerialTime(now);
  if (serialLt(d.expiration, d.inception)) {
    return failure(sig, first, attempts, "rrsig-window-inverted", `has expiration ${formatTime(serialToDate(d.expiration, now))} before inception ${formatTime(serialToDate(d.inception, now))}`);
  }
  if (serialLt(serialAdd(d.expiration, skew), now32)) {
    return failure(sig, first, attempts, "signature-expired", `expired ${formatTime(serialToDate(d.expiration, now))}, now ${formatTime(now)}`);
  }
  if (serialLt(now32, serialAdd(d.inception, -skew))) {
    return failure(sig, first, attempts, "signature-not-yet-valid", `is not valid before ${formatTime(serialToDate(d.inception, now))}, now ${formatTime(now)}`);
  }
  const status = algorithmStatus(d.algorithm, input.policy);
  if (!status.supported)
    return failure(sig, first, attempts, status.code, `not verifiable: ${status.detail}`);
  const candidates = [];
  for (const k of input.keys) {
    if (!isDnskey(k) || k.data.algorithm !== d.algorithm || k.rdata.length < 4)
      continue;
    if (cachedKeyTag(k.rdata) !== d.keyTag || !k.name.equals(d.signerName))
      continue;
    candidates.push(k);
  }
  if (candidates.length === 0)
    return failure(sig, first, attempts, "dnskey-missing", `has no DNSKEY: none of ${d.signerName.toString()} with algorithm ${d.algorithm} and key tag ${d.keyTag}`);
  const useScratch = !scratchBusy;
  let signedData;
  try {
    signedData = writeSignedData(rrset, fixedOctetsOf(sig), d.signerName, d.labels, d.originalTtl, useScratch);
  } catch (e) {
    if (e instanceof DnsFormatError)
      return failure(sig, first, attempts, "rrset-malformed", `covers a record whose RDATA is malformed (${e.message})`);
    throw e;
  }
  if (useScratch)
    scratchBusy = true;
  try {
    return tryKeys(input, sig, first, candidates, status.info, signedData, backend, now, now32);
  } finally {
    if (useScratch)
      scratchBusy = false;
  }
}
function verified(rrset, d, k, now, now32) {
  const untilExpiry = serialDiff(now32, d.expiration);
  let ttl = d.originalTtl < untilExpiry ? d.originalTtl : untilExpiry;
  for (let i = 0; i < rrset.length; i++) {
    const t = rrset[i].ttl;
    if (t < ttl)
      ttl = t;
  }
  if (ttl < 0)
    ttl = 0;
  const expiresAt = new Date((Math.floor(now.getTime() / 1e3) + untilExpiry) * 1e3);
  return { ok: true, key: k, keyTag: d.keyTag, ttl, expiresAt };
}
function tryKeys(input, sig, first, candidates, info, signedData, backend, now, now32) {
  const { rrset } = input;
  const d = sig.data;
  const maxAttempts = input.maxKeyAttempts ?? MAX_KEYS_PER_RRSIG;
  let attempts = 0;
  let problem;
  for (let i = 0; i < candidates.length; i++) {
    const k = candidates[i];
    const kd = k.data;
    if (kd.protocol !== DNSKEY_PROTOCOL) {
      problem = worse(problem, "dnskey-bad-protocol", `has only a DNSKEY with protocol ${kd.protocol}, not 3`);
      continue;
    }
    if ((kd.flags & DNSKEY_FLAG_ZONE) === 0) {
      problem = worse(problem, "dnskey-not-zone-key", "has only a DNSKEY without the ZONE flag");
      continue;
    }
    if ((kd.flags & DNSKEY_FLAG_REVOKE) !== 0) {
      const selfSig = input.allowRevokedSelfSignature === true && first.type === RRType.DNSKEY && rrset.some((r) => r === k || r.rdata.length === k.rdata.length && r.rdata.every((b, j) => b === k.rdata[j]));
      if (!selfSig) {
        problem = worse(problem, "dnskey-revoked", "has only a DNSKEY with the REVOKE flag (RFC 5011)");
        continue;
      }
    }
    if (attempts >= maxAttempts) {
      return failure(sig, first, attempts, "key-attempts-exceeded", `not verified: ${candidates.length} DNSKEYs share this key tag; stopped after ${attempts} failed checks (limit ${maxAttempts}, KeyTrap)`);
    }
    attempts++;
    const check = verifySignature(info, kd.publicKey, signedData, d.signature, backend);
    if (check.ok)
      return verified(rrset, d, k, now, now32);
    problem = worse(problem, check.code, check.detail);
  }
  const p = problem ?? { code: "signature-invalid", detail: "does not verify" };
  return failure(sig, first, attempts, p.code, p.detail);
}

// dist/dnssec/ds-match.js
var DIGEST_PREFERENCE = [DsDigestType.SHA384, DsDigestType.SHA256, DsDigestType.SHA1];
var MAX_DS_DIGESTS = 16;
function usableDsSet(ds, policy) {
  const supported = ds.filter((d) => DIGEST_PREFERENCE.includes(d.data.digestType) && DS_DIGEST_LENGTH.get(d.data.digestType) === d.data.digest.length && algorithmStatus(d.data.algorithm, policy).supported);
  if (supported.length === 0) {
    if (ds.length === 0)
      return { ds: [] };
    const algs = [...new Set(ds.map((d) => `${d.data.algorithm} (${dnssecAlgorithmToString(d.data.algorithm)})`))].join(", ");
    const digests = [...new Set(ds.map((d) => d.data.digestType))].join(", ");
    const anyAlgOk = ds.some((d) => algorithmStatus(d.data.algorithm, policy).supported);
    return {
      ds: [],
      reason: anyAlgOk ? { code: "unsupported-digest", ede: EDE.UNSUPPORTED_DS_DIGEST, text: `DS for ${ds[0].name} uses only unsupported digest types (${digests})` } : { code: "unsupported-algorithm", ede: EDE.UNSUPPORTED_DNSKEY_ALGORITHM, text: `DS for ${ds[0].name} uses only unsupported algorithms (${algs})` }
    };
  }
  const best = DIGEST_PREFERENCE.find((t) => supported.some((d) => d.data.digestType === t));
  return { ds: supported.filter((d) => d.data.digestType === best) };
}
function equalBytes(a, b) {
  if (a.length !== b.length)
    return false;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i])
      return false;
  return true;
}
function isUsableZoneKey(k) {
  return k.data.protocol === DNSKEY_PROTOCOL && (k.data.flags & DNSKEY_FLAG_ZONE) !== 0 && (k.data.flags & DNSKEY_FLAG_REVOKE) === 0;
}
function matchDsToKeys(ds, keys, keyAnchors = []) {
  const out = [];
  let digests = 0;
  for (const k of keys) {
    if (!isUsableZoneKey(k))
      continue;
    if (keyAnchors.some((a) => a.name.equals(k.name) && equalBytes(a.rdata, k.rdata))) {
      out.push(k);
      continue;
    }
    const tag = keyTag(k.rdata);
    for (const d of ds) {
      if (d.data.keyTag !== tag || d.data.algorithm !== k.data.algorithm)
        continue;
      if (++digests > MAX_DS_DIGESTS)
        return out;
      if (dsMatchesDnskey(d, k)) {
        out.push(k);
        break;
      }
    }
  }
  return out;
}

// dist/dnssec/call-budget.js
import { setMaxListeners } from "node:events";
var DEFAULT_CALL_BUDGET = Object.freeze({
  deadlineMs: 12e4,
  maxQueries: 400,
  maxSignatureChecks: 1e3,
  maxNsec3HashWork: 2e5,
  maxSmtpSessions: 20,
  maxConcurrentSmtpSessions: 5,
  maxCertificateBytes: 2 * 1024 * 1024
});
var MAX_DEADLINE_MS = 36e5;
var LIMIT_OF = {
  queries: "maxQueries",
  signatureChecks: "maxSignatureChecks",
  nsec3HashWork: "maxNsec3HashWork",
  smtpSessions: "maxSmtpSessions",
  certificateBytes: "maxCertificateBytes"
};
var BudgetExhausted = class extends Error {
  reason;
  name = "BudgetExhausted";
  constructor(reason) {
    super(reason.text);
    this.reason = reason;
  }
};
var CallBudget = class {
  limits;
  started = performance.now();
  callerSignal;
  deadline;
  combined;
  used = { queries: 0, signatureChecks: 0, nsec3HashWork: 0, smtpSessions: 0, certificateBytes: 0 };
  exhausted;
  openSessions = 0;
  waiting = [];
  /** @throws RangeError for a limit that is not a positive whole number (caller misuse) */
  constructor(limits, callerSignal) {
    this.callerSignal = callerSignal;
    if (limits === void 0) {
      this.limits = DEFAULT_CALL_BUDGET;
      return;
    }
    this.limits = Object.freeze({ ...DEFAULT_CALL_BUDGET, ...limits });
    for (const [k, v] of Object.entries(this.limits)) {
      if (!Number.isInteger(v) || v < 1)
        throw outOfRange(`expected budget.${k} as a whole number of at least 1, got ${v}`);
    }
    if (this.limits.deadlineMs > MAX_DEADLINE_MS)
      throw outOfRange(`expected budget.deadlineMs of at most ${MAX_DEADLINE_MS}, got ${this.limits.deadlineMs}`);
  }
  /**
   * Fires at the deadline or when the caller's signal does. Made when first asked for (by the first
   * question sent or session opened): a call answered from caches sets no timer at all.
   */
  get signal() {
    if (!this.combined) {
      const left = Math.ceil(this.limits.deadlineMs - (performance.now() - this.started));
      this.deadline = left > 0 ? AbortSignal.timeout(left) : AbortSignal.abort(new DOMException("The call reached its deadline", "TimeoutError"));
      this.combined = this.callerSignal ? AbortSignal.any([this.deadline, this.callerSignal]) : this.deadline;
      setMaxListeners(0, this.combined);
    }
    return this.combined;
  }
  /** Whether the deadline has passed (rather than the caller having aborted). */
  get pastDeadline() {
    return this.deadline?.aborted === true || performance.now() - this.started >= this.limits.deadlineMs;
  }
  /** Whether work under this budget must stop: the deadline passed or the caller aborted. */
  get aborted() {
    return this.callerSignal?.aborted === true || this.pastDeadline;
  }
  /** The reason to give for work stopped by this budget (the first bound reached), or undefined while none is. */
  get exhaustedReason() {
    if (!this.exhausted && this.pastDeadline)
      this.exhausted = { bound: "deadlineMs", detail: `the call took longer than ${this.limits.deadlineMs} ms` };
    return this.exhausted ? reasonOf2(this.exhausted) : void 0;
  }
  /**
   * Counts `n` of `what` against its bound.
   * @throws BudgetExhausted when the bound would be passed (or the deadline has passed)
   */
  charge(what, n, doing) {
    if (this.pastDeadline)
      throw new BudgetExhausted(this.exhaustedReason);
    const limit = this.limits[LIMIT_OF[what]];
    if (this.used[what] + n > limit) {
      const e = { bound: LIMIT_OF[what], detail: `${limit} ${what} used up, next was ${doing}` };
      this.exhausted ??= e;
      throw new BudgetExhausted(reasonOf2(e));
    }
    this.used[what] += n;
  }
  /**
   * Counts up to `wanted` SMTP sessions against {@link CallBudgetLimits.maxSmtpSessions} at once, so
   * that the caller can share them out before opening any; fewer are granted when fewer are left,
   * and the bound is then recorded as reached, with `reason` to give for what gets none.
   * @throws BudgetExhausted when the deadline has passed
   */
  reserveSessions(wanted, doing) {
    if (this.pastDeadline)
      throw new BudgetExhausted(this.exhaustedReason);
    const granted = Math.min(wanted, this.limits.maxSmtpSessions - this.used.smtpSessions);
    this.used.smtpSessions += granted;
    if (granted === wanted)
      return { granted };
    const e = { bound: "maxSmtpSessions", detail: `${this.limits.maxSmtpSessions} smtpSessions for ${wanted} wanted (${doing})` };
    this.exhausted ??= e;
    return { granted, reason: reasonOf2(e) };
  }
  /**
   * Waits for one of {@link CallBudgetLimits.maxConcurrentSmtpSessions} places for a session
   * counted by {@link reserveSessions}; call the returned function when it ends.
   * @throws BudgetExhausted when the deadline passes (or the caller aborts) while waiting
   */
  async openSession() {
    if (this.pastDeadline)
      throw new BudgetExhausted(this.exhaustedReason);
    while (this.openSessions >= this.limits.maxConcurrentSmtpSessions) {
      await new Promise((resolve) => {
        const go = () => {
          this.signal.removeEventListener("abort", go);
          const at = this.waiting.indexOf(go);
          if (at >= 0)
            this.waiting.splice(at, 1);
          resolve();
        };
        this.waiting.push(go);
        this.signal.addEventListener("abort", go, { once: true });
      });
      if (this.pastDeadline)
        throw new BudgetExhausted(this.exhaustedReason);
      if (this.signal.aborted)
        throw new BudgetExhausted({ code: "budget-exhausted", ede: EDE.DNSSEC_INDETERMINATE, text: "aborted by the caller" });
    }
    this.openSessions++;
    let closed = false;
    return () => {
      if (closed)
        return;
      closed = true;
      this.openSessions--;
      this.waiting.shift()?.();
    };
  }
  report() {
    void this.exhaustedReason;
    return {
      limits: this.limits,
      used: { ...this.used, elapsedMs: Math.round(performance.now() - this.started) },
      ...this.exhausted ? { exhausted: this.exhausted } : {}
    };
  }
};
function reasonOf2(e) {
  return { code: "budget-exhausted", ede: EDE.DNSSEC_INDETERMINATE, text: `budget ${e.bound} of this call exhausted: ${e.detail}` };
}

// dist/dnssec/lookup-context.js
var LimitExceeded = class extends Error {
  name = "LimitExceeded";
  reason;
  constructor(bound, detail) {
    super(`${bound} exceeded: ${detail}`);
    this.reason = { code: "limit-exceeded", ede: EDE.DNSSEC_BOGUS, text: `limit ${bound} exceeded (${detail})` };
  }
};
var LookupContext = class {
  upstream;
  limits;
  now;
  signal;
  crypto;
  fresh;
  budget;
  queries = 0;
  signatureChecks = 0;
  /** Set when an answer of this lookup came from the upstream's cache. */
  usedCache = false;
  /** Every question this lookup asked, by `name|type` (for {@link Upstream.capCacheLifetime}). */
  asked = /* @__PURE__ */ new Map();
  /**
   * DS and DNSKEY questions of the chain of trust asked ahead of need (keychain.ts), by owner:
   * a walk takes its answers from here, and the lookup's walks share them.
   */
  prefetched = { ds: /* @__PURE__ */ new Map(), keys: /* @__PURE__ */ new Map() };
  /** Waits until every question asked ahead of need has its answer or failure (DNSKEY questions start when DS answers arrive). */
  async settlePrefetched() {
    if (this.prefetched.ds.size === 0)
      return;
    for (let seen = -1; seen !== this.prefetched.ds.size + this.prefetched.keys.size; ) {
      seen = this.prefetched.ds.size + this.prefetched.keys.size;
      await Promise.allSettled([...this.prefetched.ds.values(), ...this.prefetched.keys.values()]);
      await new Promise((r) => setImmediate(r));
    }
  }
  checksByZone = /* @__PURE__ */ new Map();
  constructor(upstream, limits, now, signal, crypto = {}, fresh = false, budget) {
    this.upstream = upstream;
    this.limits = limits;
    this.now = now;
    this.signal = signal;
    this.crypto = crypto;
    this.fresh = fresh;
    this.budget = budget;
  }
  /** Seconds since the epoch, as RRSIG validity is expressed. */
  get nowSeconds() {
    return Math.floor(this.now.getTime() / 1e3);
  }
  /** Sends one question upstream, counted against {@link ValidatorLimits.maxQueries}. */
  async query(name, type, requireSignatures = false) {
    if (++this.queries > this.limits.maxQueries) {
      throw new LimitExceeded("maxQueries", `${this.limits.maxQueries} queries, next was ${name} ${rrTypeToString(type)}`);
    }
    this.budget?.charge("queries", 1, `${name} ${rrTypeToString(type)}`);
    if (this.signal?.aborted)
      return { ok: false, reason: "aborted by the caller", code: "aborted", attempts: [] };
    this.asked.set(`${name.key()}|${type}`, { name, type });
    try {
      const r = await this.upstream.query(name, type, { ...this.signal ? { signal: this.signal } : {}, requireSignatures, ...this.fresh ? { fresh: true } : {} });
      if (r.ok && r.fromCache)
        this.usedCache = true;
      publish("dnsQuery", () => ({ name: name.toString(), type, ok: r.ok, ...r.ok ? { fromCache: r.fromCache } : { reason: r.reason } }));
      const stop = !r.ok && r.code === "aborted" && this.budget?.pastDeadline ? this.budget.exhaustedReason : void 0;
      if (stop)
        throw new BudgetExhausted(stop);
      return r;
    } catch (e) {
      if (e instanceof BudgetExhausted)
        throw e;
      return { ok: false, reason: `resolver error: ${e.message}`, code: "network", attempts: [] };
    }
  }
  /**
   * Charges one NSEC3 hash of `iterations` iterations (iterations + 1 SHA-1 computations) to the
   * call's budget; undefined without one. Each proof is bounded on its own (NSEC3_MAX_HASH_WORK).
   */
  get nsec3HashCharger() {
    const budget = this.budget;
    return budget && ((iterations) => budget.charge("nsec3HashWork", iterations + 1, `an NSEC3 hash of ${iterations} iterations`));
  }
  /**
   * Counts one signature verification against {@link ValidatorLimits.maxSignatureChecks} and, for
   * the zone that signed, {@link ValidatorLimits.maxSignatureChecksPerZone}.
   */
  chargeSignatureCheck(what, zone) {
    this.budget?.charge("signatureChecks", 1, what);
    if (++this.signatureChecks > this.limits.maxSignatureChecks) {
      throw new LimitExceeded("maxSignatureChecks", `${this.limits.maxSignatureChecks} signature checks, next was ${what}`);
    }
    const key2 = zone.key();
    const n = (this.checksByZone.get(key2) ?? 0) + 1;
    this.checksByZone.set(key2, n);
    if (n > this.limits.maxSignatureChecksPerZone) {
      throw new LimitExceeded("maxSignatureChecksPerZone", `${this.limits.maxSignatureChecksPerZone} signature checks in zone ${zone}, next was ${what}`);
    }
  }
};

// dist/dnssec/rrsets.js
function key(name, type) {
  return `${name.key()}|${type}`;
}
function rdataKey(rr) {
  let bytes;
  try {
    bytes = canonicalRdata(rr.type, rr.rdata);
  } catch {
    bytes = rr.rdata;
  }
  return toHex(bytes);
}
function groupRRsets(records) {
  const map = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Set();
  const sigs = [];
  for (const rr of records) {
    if (rr.class !== RRClass.IN)
      continue;
    const k = `${key(rr.name, rr.type)}|${rr.class}`;
    const id = `${k}|${rdataKey(rr)}`;
    if (seen.has(id))
      continue;
    seen.add(id);
    if (isType(rr, RRType.RRSIG)) {
      sigs.push(rr);
      continue;
    }
    let set = map.get(k);
    if (!set)
      map.set(k, set = { name: rr.name, type: rr.type, records: [], rrsigs: [] });
    set.records.push(rr);
  }
  const orphanRrsigs = [];
  for (const sig of sigs) {
    const set = map.get(`${key(sig.name, sig.data.typeCovered)}|${sig.class}`);
    if (set)
      set.rrsigs.push(sig);
    else
      orphanRrsigs.push(sig);
  }
  return { rrsets: [...map.values()], orphanRrsigs };
}
function findRRset(rrsets, name, type) {
  return rrsets.find((s) => s.type === type && s.name.equals(name));
}

// dist/dnssec/signed-rrset.js
var CODE_FROM_CRYPTO = {
  "signature-expired": "signature-expired",
  "signature-not-yet-valid": "signature-not-yet-valid",
  "dnskey-missing": "dnskey-missing",
  "algorithm-unsupported": "unsupported-algorithm",
  "algorithm-disabled": "unsupported-algorithm",
  "dnskey-not-zone-key": "no-zone-key",
  "key-attempts-exceeded": "limit-exceeded"
};
function describe(set) {
  return `${set.name} ${rrTypeToString(set.type)}`;
}
function verifySignedRRset(set, zone, keys, ctx) {
  if (set.rrsigs.length === 0) {
    return { ok: false, reason: { code: "rrsigs-missing", ede: EDE.RRSIGS_MISSING, text: `no RRSIG for ${describe(set)} in zone ${zone}` } };
  }
  const candidates = set.rrsigs.filter((s) => s.data.signerName.equals(zone));
  if (candidates.length === 0) {
    const signers = [...new Set(set.rrsigs.map((s) => s.data.signerName.toString()))].join(", ");
    return { ok: false, reason: { code: "unexpected-signer", ede: EDE.DNSSEC_BOGUS, text: `RRSIGs for ${describe(set)} are by ${signers}, not by zone ${zone}` } };
  }
  let first;
  const tried = candidates.slice(0, ctx.limits.maxRrsigsPerRRset);
  for (const rrsig of tried) {
    ctx.chargeSignatureCheck(`RRSIG for ${describe(set)} by ${zone} key ${rrsig.data.keyTag}`, zone);
    const r = verifyRRset({ rrset: set.records, rrsig, keys, now: ctx.now, ...ctx.crypto });
    if (r.ok)
      return { ok: true, rrsig, expiresAt: ctx.nowSeconds + r.ttl };
    first ??= { code: CODE_FROM_CRYPTO[r.code] ?? "signature-invalid", ede: r.ede, text: r.reason };
  }
  if (candidates.length > tried.length && !first) {
    first = { code: "limit-exceeded", ede: EDE.DNSSEC_BOGUS, text: `more than ${ctx.limits.maxRrsigsPerRRset} RRSIGs for ${describe(set)}` };
  }
  return { ok: false, reason: first };
}
function verifyDenialRecords(sets, zone, keys, ctx) {
  const records = [];
  let expiresAt = Number.POSITIVE_INFINITY;
  for (const set of sets) {
    if (set.type !== RRType.NSEC && set.type !== RRType.NSEC3)
      continue;
    const v = verifySignedRRset(set, zone, keys, ctx);
    if (!v.ok)
      return v;
    if (v.rrsig.data.labels < set.name.rrsigLabelCount) {
      return {
        ok: false,
        reason: {
          code: "denial-invalid",
          ede: EDE.DNSSEC_BOGUS,
          text: `${describe(set)} is a wildcard expansion (RRSIG labels ${v.rrsig.data.labels}, owner has ${set.name.rrsigLabelCount}): it proves nothing at ${set.name}`
        }
      };
    }
    expiresAt = Math.min(expiresAt, v.expiresAt);
    records.push(...set.records);
  }
  return { ok: true, records, expiresAt };
}

// dist/dnssec/keychain.js
var DS_PREFETCH_WINDOW = 4;
var APEX_TYPES = /* @__PURE__ */ new Set([RRType.MX, RRType.NS, RRType.SOA, RRType.DNSKEY, RRType.CDS, RRType.CDNSKEY, RRType.NSEC3PARAM]);
function link(zone, status, via, dsKeyTags, keys, reason) {
  return { zone: zone.toString(), status, via, dsKeyTags, keyTags: keys.map((k) => keyTagOf(k)), ...reason ? { reason: reason.text } : {} };
}
function keyTagOf(k) {
  return keyTag(k.rdata);
}
function failure2(status, reason, expiresAt) {
  return { kind: status, reason, expiresAt };
}
function isBad(v) {
  return "status" in v ? v.status === "bogus" : v.kind === "bogus";
}
function upstreamFailure(r, what) {
  return { code: "network-error", ede: EDE.NETWORK_ERROR, text: `${what}: ${r.reason}` };
}
function rcodeFailure(rcode, what) {
  if (rcode === Rcode.NOERROR || rcode === Rcode.NXDOMAIN)
    return void 0;
  return { code: "upstream-error", ede: EDE.DNSSEC_INDETERMINATE, text: `${what}: upstream answered RCODE ${rcode}` };
}
var KeyChain = class {
  anchors;
  maxEntries;
  zoneCache = /* @__PURE__ */ new Map();
  dsCache = /* @__PURE__ */ new Map();
  inflight = /* @__PURE__ */ new Map();
  constructor(anchors, maxEntries = 4096) {
    this.anchors = anchors;
    this.maxEntries = maxEntries;
  }
  /** Forgets every proven zone key set and DS step (lookups in flight finish as they are). */
  clear() {
    this.zoneCache.clear();
    this.dsCache.clear();
  }
  /** The zone of the closest active trust anchor at or above `name` (RFC 4033 §5), if any. */
  anchorZoneFor(name, now) {
    return closestAnchors(this.anchors, name, now)?.zone;
  }
  /** Walks from the closest trust anchor toward `target`, stopping at the first proof that ends the chain. */
  async walk(target2, ctx) {
    const found = closestAnchors(this.anchors, target2, ctx.now);
    if (!found) {
      return { status: "indeterminate", zone: target2, path: [], expiresAt: ctx.nowSeconds, reason: { code: "no-trust-anchor", ede: EDE.DNSSEC_INDETERMINATE, text: `no trust anchor covers ${target2}` } };
    }
    const below = [];
    for (let n = found.zone.labelCount + 1; n <= target2.labelCount; n++)
      below.push(target2.suffix(n));
    const prefetch = (i) => {
      const n = below[i];
      if (n)
        this.prefetchDs(n, ctx);
    };
    for (let j = 0; j < Math.min(below.length, DS_PREFETCH_WINDOW); j++)
      prefetch(j);
    let cur = await this.anchorZoneKeys(found.zone, found.anchors, ctx);
    const path = [cur.link];
    let expiresAt = cur.expiresAt;
    if (cur.status !== "secure")
      return { status: cur.status, zone: cur.zone, reason: cur.reason, path, expiresAt };
    for (let i = 0; i < below.length; i++) {
      for (let j = i; j < Math.min(below.length, i + DS_PREFETCH_WINDOW); j++)
        prefetch(j);
      const child = below[i];
      const step = await this.dsStep(child, cur, ctx, ctx.prefetched.ds.get(child.key()));
      expiresAt = Math.min(expiresAt, step.expiresAt);
      switch (step.kind) {
        case "ds": {
          if (path.length > ctx.limits.maxZoneCuts)
            throw new LimitExceeded("maxZoneCuts", `more than ${ctx.limits.maxZoneCuts} zone cuts from ${found.zone} to ${target2}`);
          cur = await this.childZoneKeys(child, step.ds, step.expiresAt, ctx, ctx.prefetched.keys.get(child.key()));
          path.push(cur.link);
          expiresAt = Math.min(expiresAt, cur.expiresAt);
          if (cur.status !== "secure")
            return { status: cur.status, zone: cur.zone, reason: cur.reason, path, expiresAt };
          break;
        }
        case "no-cut":
          if (!step.exists)
            return { status: "secure", zone: cur.zone, keys: cur.keys, path, nonexistent: child, expiresAt };
          break;
        case "insecure":
          path.push(link(child, "insecure", "ds", [], [], step.reason));
          return { status: "insecure", zone: child, reason: step.reason, path, expiresAt };
        case "bogus":
        case "indeterminate":
          path.push(link(child, step.kind, "ds", [], [], step.reason));
          return { status: step.kind, zone: child, reason: step.reason, path, expiresAt };
      }
    }
    return { status: "secure", zone: cur.zone, keys: cur.keys, path, expiresAt };
  }
  /**
   * Asks the questions a walk toward `name` starts with, without waiting for anything: the anchor
   * zone's DNSKEY RRset and the DS RRsets of the first names below the anchor. A lookup calls it
   * beside its first question, so the chain of trust is fetched while the answer is on its way
   * rather than after (issue #13). Nothing is trusted from it: the walk proves every answer as
   * before. The cost: DS questions for names below the answer's signer zone (at most
   * DS_PREFETCH_WINDOW per lookup, fewer once the validator's caches hold the upper zones).
   */
  prefetch(name, type, ctx) {
    while (!name.isRoot && name.labels[0][0] === 95)
      name = name.parent();
    if (!APEX_TYPES.has(type) && !name.isRoot)
      name = name.parent();
    const found = closestAnchors(this.anchors, name, ctx.now);
    if (!found)
      return;
    this.anchorZoneKeys(found.zone, found.anchors, ctx).catch(() => void 0);
    const last = Math.min(name.labelCount, found.zone.labelCount + DS_PREFETCH_WINDOW);
    for (let n = found.zone.labelCount + 1; n <= last; n++)
      this.prefetchDs(name.suffix(n), ctx);
  }
  /**
   * The DS question at `n`, once per lookup (unless its answer is cached), and beside it the DNSKEY
   * question of `n` (unless its keys are cached): a zone cut's keys are fetched in the same round
   * trip as the DS that proves them, not after it (issue #13). authenticateKeys proves that answer
   * against the DS exactly as before; where `n` turns out not to be a zone cut, the DNSKEY answer
   * (a denial) is not used. The cost: one DNSKEY question per name below the anchor that is not a
   * zone, at most DS_PREFETCH_WINDOW per walk or prefetch.
   */
  prefetchDs(n, ctx) {
    const key2 = n.key();
    if (!ctx.prefetched.ds.has(key2) && !this.fresh(this.dsCache, key2, ctx)) {
      const p = ctx.query(n, RRType.DS);
      p.catch(() => void 0);
      ctx.prefetched.ds.set(key2, p);
    }
    if (!ctx.prefetched.keys.has(key2) && !this.fresh(this.zoneCache, `zone|${key2}`, ctx) && !ctx.signal?.aborted) {
      const k = ctx.query(n, RRType.DNSKEY, true);
      k.catch(() => void 0);
      ctx.prefetched.keys.set(key2, k);
    }
  }
  fresh(cache, key2, ctx) {
    const hit = cache.get(key2);
    if (!hit)
      return void 0;
    if (hit.expiresAt <= ctx.nowSeconds) {
      cache.delete(key2);
      return void 0;
    }
    if (ctx.fresh && isBad(hit.value))
      return void 0;
    return hit.value;
  }
  store(cache, key2, value, reason, indeterminate = false) {
    if (reason?.code === "limit-exceeded" || indeterminate)
      return;
    if (cache.size >= this.maxEntries)
      cache.delete(cache.keys().next().value);
    cache.set(key2, { value, expiresAt: value.expiresAt });
  }
  /**
   * Runs `fn` once for concurrent callers asking for the same zone's keys. The fetch runs in the
   * first caller's lookup, so what it ends in may be about that lookup rather than the zone: its
   * abort signal or a network failure it met (indeterminate), or its own budget (LimitExceeded).
   * A caller that joined and got one of those runs `fn` itself once, within its own budget,
   * instead of inheriting another lookup's failure.
   */
  async dedupe(key2, fn) {
    const running = this.inflight.get(key2);
    if (!running) {
      const p = fn().finally(() => this.inflight.delete(key2));
      this.inflight.set(key2, p);
      return p;
    }
    try {
      const shared2 = await running;
      if (shared2.status !== "indeterminate")
        return shared2;
    } catch (e) {
      if (!(e instanceof LimitExceeded))
        throw e;
    }
    return fn();
  }
  badUntil(ctx) {
    return ctx.nowSeconds + ctx.limits.badCacheTtl;
  }
  /**
   * The DNSKEY RRset of an anchored zone, authenticated by the anchors' DS or DNSKEY records. The
   * cache entry belongs to the set of anchors active now (RFC 9718 §2.2 windows): when one is
   * withdrawn or another begins, the keys are proven again from the anchors then in force.
   */
  anchorZoneKeys(zone, anchors, ctx) {
    const cacheKey = `anchor|${zone.key()}|${anchors.map((a) => this.anchors.indexOf(a)).join(",")}`;
    const hit = this.fresh(this.zoneCache, cacheKey, ctx);
    if (hit)
      return Promise.resolve(hit);
    return this.dedupe(cacheKey, async () => {
      const ds = anchors.flatMap((a) => isType(a.record, RRType.DS) ? [a.record] : []);
      const keyAnchors = anchors.flatMap((a) => isType(a.record, RRType.DNSKEY) ? [a.record] : []);
      const result = await this.authenticateKeys(zone, ds, keyAnchors, "trust-anchor", ctx);
      this.store(this.zoneCache, cacheKey, result, result.status === "secure" ? void 0 : result.reason, result.status === "indeterminate");
      return result;
    });
  }
  /**
   * The DNSKEY RRset of a zone below a secure cut, authenticated by its parent's DS RRset. What is
   * proven lives no longer than that DS RRset (`dsExpiresAt`): once the parent's DS changes (a key
   * withdrawn, an algorithm rollover), the keys are proven again from the new DS RRset.
   */
  childZoneKeys(zone, ds, dsExpiresAt, ctx, pendingKeys) {
    const cacheKey = `zone|${zone.key()}`;
    const hit = this.fresh(this.zoneCache, cacheKey, ctx);
    if (hit)
      return Promise.resolve(hit);
    return this.dedupe(cacheKey, async () => {
      const proven = await this.authenticateKeys(zone, ds, [], "ds", ctx, pendingKeys);
      const result = proven.expiresAt > dsExpiresAt ? { ...proven, expiresAt: dsExpiresAt } : proven;
      this.store(this.zoneCache, cacheKey, result, result.status === "secure" ? void 0 : result.reason, result.status === "indeterminate");
      return result;
    });
  }
  /**
   * RFC 4035 §5.2: fetch the zone's DNSKEY RRset; keep the DS records with supported algorithm and
   * digest (none left -> insecure, RFC 4035 §5.2, RFC 6840 §5.2); find the keys they name; the
   * DNSKEY RRset must be signed by one of those keys. Only then are the zone's other keys trusted.
   */
  async authenticateKeys(zone, dsIn, keyAnchors, via, ctx, pendingKeys) {
    const what = `DNSKEY ${zone}`;
    const fail3 = (status, reason, dsTags2 = [], keys2 = []) => ({
      status,
      zone,
      reason,
      expiresAt: status === "insecure" ? ctx.nowSeconds + ctx.limits.maxCacheTtl : this.badUntil(ctx),
      link: link(zone, status, via, dsTags2, keys2, reason)
    });
    const usable = usableDsSet(dsIn, ctx.crypto.policy);
    const dsTags = usable.ds.map((d) => d.data.keyTag);
    if (usable.ds.length === 0 && keyAnchors.length === 0) {
      return fail3("insecure", usable.reason ?? { code: "unsupported-algorithm", ede: EDE.UNSUPPORTED_DNSKEY_ALGORITHM, text: `no DS for ${zone} has a supported algorithm and digest type` });
    }
    const r = await (pendingKeys ?? ctx.query(zone, RRType.DNSKEY, true));
    if (!r.ok)
      return fail3("indeterminate", upstreamFailure(r, what), dsTags);
    const bad = rcodeFailure(r.message.rcode, what);
    if (bad)
      return fail3("indeterminate", bad, dsTags);
    const set = findRRset(groupRRsets(r.message.answers).rrsets, zone, RRType.DNSKEY);
    if (!set)
      return fail3("bogus", { code: "dnskey-missing", ede: EDE.DNSKEY_MISSING, text: `no DNSKEY RRset for ${zone} in the answer` }, dsTags);
    const keys = set.records.filter((k) => isType(k, RRType.DNSKEY));
    const trusted = matchDsToKeys(usable.ds, keys, keyAnchors);
    if (trusted.length === 0) {
      const text = via === "trust-anchor" ? `no DNSKEY of ${zone} matches a trust anchor (anchor key tags ${dsTags.join(", ") || "none"}; zone key tags ${keys.map(keyTagOf).join(", ")})` : `no DNSKEY of ${zone} matches its DS records (DS key tags ${dsTags.join(", ")}; zone key tags ${keys.map(keyTagOf).join(", ")})`;
      return fail3("bogus", { code: "ds-mismatch", ede: EDE.DNSSEC_BOGUS, text }, dsTags, keys);
    }
    const v = verifySignedRRset(set, zone, trusted, ctx);
    if (!v.ok)
      return fail3("bogus", { ...v.reason, text: `DNSKEY RRset of ${zone} is not signed by a key its DS names: ${v.reason.text}` }, dsTags, keys);
    const expiresAt = Math.min(v.expiresAt, ctx.nowSeconds + ctx.limits.maxCacheTtl);
    return { status: "secure", zone, keys: detachedOrSame(keys), expiresAt, link: link(zone, "secure", via, dsTags, keys) };
  }
  /** What the DS query at `child` proves, validated with the keys of the secure zone above it. */
  async dsStep(child, parent, ctx, pending) {
    const cacheKey = child.key();
    const hit = this.fresh(this.dsCache, cacheKey, ctx);
    if (hit)
      return hit;
    const what = `DS ${child}`;
    const r = await (pending ?? ctx.query(child, RRType.DS));
    const step = this.classifyDs(child, parent, r, what, ctx);
    this.store(this.dsCache, cacheKey, step, "reason" in step ? step.reason : void 0, step.kind === "indeterminate");
    return step;
  }
  /**
   * RFC 4035 §5.3.4: a CNAME at `child` expanded from a wildcard (its RRSIG labels field is below
   * the name's label count) proves no zone cut at `child` only with the proof that no closer name
   * exists: replayed alone, a wildcard's CNAME would hide a real delegation (and its DS) below the
   * wildcard's parent. Without that proof the step is bogus, remembered for badCacheTtl only, not
   * for the CNAME's TTL (issue #11).
   */
  wildcardCname(child, labels, denial, parent, ctx, what, expiresAt) {
    const bad = this.badUntil(ctx);
    const verified2 = verifyDenialRecords(denial, parent.zone, parent.keys, ctx);
    if (!verified2.ok)
      return failure2("bogus", { ...verified2.reason, text: `${what}: wildcard CNAME: ${verified2.reason.text}` }, bad);
    const proof = denialFunctions(verified2.records, ctx.limits, ctx.nsec3HashCharger).proveWildcardAnswer(child, child.suffix(labels), verified2.records, parent.zone);
    const text = `${what}: CNAME expanded from *.${child.suffix(labels)}`;
    switch (proof.status) {
      case "secure":
        return { kind: "no-cut", exists: true, expiresAt: Math.min(expiresAt, verified2.expiresAt) };
      case "insecure":
        return failure2("insecure", { code: "nsec3-opt-out", ede: proof.ede ?? EDE.DNSSEC_BOGUS, text: `${text}: ${proof.reason}` }, Math.min(expiresAt, verified2.expiresAt));
      case "bogus":
        return failure2("bogus", { code: "wildcard-invalid", ede: proof.ede, text: `${text}, without the proof that no closer name exists: ${proof.reason}` }, bad);
    }
  }
  classifyDs(child, parent, r, what, ctx) {
    const bad = this.badUntil(ctx);
    if (!r.ok)
      return failure2("indeterminate", upstreamFailure(r, what), bad);
    const msg = r.message;
    const rc = rcodeFailure(msg.rcode, what);
    if (rc)
      return failure2("indeterminate", rc, bad);
    const answers = groupRRsets(msg.answers).rrsets;
    const dsSet = findRRset(answers, child, RRType.DS);
    if (dsSet) {
      const v = verifySignedRRset(dsSet, parent.zone, parent.keys, ctx);
      if (!v.ok)
        return failure2("bogus", v.reason, bad);
      return { kind: "ds", ds: detachedOrSame(dsSet.records.filter((d2) => isType(d2, RRType.DS))), expiresAt: Math.min(v.expiresAt, parent.expiresAt) };
    }
    const authority = groupRRsets(msg.authorities).rrsets;
    const denial = authority.filter((s) => s.type === RRType.NSEC || s.type === RRType.NSEC3);
    if (denial.length > ctx.limits.maxDenialRecords)
      throw new LimitExceeded("maxDenialRecords", `${denial.length} NSEC/NSEC3 RRsets for ${what}`);
    const cname = findRRset(answers, child, RRType.CNAME);
    if (cname) {
      const v = verifySignedRRset(cname, parent.zone, parent.keys, ctx);
      if (!v.ok)
        return failure2("bogus", v.reason, bad);
      const expiresAt2 = Math.min(v.expiresAt, parent.expiresAt);
      if (v.rrsig.data.labels >= child.rrsigLabelCount)
        return { kind: "no-cut", exists: true, expiresAt: expiresAt2 };
      return this.wildcardCname(child, v.rrsig.data.labels, denial, parent, ctx, what, expiresAt2);
    }
    if (denial.length === 0) {
      return failure2("bogus", { code: "nsec-missing", ede: EDE.NSEC_MISSING, text: `no DS for ${child} and no NSEC/NSEC3 from ${parent.zone} proving its absence` }, bad);
    }
    const verified2 = verifyDenialRecords(denial, parent.zone, parent.keys, ctx);
    if (!verified2.ok)
      return failure2("bogus", { ...verified2.reason, text: `denial of ${what}: ${verified2.reason.text}` }, bad);
    const expiresAt = Math.min(parent.expiresAt, verified2.expiresAt);
    const soa = authority.find((s) => s.type === RRType.SOA && s.rrsigs.length > 0);
    if (soa) {
      const v = verifySignedRRset(soa, parent.zone, parent.keys, ctx);
      if (!v.ok)
        return failure2("bogus", { ...v.reason, text: `denial of ${what}: SOA: ${v.reason.text}` }, bad);
    }
    const d = classifyDsDenial({ child, zone: parent.zone, rcode: msg.rcode, records: verified2.records, limits: ctx.limits, onHash: ctx.nsec3HashCharger });
    switch (d.kind) {
      case "no-cut":
        return { kind: "no-cut", exists: d.exists, expiresAt };
      case "insecure":
        return { kind: "insecure", reason: d.reason, expiresAt };
      case "bogus":
        return failure2("bogus", d.reason, bad);
    }
  }
};

// dist/dnssec/validator-limits.js
var DEFAULT_VALIDATOR_LIMITS = Object.freeze({
  maxSignatureChecks: 64,
  maxSignatureChecksPerZone: 24,
  maxZoneCuts: 16,
  maxRrsigsPerRRset: 8,
  maxQueries: 48,
  maxCnameChain: 12,
  maxDenialRecords: MAX_DENIAL_RECORDS,
  nsec3InsecureIterations: NSEC3_MAX_ITERATIONS_INSECURE,
  nsec3BogusIterations: NSEC3_MAX_ITERATIONS_BOGUS,
  maxCacheTtl: 86400,
  badCacheTtl: 60
});

// dist/dnssec/answer-cache.js
var ANSWER_CACHE_ENTRIES = 2e4;
var ANSWER_CACHE_OCTETS = 32 * 1024 * 1024;
var ENTRY_OVERHEAD = 1024;
var LINK_OVERHEAD = 200;
function estimateOctets(result) {
  const buffers = /* @__PURE__ */ new Set();
  let n = ENTRY_OVERHEAD + retainedOctets(result.rrset, buffers) + retainedOctets(result.rrsigs, buffers) + retainedOctets(result.aliases, buffers);
  n += result.chain.length * LINK_OVERHEAD + result.reason.length * 2;
  for (const r of result.reasons)
    n += LINK_OVERHEAD + r.text.length * 2;
  return n;
}
var AnswerCache = class {
  limits;
  /** By name key, then by type: the name's key string is computed once per Name object (name.ts). */
  byName = /* @__PURE__ */ new Map();
  /** Every entry, oldest first: the order the eviction sweep goes through. */
  order = /* @__PURE__ */ new Set();
  octets = 0;
  hits = 0;
  misses = 0;
  evictions = 0;
  constructor(limits) {
    this.limits = limits;
  }
  /** The proven answer for `name`/`type` at `nowSeconds`, if one is held and still valid. */
  get(name, type, nowSeconds) {
    if (this.limits.maxEntries === 0)
      return void 0;
    const e = this.byName.get(name.key())?.get(type);
    if (!e) {
      this.misses++;
      return void 0;
    }
    if (nowSeconds >= e.expiresAt || nowSeconds < e.storedAt) {
      this.remove(e);
      this.misses++;
      return void 0;
    }
    e.used = true;
    this.hits++;
    return e.result;
  }
  /**
   * Keeps `result` from `storedAt` until `expiresAt`, as a frozen copy whose records share no octets
   * with the messages they came from (dns/detach.ts), and returns what it keeps (or `result` itself
   * when it keeps nothing): every caller from now on gets that same object.
   */
  set(result, storedAt, expiresAt) {
    if (this.limits.maxEntries === 0 || expiresAt <= storedAt)
      return result;
    let kept;
    try {
      const names = /* @__PURE__ */ new Map();
      kept = freezeResult({ ...result, name: detachNameOnce(result.name, names), rrset: detachRecords(result.rrset, names), rrsigs: detachRecords(result.rrsigs, names), aliases: detachRecords(result.aliases, names) });
    } catch {
      return result;
    }
    const octets = estimateOctets(kept);
    if (octets > this.limits.maxOctets)
      return result;
    const nameKey = result.name.key();
    const old = this.byName.get(nameKey)?.get(result.type);
    if (old)
      this.remove(old);
    while (this.order.size >= this.limits.maxEntries || this.octets + octets > this.limits.maxOctets)
      this.evictOne();
    const e = { nameKey, result: kept, storedAt, expiresAt, octets, used: false };
    let types = this.byName.get(nameKey);
    if (!types)
      this.byName.set(nameKey, types = /* @__PURE__ */ new Map());
    types.set(result.type, e);
    this.order.add(e);
    this.octets += octets;
    return kept;
  }
  stats() {
    return { entries: this.order.size, octets: this.octets, hits: this.hits, misses: this.misses, evictions: this.evictions };
  }
  clear() {
    this.byName.clear();
    this.order.clear();
    this.octets = 0;
  }
  /** Evicts the oldest entry not used since the sweep last passed it; used ones get a second chance at the end. */
  evictOne() {
    for (const e of this.order) {
      if (e.used) {
        e.used = false;
        this.order.delete(e);
        this.order.add(e);
        continue;
      }
      this.remove(e);
      this.evictions++;
      return;
    }
  }
  remove(e) {
    const types = this.byName.get(e.nameKey);
    types?.delete(e.result.type);
    if (types?.size === 0)
      this.byName.delete(e.nameKey);
    this.order.delete(e);
    this.octets -= e.octets;
  }
};
function freezeResult(r) {
  for (const a of [r.rrset, r.rrsigs, r.aliases, r.chain, r.reasons])
    Object.freeze(a);
  return Object.freeze(r);
}

// dist/dnssec/answer-store.js
import { createHash as createHash3, createHmac, timingSafeEqual } from "node:crypto";
var ANSWER_STORE_TIMEOUT_MS = 100;
var MAX_STORED_ENTRY_OCTETS = 64 * 1024;
var MEMORY_STORE_ENTRIES = 2e4;
var FORMAT = 1;
var toStored = (rrs) => rrs.map((rr) => [rr.name.toString(), rr.type, rr.class, rr.ttl, Buffer.from(rr.rdata).toString("base64")]);
var fromStored = (rrs) => {
  if (!Array.isArray(rrs))
    throw new TypeError("records");
  return rrs.map((r) => {
    if (!Array.isArray(r) || r.length !== 5 || typeof r[0] !== "string" || typeof r[4] !== "string")
      throw new TypeError("record");
    return recordFromRdata(Name.parse(r[0]), Number(r[1]), Number(r[2]), Number(r[3]), Buffer.from(r[4], "base64"));
  });
};
var SealedAnswerStore = class {
  options;
  secret;
  prefix;
  timeoutMs;
  errors = 0;
  hits = 0;
  rejected = 0;
  /**
   * @param configuration what distinguishes the validator's proofs (anchors, crypto policy, limits), hashed into every key
   * @throws RangeError (`ERR_OUT_OF_RANGE`) for a secret shorter than 32 octets or a bad timeout
   */
  constructor(options, configuration) {
    this.options = options;
    this.secret = Buffer.from(options.secret);
    if (this.secret.length < 32)
      throw outOfRange(`expected an answer store secret of at least 32 octets, got ${this.secret.length}`);
    this.timeoutMs = options.timeoutMs ?? ANSWER_STORE_TIMEOUT_MS;
    if (!(Number.isInteger(this.timeoutMs) && this.timeoutMs >= 1 && this.timeoutMs <= 6e4))
      throw outOfRange(`expected timeoutMs in 1-60000, got ${this.timeoutMs}`);
    const config = createHash3("sha256").update(configuration).digest("hex").slice(0, 16);
    this.prefix = `${options.namespace ?? "dane-verify"}:a${FORMAT}:${config}:`;
  }
  key(name, type) {
    return `${this.prefix}${type}:${name.key()}`;
  }
  mac(key2, body) {
    return createHmac("sha256", this.secret).update(key2).update("\n").update(body).digest();
  }
  /** Writes `result`, kept from `storedAt` until `expiresAt` (errors are counted, never thrown). */
  write(result, storedAt, expiresAt) {
    const ttl = Math.floor(expiresAt - storedAt);
    if (ttl < 1)
      return;
    const key2 = this.key(result.name, result.type);
    const entry = {
      v: FORMAT,
      name: result.name.toString(),
      type: result.type,
      status: result.status,
      kind: result.kind,
      rrset: toStored(result.rrset),
      rrsigs: toStored(result.rrsigs),
      aliases: toStored(result.aliases),
      chain: [...result.chain],
      reason: result.reason,
      reasons: [...result.reasons],
      storedAt,
      expiresAt
    };
    const body = JSON.stringify(entry);
    const value = `${this.mac(key2, body).toString("base64")}.${body}`;
    if (value.length > MAX_STORED_ENTRY_OCTETS)
      return;
    this.bounded(() => this.options.store.set(key2, value, ttl)).catch(() => this.errors++);
  }
  /** The entry for `name`/`type` valid at `nowSeconds`, or undefined (a miss, whatever went wrong). */
  async read(name, type, nowSeconds) {
    const key2 = this.key(name, type);
    let value;
    try {
      value = await this.bounded(() => this.options.store.get(key2));
    } catch {
      this.errors++;
      return void 0;
    }
    if (typeof value !== "string")
      return void 0;
    const opened = this.open(key2, value, name, type, nowSeconds);
    if (opened)
      this.hits++;
    else
      this.rejected++;
    return opened;
  }
  open(key2, value, name, type, nowSeconds) {
    if (value.length > MAX_STORED_ENTRY_OCTETS)
      return void 0;
    const dot = value.indexOf(".");
    if (dot < 0)
      return void 0;
    const mac = Buffer.from(value.slice(0, dot), "base64");
    const body = value.slice(dot + 1);
    const want = this.mac(key2, body);
    if (mac.length !== want.length || !timingSafeEqual(mac, want))
      return void 0;
    try {
      const e = JSON.parse(body);
      if (e.v !== FORMAT || e.type !== type || !Name.parse(e.name).equals(name))
        return void 0;
      if (!(e.storedAt <= nowSeconds && nowSeconds < e.expiresAt))
        return void 0;
      const result = {
        status: e.status,
        name: Name.parse(e.name),
        type: e.type,
        kind: e.kind,
        rrset: fromStored(e.rrset),
        rrsigs: fromStored(e.rrsigs),
        aliases: fromStored(e.aliases),
        chain: e.chain,
        reason: String(e.reason),
        reasons: e.reasons,
        expiresAt: e.expiresAt
      };
      return { result, storedAt: e.storedAt, expiresAt: e.expiresAt };
    } catch {
      return void 0;
    }
  }
  /** Runs a store operation, rejecting after timeoutMs (the operation itself is left to finish). */
  bounded(op) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`answer store: no reply within ${this.timeoutMs} ms`)), this.timeoutMs);
      timer.unref();
      Promise.resolve().then(op).then((v) => {
        clearTimeout(timer);
        resolve(v);
      }, (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }
};
var MemoryAnswerStore = class {
  now;
  cache;
  constructor(maxEntries = MEMORY_STORE_ENTRIES, now = Date.now) {
    this.now = now;
    this.cache = new TtlCache(maxEntries);
  }
  get size() {
    return this.cache.size;
  }
  get(key2) {
    return this.cache.get(key2, this.now())?.value;
  }
  set(key2, value, ttlSeconds) {
    this.cache.set(key2, value, ttlSeconds, this.now());
  }
  delete(key2) {
    this.cache.delete(key2);
  }
};

// dist/dnssec/lookup-run.js
function capTtl(records, ttl) {
  return records.map((rr) => ttl !== void 0 && rr.ttl > ttl ? { ...rr, ttl } : rr);
}
var SECURE = { status: "secure", reason: void 0 };
function bogus2(reason) {
  return { status: "bogus", reason };
}
function settlesAtOnce(p) {
  return Promise.race([
    p.then(() => true, () => true),
    new Promise((resolve) => setImmediate(() => resolve(false)))
  ]);
}
var LookupRun = class {
  qname;
  qtype;
  ctx;
  keys;
  status = "secure";
  reasons = [];
  chain = [];
  chainSeen = /* @__PURE__ */ new Set();
  aliases = [];
  rrset = [];
  rrsigs = [];
  /**
   * Seconds since the epoch until which everything this lookup relied on holds: the earliest of the
   * TTLs, RRSIG expirations and key expiries met on the way (what the answer cache may keep it for).
   */
  validUntil = Number.POSITIVE_INFINITY;
  constructor(qname, qtype, ctx, keys) {
    this.qname = qname;
    this.qtype = qtype;
    this.ctx = ctx;
    this.keys = keys;
  }
  finish(status, kind, reason) {
    this.note({ status, reason });
    const main = this.reasons[0];
    const desc = `${this.qname} ${rrTypeToString(this.qtype)}`;
    return {
      status: this.status,
      name: this.qname,
      type: this.qtype,
      kind,
      rrset: this.status === "bogus" || this.status === "indeterminate" ? [] : this.rrset,
      rrsigs: this.rrsigs,
      aliases: this.aliases,
      chain: this.chain,
      reason: main?.text ?? (this.status === "secure" ? `${desc}: proven from the trust anchor` : `${desc}: ${this.status}`),
      reasons: this.reasons,
      expiresAt: this.ctx.nowSeconds
      // until the validator says how long it keeps it (Validator.remember)
    };
  }
  expire(at) {
    if (at < this.validUntil)
      this.validUntil = at;
  }
  /** Records given to the caller live no longer than their (capped) TTLs. */
  expireRecords(records) {
    for (const rr of records)
      this.expire(this.ctx.nowSeconds + rr.ttl);
  }
  note(o) {
    const before = this.status;
    this.status = worst(this.status, o.status);
    if (o.reason) {
      if (this.status !== before || o.status === this.status)
        this.reasons.unshift(o.reason);
      else
        this.reasons.push(o.reason);
    }
  }
  addPath(path) {
    for (const l of path) {
      const k = `${l.zone}|${l.status}`;
      if (!this.chainSeen.has(k)) {
        this.chainSeen.add(k);
        this.chain.push(l);
      }
    }
  }
  async execute() {
    let current = this.qname;
    const seen = /* @__PURE__ */ new Set();
    for (let hop = 0; ; hop++) {
      if (hop > this.ctx.limits.maxCnameChain)
        throw new LimitExceeded("maxCnameChain", `more than ${this.ctx.limits.maxCnameChain} CNAME/DNAME links from ${this.qname}`);
      if (seen.has(current.key())) {
        return this.finish("bogus", "error", { code: "cname-invalid", ede: EDE.DNSSEC_BOGUS, text: `CNAME loop at ${current}` });
      }
      seen.add(current.key());
      const pending = this.ctx.query(current, this.qtype);
      if (hop === 0 && !await settlesAtOnce(pending))
        this.keys.prefetch(current, this.qtype, this.ctx);
      const r = await pending;
      if (!r.ok) {
        return this.finish("indeterminate", "error", { code: "network-error", ede: EDE.NETWORK_ERROR, text: `${current} ${rrTypeToString(this.qtype)}: ${r.reason}` });
      }
      const msg = r.message;
      if (msg.rcode !== Rcode.NOERROR && msg.rcode !== Rcode.NXDOMAIN) {
        return this.finish("indeterminate", "error", { code: "upstream-error", ede: EDE.DNSSEC_INDETERMINATE, text: `${current} ${rrTypeToString(this.qtype)}: upstream answered RCODE ${msg.rcode}` });
      }
      const step = await this.followAnswer(current, msg, seen);
      if (step.done)
        return step.result;
      current = step.next;
    }
  }
  /**
   * Consumes what `msg` says about `start`: the answer RRset, or CNAME/DNAME links (validated one by
   * one) until the answer, a denial for the last name, or a name the message says nothing about.
   */
  async followAnswer(start, msg, seen) {
    const answers = groupRRsets(msg.answers).rrsets;
    let current = start;
    for (let links = 0; ; links++) {
      if (this.aliases.length > this.ctx.limits.maxCnameChain)
        throw new LimitExceeded("maxCnameChain", `more than ${this.ctx.limits.maxCnameChain} CNAME/DNAME links from ${this.qname}`);
      const answer = findRRset(answers, current, this.qtype);
      if (answer) {
        const o = await this.validatePositive(answer, msg);
        this.note(o);
        this.rrset = capTtl(answer.records, o.ttl);
        this.rrsigs = capTtl(answer.rrsigs, o.ttl);
        this.expireRecords(this.rrset);
        return { done: true, result: this.finish(this.status, "answer") };
      }
      const dname = this.qtype === RRType.DNAME ? void 0 : answers.find((s) => s.type === RRType.DNAME && current.isSubdomainOf(s.name) && !current.equals(s.name));
      const cname = this.qtype === RRType.CNAME ? void 0 : findRRset(answers, current, RRType.CNAME);
      let next;
      if (dname) {
        const above = this.dnameAboveAnchor(current, dname.name);
        if (above)
          return { done: true, result: this.finish("bogus", "error", above) };
        const o = await this.validatePositive(dname, msg);
        this.note(o);
        const syn = synthesize(current, dname);
        if (!syn.ok)
          return { done: true, result: this.finish("bogus", "error", syn.reason) };
        if (cname && !(cname.records.length === 1 && isType(cname.records[0], RRType.CNAME) && cname.records[0].data.cname.equals(syn.target))) {
          return { done: true, result: this.finish("bogus", "error", { code: "dname-invalid", ede: EDE.DNSSEC_BOGUS, text: `CNAME for ${current} does not follow from the DNAME at ${dname.name}` }) };
        }
        this.aliases.push(...capTtl(dname.records, o.ttl));
        this.expireRecords(dname.records);
        next = syn.target;
      } else if (cname) {
        if (cname.records.length !== 1) {
          return { done: true, result: this.finish("bogus", "error", { code: "cname-invalid", ede: EDE.DNSSEC_BOGUS, text: `${cname.records.length} CNAME records at ${current}` }) };
        }
        const o = await this.validatePositive(cname, msg);
        this.note(o);
        this.aliases.push(...capTtl([cname.records[0]], o.ttl));
        this.expireRecords(cname.records);
        next = cname.records[0].data.cname;
      }
      if (!next)
        break;
      if (this.status === "bogus")
        return { done: true, result: this.finish("bogus", "error") };
      if (seen.has(next.key()))
        return { done: true, result: this.finish("bogus", "error", { code: "cname-invalid", ede: EDE.DNSSEC_BOGUS, text: `CNAME loop at ${next}` }) };
      seen.add(next.key());
      current = next;
      void links;
    }
    const authority = groupRRsets(msg.authorities).rrsets;
    const hasDenial = authority.some((s) => s.type === RRType.SOA || s.type === RRType.NSEC || s.type === RRType.NSEC3);
    if (!current.equals(start) && !hasDenial) {
      seen.delete(current.key());
      return { done: false, next: current };
    }
    const kind = msg.rcode === Rcode.NXDOMAIN ? "nxdomain" : "nodata";
    this.expireNegative(authority);
    this.note(await this.validateNegative(current, msg.rcode, authority));
    return { done: true, result: this.finish(this.status, kind) };
  }
  /**
   * RFC 2308 §5: a denial lives no longer than the SOA's TTL and its MINIMUM field. Without an SOA,
   * only the denial records' own TTLs (and signatures) bound it, or, with none either, badCacheTtl.
   */
  expireNegative(authority) {
    const soa = authority.find((s) => s.type === RRType.SOA)?.records[0];
    if (soa && isType(soa, RRType.SOA))
      this.expire(this.ctx.nowSeconds + Math.min(soa.ttl, soa.data.minimum));
    const denial = authority.filter((s) => s.type === RRType.NSEC || s.type === RRType.NSEC3);
    for (const s of denial)
      this.expireRecords(s.records);
    if (!soa && denial.length === 0)
      this.expire(this.ctx.nowSeconds + this.ctx.limits.badCacheTtl);
  }
  /** Proves an RRset from the answer section, including a wildcard expansion's no-closer-match proof. */
  async validatePositive(set, msg) {
    if (set.rrsigs.length === 0)
      return this.proveUnsigned(set.name, `${set.name} ${rrTypeToString(set.type)} has no RRSIG`);
    const signer = pickSigner(set);
    if (!signer) {
      return bogus2({ code: "unexpected-signer", ede: EDE.DNSSEC_BOGUS, text: `no RRSIG for ${set.name} ${rrTypeToString(set.type)} names a signer at or above it` });
    }
    const zoneKeys = await this.signerKeys(set.name, set.type, signer, `${set.name} ${rrTypeToString(set.type)}`);
    if ("outcome" in zoneKeys)
      return zoneKeys.outcome;
    const v = verifySignedRRset(set, signer, zoneKeys.keys, this.ctx);
    if (!v.ok)
      return bogus2(v.reason);
    this.expire(v.expiresAt);
    const ttl = Math.max(0, v.expiresAt - this.ctx.nowSeconds);
    if (v.rrsig.data.labels < set.name.rrsigLabelCount) {
      const closestEncloser2 = set.name.suffix(v.rrsig.data.labels);
      const denial = this.verifiedDenialRecords(signer, groupRRsets(msg.authorities).rrsets, zoneKeys.keys);
      if ("outcome" in denial)
        return denial.outcome;
      const proof = denialFunctions(denial.records, this.ctx.limits, this.ctx.nsec3HashCharger).proveWildcardAnswer(set.name, closestEncloser2, denial.records, signer);
      if (proof.status !== "secure") {
        return { status: proof.status === "insecure" ? "insecure" : "bogus", reason: { code: proof.status === "insecure" ? "nsec3-opt-out" : "wildcard-invalid", ede: proof.ede, text: `wildcard answer ${set.name} ${rrTypeToString(set.type)}: ${proof.reason}` }, ttl };
      }
    }
    return { ...SECURE, ttl };
  }
  /** Unsigned data is acceptable only below a proven end of the chain of trust. */
  async proveUnsigned(name, what) {
    const walk2 = await this.keys.walk(name, this.ctx);
    this.addPath(walk2.path);
    this.expire(walk2.expiresAt);
    switch (walk2.status) {
      case "insecure":
        return { status: "insecure", reason: { ...walk2.reason, text: `${what}; ${walk2.reason.text}` } };
      case "secure":
        return bogus2({ code: "rrsigs-missing", ede: EDE.RRSIGS_MISSING, text: `${what}, but zone ${walk2.zone} is signed` });
      default:
        return { status: walk2.status, reason: walk2.reason };
    }
  }
  /**
   * RFC 4033 §5, RFC 4035 §4.4: proofs about `name` start from its closest trust anchor. A signer
   * above that anchor would be proven from another, higher anchor (the root), letting the zones
   * above a configured anchor speak for the names under it: refused.
   */
  signerAboveAnchor(name, type, signer, what) {
    const anchor = this.keys.anchorZoneFor(type === RRType.DS && !name.isRoot ? name.parent() : name, this.ctx.now);
    if (!anchor || signer.isSubdomainOf(anchor))
      return void 0;
    return bogus2({ code: "unexpected-signer", ede: EDE.DNSSEC_BOGUS, text: `${what} is signed by ${signer}, above the trust anchor for ${anchor}` });
  }
  /**
   * RFC 4033 §5, RFC 4035 §4.4: a DNAME redirects `name`, so it is judged from `name`'s closest
   * trust anchor, like the answer it replaces. A DNAME owned above that anchor cannot be proven from
   * it (signed by a zone above the anchor, or unsigned in an insecure zone above a signed island):
   * taken, it would let those zones redirect every name under the anchor. Judged from its own
   * owner's anchor instead, a root-signed `. DNAME` made names under an anchored `example.` secure
   * with forged data, and an unsigned DNAME above an island made them insecure (issue #11).
   */
  dnameAboveAnchor(name, owner) {
    const anchor = this.keys.anchorZoneFor(name, this.ctx.now);
    if (!anchor || owner.isSubdomainOf(anchor))
      return void 0;
    return { code: "unexpected-signer", ede: EDE.DNSSEC_BOGUS, text: `DNAME at ${owner} would redirect ${name}, which is below the trust anchor for ${anchor}: data above the anchor cannot speak for names under it` };
  }
  /**
   * The proven keys of `signer` for data about `name`/`type`: refused above the name's trust
   * anchor, else walked to from it (the chain recorded, its expiry noted).
   */
  async signerKeys(name, type, signer, what) {
    const above = this.signerAboveAnchor(name, type, signer, what);
    if (above)
      return { outcome: above };
    const walk2 = await this.keys.walk(signer, this.ctx);
    this.addPath(walk2.path);
    this.expire(walk2.expiresAt);
    return this.zoneKeysOf(walk2, signer);
  }
  /** The authenticated keys of exactly `signer`, or the outcome that replaces them. */
  zoneKeysOf(walk2, signer) {
    if (walk2.status !== "secure")
      return { outcome: { status: walk2.status, reason: walk2.reason } };
    if (!walk2.zone.equals(signer)) {
      return { outcome: bogus2({ code: "unexpected-signer", ede: EDE.DNSSEC_BOGUS, text: `signer ${signer} is not a zone: the chain of trust reaches no zone cut there (deepest zone ${walk2.zone})` }) };
    }
    return { keys: walk2.keys };
  }
  /** The NSEC/NSEC3 records of the authority section signed by `zone`, verified (see {@link verifyDenialRecords}). */
  verifiedDenialRecords(zone, authority, keys) {
    const sets = authority.filter((s) => (s.type === RRType.NSEC || s.type === RRType.NSEC3) && !(s.rrsigs.length > 0 && s.rrsigs.every((r) => !r.data.signerName.equals(zone))));
    if (sets.length > this.ctx.limits.maxDenialRecords)
      throw new LimitExceeded("maxDenialRecords", `${sets.length} NSEC/NSEC3 RRsets`);
    const v = verifyDenialRecords(sets, zone, keys, this.ctx);
    if (!v.ok)
      return { outcome: bogus2({ ...v.reason, text: `denial record: ${v.reason.text}` }) };
    this.expire(v.expiresAt);
    return { records: v.records };
  }
  /** Proves NXDOMAIN or NODATA for `name` from the authority section (RFC 4035 §5.4, RFC 5155 §8). */
  async validateNegative(name, rcode, authority) {
    const what = `${rcode === Rcode.NXDOMAIN ? "NXDOMAIN" : "NODATA"} for ${name} ${rrTypeToString(this.qtype)}`;
    const signed = authority.filter((s) => s.rrsigs.length > 0 && (s.type === RRType.SOA || s.type === RRType.NSEC || s.type === RRType.NSEC3));
    if (signed.length === 0)
      return this.proveUnsigned(name, `${what} without signed NSEC/NSEC3 records`);
    const soa = signed.find((s) => s.type === RRType.SOA);
    const zone = soa ? pickSigner(soa) : deepestSigner(signed, name);
    if (!zone || !name.isSubdomainOf(zone)) {
      return bogus2({ code: "unexpected-signer", ede: EDE.DNSSEC_BOGUS, text: `${what}: denial signed by ${zone ?? "nobody"}, which does not enclose the name` });
    }
    const zk = await this.signerKeys(name, this.qtype, zone, what);
    if ("outcome" in zk)
      return zk.outcome;
    if (soa) {
      const v = verifySignedRRset(soa, zone, zk.keys, this.ctx);
      if (!v.ok)
        return bogus2({ ...v.reason, text: `${what}: SOA: ${v.reason.text}` });
      this.expire(v.expiresAt);
    }
    const denial = this.verifiedDenialRecords(zone, authority, zk.keys);
    if ("outcome" in denial)
      return denial.outcome;
    if (denial.records.length === 0)
      return bogus2({ code: "nsec-missing", ede: EDE.NSEC_MISSING, text: `${what}: no NSEC or NSEC3 records from ${zone}` });
    const proofs = denialFunctions(denial.records, this.ctx.limits, this.ctx.nsec3HashCharger);
    let result;
    if (rcode === Rcode.NXDOMAIN)
      result = proofs.proveNxDomain(name, denial.records, zone);
    else {
      result = proofs.proveNoData(name, this.qtype, denial.records, zone);
      if (result.status === "bogus") {
        const wild = proofs.proveWildcardNoData(name, this.qtype, denial.records, zone);
        if (wild.status !== "bogus")
          result = wild;
      }
    }
    if (result.status === "bogus" && !name.equals(zone)) {
      const w = await this.keys.walk(name, this.ctx);
      if (w.status === "insecure") {
        this.addPath(w.path);
        this.expire(w.expiresAt);
        return { status: "insecure", reason: { ...w.reason, text: `${what}: ${name} lies in an unsigned zone: ${w.reason.text}` } };
      }
    }
    switch (result.status) {
      case "secure":
        return SECURE;
      case "insecure":
        return { status: "insecure", reason: { code: result.code === "nsec3-iterations" ? "nsec3-iterations" : result.code === "nsec3-opt-out" ? "nsec3-opt-out" : "nsec3-unsupported-hash", ede: result.ede, text: `${what}: ${result.reason}` } };
      case "bogus":
        return bogus2({ code: "denial-invalid", ede: result.ede, text: `${what}: ${result.reason}` });
    }
  }
};
function pickSigner(set) {
  let best;
  for (const s of set.rrsigs) {
    const signer = s.data.signerName;
    if (!set.name.isSubdomainOf(signer))
      continue;
    if (set.type === RRType.DS && !set.name.isRoot && signer.equals(set.name))
      continue;
    if (!best || signer.labelCount > best.labelCount)
      best = signer;
  }
  return best;
}
function deepestSigner(sets, name) {
  let best;
  for (const set of sets) {
    const signer = pickSigner(set);
    if (signer && name.isSubdomainOf(signer) && (!best || signer.labelCount > best.labelCount))
      best = signer;
  }
  return best ?? pickSigner(sets[0]);
}
function synthesize(name, dname) {
  const rr = dname.records[0];
  if (!rr || dname.records.length !== 1 || !isType(rr, RRType.DNAME)) {
    return { ok: false, reason: { code: "dname-invalid", ede: EDE.DNSSEC_BOGUS, text: `DNAME RRset at ${dname.name} must hold exactly one record` } };
  }
  const keep = name.labels.slice(0, name.labelCount - dname.name.labelCount);
  try {
    return { ok: true, target: new Name([...keep, ...rr.data.target.labels]) };
  } catch {
    return { ok: false, reason: { code: "dname-invalid", ede: EDE.DNSSEC_BOGUS, text: `DNAME substitution of ${name} by ${dname.name} is longer than 255 octets` } };
  }
}

// dist/dnssec/validator.js
var Validator = class {
  upstream;
  limits;
  clock;
  keys;
  crypto;
  answers;
  store;
  /** Seconds since the epoch at which a trust anchor's window opens or closes (RFC 9718 §2.2), ascending. */
  anchorChanges;
  constructor(options) {
    this.crypto = Object.freeze({
      ...options.cryptoPolicy ? { policy: options.cryptoPolicy } : {},
      ...options.clockSkewSeconds !== void 0 ? { clockSkewSeconds: options.clockSkewSeconds } : {}
    });
    this.upstream = options.upstream;
    this.limits = Object.freeze({ ...DEFAULT_VALIDATOR_LIMITS, ...options.limits });
    this.clock = options.now ?? (() => /* @__PURE__ */ new Date());
    const anchors = options.trustAnchors === void 0 ? ianaRootAnchors() : typeof options.trustAnchors === "string" ? parseTrustAnchors(options.trustAnchors) : options.trustAnchors;
    this.keys = new KeyChain(anchors);
    this.anchorChanges = anchors.flatMap((a) => [a.validFrom, a.validUntil]).filter((d) => d !== void 0).map((d) => Math.ceil(d.getTime() / 1e3)).sort((a, b) => a - b);
    this.answers = new AnswerCache({ maxEntries: ANSWER_CACHE_ENTRIES, maxOctets: ANSWER_CACHE_OCTETS, ...options.answerCache });
    const configuration = JSON.stringify({
      anchors: anchors.map((a) => [a.zone.key(), a.record.type, Buffer.from(a.record.rdata).toString("hex"), a.validFrom?.getTime(), a.validUntil?.getTime()]),
      crypto: this.crypto,
      limits: this.limits
    });
    this.store = options.answerStore ? new SealedAnswerStore(options.answerStore, configuration) : void 0;
  }
  /** Entries, estimated memory and hits of the cache of proven answers. */
  cacheStats() {
    const s = this.store;
    return { answers: this.answers.stats(), ...s ? { store: { hits: s.hits, rejected: s.rejected, errors: s.errors } } : {} };
  }
  /** Drops every proven answer and every proven zone key and DS step (the anchors stay). */
  clearCaches() {
    this.answers.clear();
    this.keys.clear();
  }
  /**
   * Looks up `name`/`type` and proves the answer. Never throws for anything the network does:
   * failures are `indeterminate`, broken proofs `bogus`, each with its reason.
   * @throws DnsFormatError for a malformed name, TypeError when the clock gives an invalid Date (caller misuse)
   */
  async lookup(name, type, opts = {}) {
    const qname = typeof name === "string" ? Name.parse(name) : name;
    const now = this.clock();
    if (!(now instanceof Date) || Number.isNaN(now.getTime()))
      throw new TypeError(`expected the validator's clock to give a valid Date, got ${String(now)}`);
    const nowSeconds = Math.floor(now.getTime() / 1e3);
    const aborted = opts.signal?.aborted === true || opts.budget?.aborted === true;
    const cached = aborted ? void 0 : this.answers.get(qname, type, nowSeconds);
    if (cached) {
      publish("lookup", () => ({ name: qname.toString(), type, status: cached.status, kind: cached.kind, reason: cached.reason, fromCache: true }));
      return cached;
    }
    if (this.store && !aborted) {
      const shared2 = await this.store.read(qname, type, nowSeconds);
      if (shared2) {
        const kept = this.answers.set(shared2.result, shared2.storedAt, shared2.expiresAt);
        publish("lookup", () => ({ name: qname.toString(), type, status: kept.status, kind: kept.kind, reason: kept.reason, fromCache: true }));
        return kept;
      }
    }
    const signal = opts.budget && opts.signal ? AbortSignal.any([opts.budget.signal, opts.signal]) : opts.budget?.signal ?? opts.signal;
    let ctx = this.context(now, signal, false, opts.budget);
    let run2 = await this.run(qname, type, ctx);
    if (run2.result.status === "bogus" && ctx.usedCache && !signal?.aborted) {
      ctx = this.context(now, signal, true, opts.budget);
      run2 = await this.run(qname, type, ctx);
    }
    if (run2.result.status === "bogus" && this.upstream.capCacheLifetime) {
      for (const q of ctx.asked.values())
        this.upstream.capCacheLifetime(q.name, q.type, this.limits.badCacheTtl);
    }
    const result = this.remember(run2.result, run2.validUntil, nowSeconds, ctx.fresh);
    publish("lookup", () => ({ name: qname.toString(), type, status: result.status, kind: result.kind, reason: result.reason }));
    return result;
  }
  /**
   * Keeps a finished lookup's result for as long as everything it relied on holds. Never kept: an
   * indeterminate result (a network failure or the call's budget: about this try, not the name) and
   * a result cut short by a per-lookup bound (LookupContext: it may say more about the lookups that
   * ran beside it than about the name). A bogus result is kept for badCacheTtl, so a broken or
   * attacked name is not proven again on every call, and not for longer; and only once it came out
   * bogus again from answers fetched afresh (`refetched`), so a single forged message never makes a
   * name bogus beyond the lookup that met it. Returns what the cache keeps (a detached, frozen
   * copy), so that this caller gets the same object as the next ones.
   */
  remember(result, validUntil, nowSeconds, refetched) {
    if (result.status === "indeterminate" || result.reasons.some((r) => r.code === "limit-exceeded"))
      return result;
    if (result.status === "bogus" && !refetched)
      return result;
    let until = result.status === "bogus" ? nowSeconds + this.limits.badCacheTtl : Math.min(validUntil, nowSeconds + this.limits.maxCacheTtl);
    const change = this.anchorChanges.find((t) => t > nowSeconds);
    if (change !== void 0 && change < until)
      until = change;
    const kept = this.answers.set({ ...result, expiresAt: until }, nowSeconds, until);
    if (this.store && (kept.status === "secure" || kept.status === "insecure"))
      this.store.write(kept, nowSeconds, until);
    return kept;
  }
  context(now, signal, fresh, budget) {
    return new LookupContext(this.upstream, this.limits, now, signal, this.crypto, fresh, budget);
  }
  async run(qname, type, ctx) {
    const run2 = new LookupRun(qname, type, ctx, this.keys);
    try {
      return { result: await run2.execute(), validUntil: run2.validUntil };
    } catch (e) {
      return { result: this.failed(run2, e), validUntil: run2.validUntil };
    } finally {
      await ctx.settlePrefetched();
    }
  }
  failed(run2, e) {
    if (e instanceof LimitExceeded)
      return run2.finish("bogus", "error", e.reason);
    if (e instanceof BudgetExhausted)
      return run2.finish("indeterminate", "error", e.reason);
    return run2.finish("indeterminate", "error", { code: "malformed-response", ede: EDE.DNSSEC_INDETERMINATE, text: `internal error: ${e.message}` });
  }
};

// dist/dane/validator-config.js
var DEFAULT_STEP_TIMEOUT_MS = 1e4;
function buildValidator(o, caches2 = {}) {
  const timeoutMs = o.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const stub = new StubResolver({
    ...o.resolvers ? { servers: o.resolvers } : {},
    timeoutMs,
    deadlineMs: timeoutMs * 3,
    ...caches2.messageCache?.maxEntries !== void 0 ? { cacheSize: caches2.messageCache.maxEntries } : {},
    ...caches2.messageCache?.maxOctets !== void 0 ? { cacheOctets: caches2.messageCache.maxOctets } : {}
  });
  const validator = new Validator({
    upstream: stub,
    ...o.trustAnchors !== void 0 ? { trustAnchors: o.trustAnchors } : {},
    ...o.now ? { now: () => o.now } : {},
    ...o.limits ? { limits: o.limits } : {},
    ...o.cryptoPolicy ? { cryptoPolicy: o.cryptoPolicy } : {},
    ...caches2.answerCache ? { answerCache: caches2.answerCache } : {},
    ...caches2.answerStore ? { answerStore: caches2.answerStore } : {}
  });
  return { validator, stub };
}

// dist/mail-policy/txt-fields.js
var EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
var EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
var isWsp = (c) => c === 32 || c === 9;
function txtRecordText(strings) {
  let out = "";
  for (const s of strings)
    for (const b of s)
      out += String.fromCharCode(b);
  return out;
}
function clip(s, max = 80) {
  const cut = s.length <= max ? s : `${s.slice(0, max)}...`;
  return cut.replace(/[^\x20-\x7e]/gu, (ch) => {
    const c = ch.codePointAt(0);
    return c <= 255 ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u{${c.toString(16)}}`;
  });
}
function describeChar(text, offset) {
  const c = text.codePointAt(offset) ?? 0;
  if (c > 32 && c < 127)
    return `'${text[offset]}'`;
  return c <= 255 ? `0x${c.toString(16).padStart(2, "0")}` : `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}
function splitTxtFields(text, version, rfc) {
  const fail3 = (code, words, offset) => ({
    ok: false,
    reason: { code, text: words, ...offset !== void 0 ? { offset } : {} }
  });
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 33 && c <= 126) && !isWsp(c)) {
      return fail3("invalid-character", `${describeChar(text, i)} at offset ${i}: the record holds printable ASCII, spaces and tabs only (${rfc})`, i);
    }
  }
  const afterVersion = text.charCodeAt(version.length);
  if (!text.startsWith(version) || text.length > version.length && afterVersion !== 59 && !isWsp(afterVersion)) {
    return fail3("version", `the record must begin with "${version}" (case-sensitive), not "${clip(text, Math.max(version.length + 2, 16))}" (${rfc})`, 0);
  }
  const semi = text.indexOf(";", version.length);
  const head = semi < 0 ? text.slice(version.length) : text.slice(version.length, semi);
  for (let i = 0; i < head.length; i++) {
    if (!isWsp(head.charCodeAt(i))) {
      return fail3("missing-semicolon", `expected ';' after "${version}", found ${describeChar(text, version.length + i)} at offset ${version.length + i} (${rfc})`, version.length + i);
    }
  }
  if (semi < 0)
    return fail3("no-fields", `no field after "${version}" (${rfc})`, text.length);
  const fields = [];
  let start = semi + 1;
  for (; ; ) {
    const next = text.indexOf(";", start);
    const end = next < 0 ? text.length : next;
    let a = start;
    let b = end;
    while (a < b && isWsp(text.charCodeAt(a)))
      a++;
    while (b > a && isWsp(text.charCodeAt(b - 1)))
      b--;
    if (a === b) {
      if (next >= 0)
        return fail3("empty-field", `empty field between two ';' at offset ${start - 1} (${rfc})`, start - 1);
      break;
    }
    if (next < 0 && b < end) {
      return fail3("trailing-whitespace", `whitespace after the last field at offset ${b}: whitespace is allowed only around ';' (${rfc})`, b);
    }
    const eq = text.indexOf("=", a);
    if (eq < 0 || eq >= b)
      return fail3("malformed-field", `field "${clip(text.slice(a, b))}" at offset ${a} has no '=' (${rfc})`, a);
    const name = text.slice(a, eq);
    if (!EXT_NAME.test(name)) {
      return fail3("invalid-field-name", `field name "${clip(name)}" at offset ${a} is not 1-32 letters, digits, '_', '-' or '.' starting with a letter or digit (${rfc})`, a);
    }
    fields.push({ name, value: text.slice(eq + 1, b), offset: a, valueOffset: eq + 1 });
    if (next < 0)
      break;
    start = next + 1;
  }
  if (fields.length === 0)
    return fail3("no-fields", `no field after "${version};" (${rfc})`, text.length);
  return { ok: true, fields };
}
function checkExtValue(field, rfc) {
  if (EXT_VALUE.test(field.value))
    return void 0;
  if (field.value === "") {
    return { code: "invalid-field-value", text: `field "${field.name}" at offset ${field.offset} has an empty value (${rfc})`, offset: field.valueOffset };
  }
  const bad = [...field.value].findIndex((ch) => !EXT_VALUE.test(ch));
  return {
    code: "invalid-field-value",
    text: `value of "${field.name}" holds ${describeChar(field.value, bad)} at offset ${field.valueOffset + bad}: extension values are printable ASCII without '=', ';' or whitespace (${rfc})`,
    offset: field.valueOffset + bad
  };
}

// dist/mail-policy/rua-uri.js
var URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@$&'()*+=%]$/;
var SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
var HEX2 = /^[0-9A-Fa-f]{2}$/;
var MAIL_DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[^[\]\s]+\])$/;
function checkRuaUri(uri) {
  const invalid = (text, at = 0) => ({ kind: "invalid", text, at });
  if (uri === "")
    return invalid("empty URI (a comma with nothing before or after it)");
  for (let i = 0; i < uri.length; i++) {
    const ch = uri[i];
    if (ch === "!")
      return invalid(`'!' at ${i} must be written %21 (RFC 8460 \xA73)`, i);
    if (ch === " " || ch === "	")
      return invalid(`whitespace at ${i} inside a URI (only allowed around ',' between URIs)`, i);
    if (!URI_CHARS.test(ch))
      return invalid(`${describeChar(uri, i)} at ${i} is not allowed in a URI (RFC 3986 \xA72)`, i);
    if (ch === "%" && !HEX2.test(uri.slice(i + 1, i + 3)))
      return invalid(`'%' at ${i} is not followed by two hex digits (RFC 3986 \xA72.1)`, i);
  }
  const m = SCHEME.exec(uri);
  if (!m)
    return invalid(`"${clip(uri)}" has no URI scheme: rua takes mailto: or https: URIs (RFC 8460 \xA73)`);
  const scheme = m[1].toLowerCase();
  const rest = uri.slice(m[0].length);
  switch (scheme) {
    case "mailto":
      return checkMailto(uri, rest);
    case "https":
      return checkHttps(uri, rest);
    default:
      return {
        kind: "unsupported",
        rua: { uri, scheme, reason: `scheme ${scheme}: is not one TLS-RPT reports are sent to (mailto: and https: only, RFC 8460 \xA73)` }
      };
  }
}
function checkMailto(uri, rest) {
  const to = rest.split("?", 1)[0];
  if (to === "")
    return { kind: "invalid", text: `"${clip(uri)}" names no address before '?' (RFC 6068 \xA72)`, at: 7 };
  if (to.includes("#"))
    return { kind: "invalid", text: `"${clip(uri)}": a mailto: URI has no fragment (RFC 6068 \xA72)`, at: 7 + to.indexOf("#") };
  let decoded;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return { kind: "invalid", text: `"${clip(uri)}": its percent-encoding is not UTF-8 (RFC 6068 \xA72)`, at: 7 };
  }
  for (const address of decoded.split(",")) {
    const at = address.lastIndexOf("@");
    if (at <= 0 || !MAIL_DOMAIN.test(address.slice(at + 1))) {
      return { kind: "invalid", text: `"${clip(uri)}": "${clip(address)}" is not a mail address (local-part@domain, RFC 6068 \xA72)`, at: 7 };
    }
  }
  return { kind: "supported", rua: { uri, scheme: "mailto" } };
}
function checkHttps(uri, rest) {
  if (!rest.startsWith("//"))
    return { kind: "invalid", text: `"${clip(uri)}": an https: URI needs "//" and a host (RFC 9110 \xA74.2.2)`, at: 6 };
  let host;
  try {
    host = new URL(uri).hostname;
  } catch {
    return { kind: "invalid", text: `"${clip(uri)}" is not an https: URL an HTTP client can parse (WHATWG URL)`, at: 0 };
  }
  if (host === "")
    return { kind: "invalid", text: `"${clip(uri)}" has no host`, at: 8 };
  return { kind: "supported", rua: { uri, scheme: "https" } };
}

// dist/mail-policy/tlsrpt-record.js
var TLSRPT_VERSION = "v=TLSRPTv1";
var RFC = "RFC 8460 \xA73";
function parseTlsRptRecord(text) {
  const split = splitTxtFields(text, TLSRPT_VERSION, RFC);
  if (!split.ok)
    return split;
  const rua = [];
  const unsupportedRua = [];
  const extensions = [];
  let ruaFields = 0;
  for (const field of split.fields) {
    if (field.name !== "rua") {
      const bad = checkExtValue(field, RFC);
      if (bad)
        return { ok: false, reason: bad };
      extensions.push({ name: field.name, value: field.value });
      continue;
    }
    ruaFields++;
    const parts = field.value.split(",");
    let offset = field.valueOffset;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const lead = i > 0 ? part.length - part.replace(/^[ \t]+/, "").length : 0;
      const uri = (i < parts.length - 1 ? part.replace(/[ \t]+$/, "") : part).slice(lead);
      const check = checkRuaUri(uri);
      switch (check.kind) {
        case "supported":
          rua.push(check.rua);
          break;
        case "unsupported":
          unsupportedRua.push(check.rua);
          break;
        case "invalid":
          return { ok: false, reason: { code: "invalid-uri", text: `rua URI ${i + 1}: ${check.text}`, offset: offset + lead + check.at } };
        default:
          assertNever(check);
      }
      offset += part.length + 1;
    }
  }
  if (ruaFields === 0) {
    const lookalike = extensions.find((e) => e.name.toLowerCase() === "rua");
    const hint2 = lookalike ? `; "${lookalike.name}=" is not "rua=" (field names are case-sensitive)` : "";
    return { ok: false, reason: { code: "missing-rua", text: `no rua field: a TLS-RPT record must say where reports go (${RFC})${hint2}` } };
  }
  if (rua.length === 0) {
    const schemes = [...new Set(unsupportedRua.map((u) => `${u.scheme}:`))].join(", ");
    return { ok: false, reason: { code: "no-supported-rua", text: `no rua URI is mailto: or https: (found ${schemes}); reports cannot be sent (${RFC})` } };
  }
  return { ok: true, rua, unsupportedRua, extensions };
}
function isTlsRptCandidate(text) {
  return /^v=TLSRPTv1[ \t]*;/.test(text);
}
function selectTlsRptRecord(texts) {
  const counted = texts.filter(isTlsRptCandidate);
  if (counted.length === 0)
    return { outcome: "none" };
  if (counted.length > 1)
    return { outcome: "multiple", count: counted.length };
  const text = counted[0];
  const parsed = parseTlsRptRecord(text);
  if (!parsed.ok)
    return { outcome: "invalid", text, error: parsed.reason };
  const { ok: _ok, ...record } = parsed;
  return { outcome: "policy", text, record };
}
async function lookupTlsRptPolicy(validator, domain, opts = {}) {
  const base = typeof domain === "string" ? Name.parse(domain) : domain;
  const name = base.child("_tls").child("_smtp");
  const r = await validator.lookup(name, RRType.TXT, { ...opts.signal ? { signal: opts.signal } : {}, ...opts.callBudget ? { budget: opts.callBudget } : {} });
  const common = { domain: base.toString(), name: name.toString(), reasons: r.reasons };
  switch (r.status) {
    case "bogus":
    case "indeterminate":
      return { ...common, outcome: "failed", status: r.status, records: [], reason: `TXT lookup of ${name} ${r.status}: ${r.reason}; the TLS-RPT policy is unknown` };
    case "secure":
    case "insecure":
      break;
    default:
      assertNever(r.status);
  }
  const status = r.status;
  if (r.kind === "error") {
    return { ...common, outcome: "failed", status: "indeterminate", records: [], reason: `TXT lookup of ${name} ended without an answer: ${r.reason}` };
  }
  const texts = r.rrset.flatMap((rr) => isType(rr, RRType.TXT) ? [txtRecordText(rr.data.strings)] : []);
  const records = texts.map((text) => ({ text, counted: isTlsRptCandidate(text) }));
  const proof = status === "secure" ? "DNSSEC-secure" : "insecure: no DNSSEC chain of trust reaches it";
  const found = { ...common, status, records };
  if (r.kind === "nxdomain" || r.kind === "nodata") {
    const what = r.kind === "nxdomain" ? "does not exist" : "has no TXT records";
    return { ...found, outcome: "none", answer: r.kind, reason: `${name} ${what} (${proof}): no TLS-RPT policy` };
  }
  const selection = selectTlsRptRecord(texts);
  const ignored = records.length - records.filter((x) => x.counted).length;
  const others = ignored > 0 ? `; ${ignored} other TXT record${ignored > 1 ? "s" : ""} ignored` : "";
  switch (selection.outcome) {
    case "policy": {
      const n = selection.record.rua.length;
      const u = selection.record.unsupportedRua.length;
      const unsupported = u > 0 ? `; ${u} URI${u > 1 ? "s" : ""} of another scheme set aside` : "";
      return { ...found, outcome: "policy", text: selection.text, policy: selection.record, reason: `TLS-RPT policy at ${name} (${proof}): ${n} report address${n > 1 ? "es" : ""}${unsupported}${others}` };
    }
    case "none":
      return { ...found, outcome: "none", answer: "answer", reason: `no TXT record at ${name} begins with "${TLSRPT_VERSION};" (${proof}): no TLS-RPT policy${others}` };
    case "multiple":
      return { ...found, outcome: "multiple", reason: `${selection.count} TXT records at ${name} begin with "${TLSRPT_VERSION};" (${proof}): not exactly one, so no TLS-RPT policy (${RFC})` };
    case "invalid":
      return { ...found, outcome: "invalid", text: selection.text, error: selection.error, reason: `TLS-RPT record at ${name} is invalid (${proof}): ${selection.error.text}; record "${clip(selection.text)}"` };
    default:
      return assertNever(selection);
  }
}

// dist/dane/record-checks.js
function association(der, selector, matchingType) {
  try {
    return tlsaAssociation(der, selector, matchingType);
  } catch {
    return void 0;
  }
}
function recordChecks(records, outcomes, chain) {
  return outcomes.filter((o) => o.usable).map((o) => {
    const r = records[o.index];
    const certs = r.certUsage === 3 ? chain.slice(0, 1) : chain.slice(1);
    return {
      params: o.params,
      data: toHex(r.certificateAssociationData),
      matched: o.matched,
      reason: o.reason,
      presented: certs.flatMap((c) => association(c, r.selector, r.matchingType) ?? [])
    };
  });
}

// dist/dane/destination.js
import { isIP as isIP2, isIPv6 } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
var MAX_DESTINATION_LENGTH = 1024;
var InvalidDomainError = class extends TypeError {
  problem;
  name = "InvalidDomainError";
  /** The same for every problem, as node's own errors carry one `code` per kind of misuse. */
  code = "ERR_DANE_INVALID_DOMAIN";
  constructor(problem, message) {
    super(message);
    this.problem = problem;
  }
};
var EXPECTED = {
  domain: "a mail domain such as example.com",
  host: "a mail server host name such as mx.example.com"
};
var URL_START = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
var NOT_IN_HOST_NAME = /[^A-Za-z0-9._\-\u0080-\uffff]/;
var LONGEST_QUOTE = 80;
function quote(s) {
  return JSON.stringify(s.length > LONGEST_QUOTE ? `${s.slice(0, LONGEST_QUOTE)}\u2026` : s);
}
function describeType(v) {
  if (v === null)
    return "null";
  if (Array.isArray(v))
    return "an array";
  const t = typeof v;
  return t === "undefined" ? "undefined" : `${/^[aeiou]/.test(t) ? "an" : "a"} ${t}`;
}
function hint(what, candidate) {
  if (candidate === void 0 || candidate === "")
    return "";
  try {
    parseDestination(candidate);
    return ` (its ${what} is ${quote(candidate)})`;
  } catch {
    return "";
  }
}
function urlHost(s) {
  try {
    return new URL(URL_START.test(s) ? s : `http://${s}`).hostname;
  } catch {
    return void 0;
  }
}
function addressLiteral2(s) {
  const inner = /^\[(.*)\]$/s.exec(s)?.[1];
  const tagged = inner !== void 0 && /^IPv6:/i.test(inner);
  const address = inner === void 0 ? s : tagged ? inner.slice(5) : inner;
  const family = tagged ? isIPv6(address) ? 6 : 0 : isIP2(address);
  if (family === 0)
    return void 0;
  const literal = family === 4 ? `[${address}]` : `[IPv6:${address}]`;
  return { kind: "address-literal", address, family, literal };
}
function syntaxProblem(ascii, role) {
  if (ascii === ".")
    return `the root is not ${role === "domain" ? "a mail domain" : "a host name"}`;
  const body = ascii.endsWith(".") ? ascii.slice(0, -1) : ascii;
  if (body.length > 253)
    return `a name of ${body.length} characters (at most 253, RFC 1035 \xA72.3.4)`;
  const labels = body.split(".");
  for (const l of labels) {
    if (l === "")
      return "an empty label";
    if (l.length > 63)
      return `a label of ${l.length} characters (at most 63, RFC 1035 \xA72.3.4)`;
    if (l.startsWith("-") || l.endsWith("-"))
      return `the label ${quote(l)} starts or ends with a hyphen (RFC 1034 \xA73.5)`;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]))
    return "the last label is all digits (an IP address is given as [192.0.2.1])";
  return void 0;
}
function domainName(input, role, fail3) {
  const bad = NOT_IN_HOST_NAME.exec(input)?.[0];
  if (bad !== void 0)
    throw fail3("syntax", `${quote(input)}: the character ${quote(bad)} is not allowed in a domain name (letters, digits, hyphens; IDNs as U-labels or A-labels)`);
  const ascii = /^[\x00-\x7f]*$/.test(input) ? input : domainToASCII(input);
  if (ascii === "")
    throw fail3("idna", `${quote(input)}: not a valid internationalized domain name (IDNA, UTS #46)`);
  const problem = syntaxProblem(ascii, role);
  if (problem !== void 0)
    throw fail3("syntax", `${quote(input)}: ${problem}`);
  const lower = ascii.toLowerCase();
  const unicode = domainToUnicode(ascii);
  if (domainToASCII(ascii) !== lower || domainToASCII(unicode) !== lower) {
    throw fail3("idna", `${quote(input)}: not a valid internationalized domain name (an A-label that no U-label encodes to)`);
  }
  const absolute = (s) => s.endsWith(".") ? s : `${s}.`;
  const name = Name.parse(absolute(ascii));
  return { kind: "domain", name, ...unicode !== lower ? { unicode: absolute(unicode) } : {} };
}
function parseDestination(input, role = "domain") {
  const memoKey = typeof input === "string" ? `${role}|${input}` : void 0;
  const known = memoKey === void 0 ? void 0 : parsedDestinations.get(memoKey);
  if (known)
    return known;
  const d = parseDestinationOnce(input, role);
  if (parsedDestinations.size >= PARSED_DESTINATION_ENTRIES)
    parsedDestinations.delete(parsedDestinations.keys().next().value);
  parsedDestinations.set(memoKey, Object.freeze(d));
  return d;
}
var PARSED_DESTINATION_ENTRIES = 1024;
var parsedDestinations = /* @__PURE__ */ new Map();
function parseDestinationOnce(input, role) {
  const fail3 = (problem, got) => new InvalidDomainError(problem, `expected ${EXPECTED[role]}, got ${got}`);
  if (typeof input !== "string")
    throw fail3("not-a-string", describeType(input));
  if (input === "")
    throw fail3("empty", "an empty string");
  if (input.length > MAX_DESTINATION_LENGTH)
    throw fail3("too-long", `a string of ${input.length} characters (at most ${MAX_DESTINATION_LENGTH})`);
  const literal = addressLiteral2(input);
  if (literal)
    return literal;
  if (input.startsWith("["))
    throw fail3("address-literal", `${quote(input)}: not an address literal such as [192.0.2.1] or [IPv6:2001:db8::1] (RFC 5321 \xA74.1.3)`);
  if (URL_START.test(input) || /[/?#]/.test(input))
    throw fail3("url", `the URL ${quote(input)}${hint("host", urlHost(input))}`);
  const at = input.lastIndexOf("@");
  if (at >= 0)
    throw fail3("mail-address", `the mail address ${quote(input)}${hint("domain", input.slice(at + 1))}`);
  return domainName(input, role, fail3);
}
function addressLiteralPolicy(d) {
  const reason = `no TLSA for an address literal: TLSA records are looked up at a host name (RFC 7672 \xA72.2.3), and ${d.literal} is an address`;
  const host = {
    host: d.literal,
    preference: 0,
    policy: "none",
    addressStatus: "insecure",
    addresses: [d.address],
    tlsa: [],
    reason,
    reasons: [],
    bogus: false
  };
  return {
    domain: d.literal,
    mx: { status: "insecure", kind: "host", reason: "address literal: no MX lookup, mail goes to the address (RFC 5321 \xA75.1)" },
    hosts: [host],
    action: "deliver",
    reason
  };
}

// dist/dane/policy.js
function lookupOptions(o) {
  return { ...o.signal ? { signal: o.signal } : {}, ...o.callBudget ? { budget: o.callBudget } : {} };
}
function referenceIdentifiers(host, nextHop) {
  const names = [host.tlsaBase ?? host.host, ...nextHop ? [nextHop] : []];
  return [...new Set(names.map((n) => n.replace(/\.$/, "").toLowerCase()))];
}
function secureNextHop(policy) {
  return policy.mx.status === "secure" && (policy.mx.kind === "answer" || policy.mx.kind === "implicit") ? policy.domain : void 0;
}
var DEFAULT_MAX_MX_HOSTS = 10;
function addressSecurity(...lookups) {
  const counted = lookups.filter((l) => l.status === "bogus" || l.status === "indeterminate" || l.rrset.length > 0);
  return (counted.length > 0 ? counted : lookups).map((l) => l.status).reduce((w, s) => worst(w, s));
}
function mergeChains(chains) {
  const seen = /* @__PURE__ */ new Set();
  return chains.flat().filter((l) => !seen.has(`${l.zone}|${l.status}`) && seen.add(`${l.zone}|${l.status}`));
}
async function resolveHostPolicy(validator, host, preference, options = {}) {
  const port = options.port ?? 25;
  const opts = lookupOptions(options);
  const early = validator.lookup(tlsaNameOf(host, port), RRType.TLSA, opts);
  early.catch(() => void 0);
  const [a, aaaa] = await Promise.all([validator.lookup(host, RRType.A, opts), validator.lookup(host, RRType.AAAA, opts)]);
  const key2 = `${preference}|${port}|${options.insecureMx ?? "dane"}|${options.mxStatus ?? ""}|${host.key()}`;
  const memo = hostPolicies.get(a);
  if (memo && memo.aaaa === aaaa && memo.key === key2 && (memo.tlsa === void 0 || memo.tlsa === await early))
    return memo.policy;
  const used = { extraLookups: false, expiresAt: Math.min(a.expiresAt, aaaa.expiresAt) };
  const derived = await deriveHostPolicy(validator, host, preference, port, options, opts, a, aaaa, early, used);
  const policy = { ...derived, expiresAt: used.tlsa ? Math.min(used.expiresAt, used.tlsa.expiresAt) : used.expiresAt };
  if (!used.extraLookups)
    hostPolicies.set(a, { aaaa, tlsa: used.tlsa, key: key2, policy: freezePolicy(policy) });
  return policy;
}
var hostPolicies = /* @__PURE__ */ new WeakMap();
function freezePolicy(p) {
  for (const a of [p.addresses, p.tlsa, p.reasons, p.chain])
    if (a)
      Object.freeze(a);
  return Object.freeze(p);
}
function tlsaNameOf(base, port) {
  const known = tlsaNames.get(base);
  if (known?.port === port)
    return known.name;
  const name = base.child("_tcp").child(`_${port}`);
  tlsaNames.set(base, { port, name });
  return name;
}
var tlsaNames = /* @__PURE__ */ new WeakMap();
async function deriveHostPolicy(validator, host, preference, port, options, opts, a, aaaa, early, used) {
  const addressStatus = addressSecurity(a, aaaa);
  const addresses = [...a.rrset, ...aaaa.rrset].flatMap((rr) => isType(rr, RRType.A) || isType(rr, RRType.AAAA) ? [rr.data.address] : []);
  const reasons = [...a.reasons, ...aaaa.reasons];
  const expanded = [a, aaaa].find((r) => r.aliases.length > 0 && r.rrset.length > 0)?.rrset[0]?.name;
  const base = {
    host: host.toString(),
    preference,
    addressStatus,
    addresses: addressStatus === "secure" || addressStatus === "insecure" ? addresses : [],
    ...expanded && !expanded.equals(host) ? { canonicalName: expanded.toString() } : {},
    tlsa: [],
    chain: mergeChains([a.chain, aaaa.chain])
  };
  if (addressStatus === "bogus" || addressStatus === "indeterminate") {
    const main = (a.status === addressStatus ? a : aaaa).reason;
    return { ...base, policy: "no-delivery", bogus: addressStatus === "bogus", reason: `address lookup ${addressStatus}: ${main}`, reasons };
  }
  if (addresses.length === 0) {
    return { ...base, policy: "no-delivery", bogus: false, noAddresses: true, reason: `${host} has no A or AAAA records: the host is skipped`, reasons };
  }
  if (options.mxStatus === "insecure" && options.insecureMx === "none") {
    return { ...base, policy: "none", bogus: false, reason: "the MX RRset is insecure and the policy for insecure MX hosts is none", reasons };
  }
  let candidates;
  if (base.canonicalName) {
    used.extraLookups = true;
    const own = await validator.lookup(host, RRType.CNAME, opts);
    used.expiresAt = Math.min(used.expiresAt, own.expiresAt);
    reasons.push(...own.reasons);
    if (own.status === "bogus" || own.status === "indeterminate") {
      return { ...base, policy: "no-delivery", bogus: own.status === "bogus", reason: `CNAME lookup ${own.status}: ${own.reason}`, reasons };
    }
    if (own.status === "insecure") {
      return { ...base, policy: "none", bogus: false, reason: `the CNAME at ${host} is insecure: TLSA records are not used (RFC 7672 \xA72.2.3)`, reasons };
    }
    candidates = addressStatus === "secure" ? [expanded, host] : [host];
  } else {
    if (addressStatus !== "secure") {
      return { ...base, policy: "none", bogus: false, reason: `the address records of ${host} are insecure: TLSA records are not used (RFC 7672 \xA72.2.2)`, reasons };
    }
    candidates = [host];
  }
  let last;
  for (const candidate of candidates) {
    const tlsaName = tlsaNameOf(candidate, port);
    const t = candidate.equals(host) ? used.tlsa = await early : await validator.lookup(tlsaName, RRType.TLSA, opts);
    used.expiresAt = Math.min(used.expiresAt, t.expiresAt);
    const common = { ...base, tlsaBase: candidate.toString(), tlsaName: tlsaName.toString(), tlsaStatus: t.status, reasons: [...reasons, ...t.reasons], chain: mergeChains([base.chain, t.chain]) };
    switch (t.status) {
      case "bogus":
      case "indeterminate":
        return { ...common, policy: "no-delivery", bogus: t.status === "bogus", reason: `TLSA lookup ${t.status}: ${t.reason}` };
      case "insecure":
        last = { ...common, policy: "none", bogus: false, reason: `TLSA records at ${tlsaName} are insecure: ${t.reason}` };
        continue;
      case "secure":
        break;
    }
    const records = t.rrset.filter((rr) => isType(rr, RRType.TLSA));
    if (records.length === 0) {
      last = { ...common, policy: "none", bogus: false, reason: `no TLSA records at ${tlsaName} (proven by DNSSEC)` };
      continue;
    }
    const tlsa = records.map((rr) => {
      const data = rr.data;
      const c = classifyTlsa(data);
      return { text: formatRR(rr), data, params: tlsaParams(data), usable: c.usable, ...c.usable ? {} : { reason: c.reason } };
    });
    const usable = tlsa.filter((r) => r.usable).length;
    if (usable > 0)
      return { ...common, tlsa, policy: "dane", bogus: false, reason: `${usable} usable TLSA record${usable > 1 ? "s" : ""} at ${tlsaName}` };
    return { ...common, tlsa, policy: "mandatory-tls", bogus: false, reason: `TLSA RRset at ${tlsaName} is secure but holds no usable record: TLS is mandatory, unauthenticated (RFC 7672 \xA72.2)` };
  }
  return last;
}
async function resolveDanePolicyWith(validator, domain, options = {}) {
  if (typeof domain !== "string")
    return resolveNamePolicy(validator, domain, options);
  const d = parseDestination(domain);
  if (d.kind === "address-literal")
    return addressLiteralPolicy(d);
  const policy = await resolveNamePolicy(validator, d.name, options);
  return d.unicode === void 0 ? policy : { ...policy, domainUnicode: d.unicode };
}
async function resolveNamePolicy(validator, name, options) {
  const opts = lookupOptions(options);
  const mx = await validator.lookup(name, RRType.MX, opts);
  const d = name.toString();
  if (mx.status === "bogus" || mx.status === "indeterminate") {
    return { domain: d, mx: { status: mx.status, kind: "error", reason: mx.reason, chain: mx.chain }, hosts: [], action: "defer", reason: `MX lookup ${mx.status}: ${mx.reason}`, expiresAt: mx.expiresAt };
  }
  if (mx.kind === "nxdomain") {
    return { domain: d, mx: { status: mx.status, kind: "nxdomain", reason: mx.reason, chain: mx.chain }, hosts: [], action: "no-mail", reason: `${d} does not exist`, expiresAt: mx.expiresAt };
  }
  const mxRecords = mx.rrset.flatMap((rr) => isType(rr, RRType.MX) ? [rr] : []);
  if (mxRecords.length > 0 && mxRecords.every((r) => r.data.exchange.isRoot)) {
    return { domain: d, mx: { status: mx.status, kind: "null", reason: "null MX (RFC 7505)", chain: mx.chain }, hosts: [], action: "no-mail", reason: `${d} publishes a null MX: it accepts no mail (RFC 7505)`, expiresAt: mx.expiresAt };
  }
  const implicit = mxRecords.length === 0;
  const targets = implicit ? [{ preference: 0, exchange: name }] : mxRecords.map((r) => r.data).filter((m) => !m.exchange.isRoot);
  targets.sort((x, y) => x.preference - y.preference);
  const seen = /* @__PURE__ */ new Set();
  const unique = targets.filter((t) => !seen.has(t.exchange.key()) && seen.add(t.exchange.key()));
  const limited = unique.slice(0, options.maxHosts ?? DEFAULT_MAX_MX_HOSTS);
  const hosts = await Promise.all(limited.map((t) => resolveHostPolicy(validator, t.exchange, t.preference, { ...options, mxStatus: mx.status })));
  const memo = domainPolicies.get(mx);
  if (memo && memo.name === d && memo.hosts.length === hosts.length && memo.hosts.every((h, i) => h === hosts[i]))
    return memo.policy;
  const mxInfo = { status: mx.status, kind: implicit ? "implicit" : "answer", reason: implicit ? `no MX records: ${d} is its own mail host (RFC 5321 \xA75.1)` : mx.reason, chain: mx.chain };
  const cut = unique.length - limited.length;
  const reason = cut > 0 ? `${mxInfo.reason}; only the ${limited.length} most preferred of ${unique.length} MX hosts were checked` : mxInfo.reason;
  const expiresAt = hosts.reduce((t, h) => Math.min(t, h.expiresAt ?? t), mx.expiresAt);
  const policy = Object.freeze({ domain: d, mx: Object.freeze(mxInfo), hosts: Object.freeze(hosts), action: "deliver", reason, ...cut > 0 ? { hostsNotChecked: cut } : {}, expiresAt });
  domainPolicies.set(mx, { name: d, hosts, policy });
  return policy;
}
var domainPolicies = /* @__PURE__ */ new WeakMap();

// dist/dane/tlsrpt.js
var TLSRPT_NEGOTIATION_TYPES = [
  "starttls-not-supported",
  "certificate-host-mismatch",
  "certificate-expired",
  "certificate-not-trusted",
  "validation-failure"
];
var TLSRPT_DANE_TYPES = ["tlsa-invalid", "dnssec-invalid", "dane-required"];
var TLSRPT_STS_TYPES = ["sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid"];
var ALL2 = /* @__PURE__ */ new Set([...TLSRPT_NEGOTIATION_TYPES, ...TLSRPT_DANE_TYPES, ...TLSRPT_STS_TYPES]);
function isTlsRptResultType(s) {
  return ALL2.has(s);
}
function tlsRptForSessionFailure(failure3, step) {
  switch (failure3) {
    case "starttls-not-supported":
    case "starttls-refused":
      return "starttls-not-supported";
    case "tls-version":
    case "tls-handshake":
    case "protocol":
      return "validation-failure";
    case "timeout":
    case "closed":
      return step === "tls" ? "validation-failure" : void 0;
    case "connect":
    case "greeting-rejected":
    case "aborted":
      return void 0;
    default: {
      const never = failure3;
      throw new TypeError(`unknown session failure ${String(never)}`);
    }
  }
}

// dist/dane/verify.js
var SESSION_TIMEOUT_STEPS = 3;
var MAX_ADDRESSES_PER_HOST = 10;
var RANK2 = { failed: 0, bogus: 1, error: 2, none: 3, unauthenticated: 4, authenticated: 5 };
var MAX_TIMEOUT_MS = 6e5;
function checkOptions(o) {
  const t = o.timeoutMs;
  if (t !== void 0 && (!Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT_MS))
    throw outOfRange(`expected timeoutMs as a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${t}`);
  if (o.now !== void 0 && (!(o.now instanceof Date) || Number.isNaN(o.now.getTime())))
    throw new TypeError(`expected now as a valid Date, got ${String(o.now)}`);
  const m = o.maxHosts;
  if (m !== void 0 && (!Number.isInteger(m) || m < 1))
    throw outOfRange(`expected maxHosts as a whole number of at least 1, got ${m}`);
  const p = o.port;
  if (p !== void 0 && (!Number.isInteger(p) || p < 1 || p > 65535))
    throw outOfRange(`expected port from 1 to 65535, got ${p}`);
}
function validatorFor(o) {
  checkOptions(o);
  if (o.validator)
    return o.validator;
  const make = () => buildValidator(o).validator;
  return o.shareValidator === false ? make() : sharedValidator(o, make);
}
async function checkAddress(policy, address, nextHop, o) {
  let release;
  try {
    release = await o.callBudget.openSession();
  } catch (e) {
    if (e instanceof BudgetExhausted)
      return { address, outcome: "error", reason: `not connected: ${e.reason.text}` };
    throw e;
  }
  try {
    return await sessionAndMatch(policy, address, nextHop, o);
  } finally {
    release();
  }
}
async function sessionAndMatch(policy, address, nextHop, o) {
  const s = await startTlsSession({
    address,
    port: o.port ?? 25,
    servername: policy.tlsaBase ?? policy.host,
    timeoutMs: o.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    // One bound for the whole session too, so a peer trickling each step just under its timeout is cut off.
    totalTimeoutMs: SESSION_TIMEOUT_STEPS * (o.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS),
    ...o.minTlsVersion ? { minVersion: o.minTlsVersion } : {},
    ...o.ehloName ? { ehloName: o.ehloName } : {},
    signal: o.callBudget.signal
  });
  if (!s.ok) {
    const stop = s.failure === "aborted" && o.callBudget.pastDeadline ? o.callBudget.exhaustedReason : void 0;
    if (stop)
      return { address, outcome: "error", reason: `${stop.text} (during the SMTP session)`, transcript: s.transcript };
    const tlsrpt = tlsRptForSessionFailure(s.failure, s.step);
    const outcome = tlsrpt && s.failure !== "timeout" ? "failed" : "error";
    return { address, outcome, ...tlsrpt ? { tlsrpt } : {}, reason: s.reason, transcript: s.transcript };
  }
  const tls = { tlsVersion: s.tlsVersion, cipher: s.cipher, transcript: s.transcript };
  if (policy.policy === "mandatory-tls") {
    if (o.requireDane)
      return { address, outcome: "failed", tlsrpt: "tlsa-invalid", ...tls, reason: `DANE required, but no TLSA record at ${policy.tlsaName} is usable for SMTP (RFC 7672 \xA73.1)` };
    return { address, outcome: "unauthenticated", ...tls, reason: `TLS (${s.tlsVersion}) without authentication: no usable TLSA record` };
  }
  try {
    o.callBudget.charge("certificateBytes", s.chain.reduce((n, c) => n + c.length, 0), `the certificates of ${address}`);
  } catch (e) {
    if (e instanceof BudgetExhausted)
      return { address, outcome: "error", ...tls, reason: e.reason.text };
    throw e;
  }
  const refs = referenceIdentifiers(policy, nextHop);
  const data = policy.tlsa.map((t) => t.data);
  const m = await matchChain({ chain: s.chain, records: data, referenceIdentifiers: refs, parseCache: o.parseCache, ...o.now ? { now: o.now } : {} });
  const records = recordChecks(data, m.records, s.chain);
  publish("match", () => ({ host: policy.host, address, ok: m.ok, ...m.ok ? { usage: m.usage, depth: m.depth } : { code: m.code }, reason: m.reason }));
  if (!m.ok) {
    const considered = Math.min(s.chain.length, MAX_CHAIN_CERTIFICATES);
    const cut = s.chainCut || s.chain.length > considered ? ` (the server presented ${s.chainCut ? `more than ${MAX_PEER_CHAIN}` : s.chain.length} certificates; the first ${considered} were considered: MAX_CHAIN_CERTIFICATES)` : "";
    return { address, outcome: "failed", tlsrpt: m.tlsrpt, ...tls, reason: `${m.reason}${cut}`, records };
  }
  const record = policy.tlsa[m.recordIndex]?.text ?? "";
  return { address, outcome: "authenticated", ...tls, matched: { record, usage: m.usage, depth: m.depth }, reason: m.reason, records };
}
function connects(policy, o) {
  return o.connect !== false && (policy.policy === "dane" || policy.policy === "mandatory-tls");
}
function planSessions(hosts, o) {
  const allowed = hosts.map((h) => connects(h, o) ? h.addresses.filter((a) => !o.allowAddress || o.allowAddress(a, h.host)) : []);
  const capped = allowed.map((a) => a.slice(0, MAX_ADDRESSES_PER_HOST));
  const wanted = capped.reduce((n, a) => n + a.length, 0);
  const { granted, reason } = wanted > 0 ? o.callBudget.reserveSessions(wanted, `${wanted} addresses of ${hosts.length} MX hosts`) : { granted: 0 };
  const chosen = hosts.map(() => []);
  for (let round = 0, left = granted; left > 0; round++) {
    for (let i = 0; i < hosts.length && left > 0; i++) {
      const a = capped[i][round];
      if (a !== void 0) {
        chosen[i].push(a);
        left--;
      }
    }
  }
  return hosts.map((h, i) => ({
    addresses: chosen[i],
    refused: connects(h, o) ? h.addresses.filter((a) => !allowed[i].includes(a)) : [],
    overHostLimit: allowed[i].length - capped[i].length,
    overBudget: capped[i].length - chosen[i].length,
    ...reason ? { budgetReason: reason.text } : {}
  }));
}
async function tlsRptOf(validator, domain, o) {
  try {
    return await lookupTlsRptPolicy(validator, domain, { ...o.signal ? { signal: o.signal } : {}, callBudget: o.callBudget });
  } catch (e) {
    if (!(e instanceof DnsFormatError))
      throw e;
    const reason = `_smtp._tls.${domain} is not a valid name (${e.message}): no TLS-RPT policy can be published for ${domain}`;
    return { domain, name: `_smtp._tls.${domain}`, outcome: "failed", status: "indeterminate", reason, reasons: [], records: [] };
  }
}
var policyOnlyResults = /* @__PURE__ */ new WeakMap();
async function checkHost(policy, nextHop, plan, o) {
  const base = { host: policy.host, preference: policy.preference, policy };
  switch (policy.policy) {
    case "no-delivery":
      return { ...base, outcome: policy.bogus ? "bogus" : "error", ...policy.bogus ? { tlsrpt: "dnssec-invalid" } : {}, reason: policy.reason, addresses: [] };
    case "none":
      if (o.requireDane)
        return { ...base, outcome: "failed", tlsrpt: "dane-required", reason: `DANE required, but ${policy.reason}`, addresses: [] };
      return { ...base, outcome: "none", reason: policy.reason, addresses: [] };
    case "dane":
    case "mandatory-tls":
      break;
  }
  if (o.connect === false && o.requireDane && policy.policy === "mandatory-tls") {
    return { ...base, outcome: "failed", tlsrpt: "tlsa-invalid", reason: `DANE required, but ${policy.reason}`, addresses: [] };
  }
  if (o.connect === false) {
    let r = policyOnlyResults.get(policy);
    if (!r)
      policyOnlyResults.set(policy, r = Object.freeze({ ...base, outcome: "unauthenticated", reason: `${policy.reason}; not connected (policy only)`, addresses: Object.freeze([]) }));
    return r;
  }
  const refused = plan.refused.map((a) => ({ address: a, outcome: "error", reason: `address ${a} of ${policy.host} refused by allowAddress: not connected` }));
  const addresses = [...refused, ...await Promise.all(plan.addresses.map((a) => checkAddress(policy, a, nextHop, o)))];
  const notTried = plan.overHostLimit + plan.overBudget;
  if (addresses.length === 0) {
    return { ...base, outcome: "error", reason: `not connected: ${plan.budgetReason ?? "no session left"}`, addresses, addressesNotTried: notTried };
  }
  const worstAddr = addresses.reduce((w, a) => RANK2[a.outcome] < RANK2[w.outcome] ? a : w);
  const why = [
    ...plan.overHostLimit > 0 ? [`${plan.overHostLimit} past the ${MAX_ADDRESSES_PER_HOST} tried per host`] : [],
    ...plan.overBudget > 0 ? [`${plan.overBudget} past the call's ${o.callBudget.limits.maxSmtpSessions} SMTP sessions (maxSmtpSessions)`] : []
  ];
  const reason = notTried > 0 ? `${worstAddr.reason} (${notTried} more address${notTried > 1 ? "es" : ""} not tried: ${why.join("; ")})` : worstAddr.reason;
  return { ...base, outcome: worstAddr.outcome, ...worstAddr.tlsrpt ? { tlsrpt: worstAddr.tlsrpt } : {}, reason, addresses, ...notTried > 0 ? { addressesNotTried: notTried } : {} };
}
function exitCodeOf(policy, hosts, connected) {
  if (policy.action === "defer")
    return policy.mx.status === "bogus" ? 1 : 3;
  const usable = hosts.filter((h) => !h.policy.noAddresses);
  if (policy.action === "no-mail" || hosts.length === 0)
    return 2;
  if (usable.length === 0)
    return 3;
  if (usable.some((h) => h.outcome === "failed" || h.outcome === "bogus"))
    return 1;
  if (usable.some((h) => h.outcome === "error"))
    return 3;
  if (!connected)
    return usable.every((h) => h.policy.policy === "dane") ? 0 : 2;
  return usable.every((h) => h.outcome === "authenticated") ? 0 : 2;
}
async function verifyDane(destination, options = {}) {
  options.signal?.throwIfAborted();
  const validator = validatorFor(options);
  const o = { ...options, callBudget: new CallBudget(options.budget, options.signal), parseCache: /* @__PURE__ */ new Map() };
  let policy;
  if (typeof destination === "string")
    policy = await resolveDanePolicyWith(validator, destination, o);
  else {
    const d = parseDestination(destination?.host, "host");
    if (d.kind === "address-literal")
      policy = addressLiteralPolicy(d);
    else {
      const host = await resolveHostPolicy(validator, d.name, 0, o);
      policy = { domain: host.host, ...d.unicode ? { domainUnicode: d.unicode } : {}, mx: { status: host.addressStatus, kind: "host", reason: "host given directly: no MX lookup" }, hosts: [host], action: "deliver", reason: "host given directly", ...host.expiresAt !== void 0 ? { expiresAt: host.expiresAt } : {} };
    }
  }
  const tlsRpt = options.tlsRpt && typeof destination === "string" && policy.mx.kind !== "host" ? tlsRptOf(validator, policy.domain, o) : void 0;
  tlsRpt?.catch(() => void 0);
  const nextHop = secureNextHop(policy);
  let plans;
  try {
    plans = planSessions(policy.hosts, o);
  } catch (e) {
    if (!(e instanceof BudgetExhausted))
      throw e;
    plans = policy.hosts.map(() => ({ addresses: [], refused: [], overHostLimit: 0, overBudget: 0, budgetReason: e.reason.text }));
  }
  const hosts = await Promise.all(policy.hosts.map((h, i) => checkHost(h, nextHop, plans[i], o)));
  const exitCode = exitCodeOf(policy, hosts, options.connect !== false);
  const cut = policy.hostsNotChecked ? `; ${policy.hostsNotChecked} more MX host${policy.hostsNotChecked > 1 ? "s" : ""} not checked` : "";
  const summary = policy.action !== "deliver" ? policy.reason : `${hosts.map((h) => `${h.host} ${h.outcome}`).join(", ")}${cut}`;
  const rpt = tlsRpt ? await tlsRpt : void 0;
  options.signal?.throwIfAborted();
  return { domain: policy.domain, ...policy.domainUnicode ? { domainUnicode: policy.domainUnicode } : {}, ...rpt ? { tlsRpt: rpt } : {}, policy, hosts, exitCode, connected: options.connect !== false, summary, budget: o.callBudget.report() };
}
async function resolveDanePolicy(domain, options = {}) {
  options.signal?.throwIfAborted();
  const validator = validatorFor(options);
  const policy = await resolveDanePolicyWith(validator, domain, { ...options, callBudget: new CallBudget(options.budget, options.signal) });
  options.signal?.throwIfAborted();
  return policy;
}

// dist/dane/identity.js
var DaneVerificationError = class extends Error {
  result;
  name = "DaneVerificationError";
  /** Like node's `ERR_TLS_CERT_ALTNAME_INVALID`: a stable code for logs. */
  code = "ERR_DANE_VERIFICATION";
  tlsrpt;
  constructor(result) {
    super(`DANE verification failed: ${result.reason}`);
    this.result = result;
    this.tlsrpt = result.tlsrpt;
  }
};
function daneTlsOptions(servername, minVersion = "TLSv1.2") {
  if (!servername)
    throw new TypeError("expected the TLSA base domain as servername");
  return { servername: servername.replace(/\.$/, ""), rejectUnauthorized: false, ca: [], minVersion };
}
function verifyDanePeer(socket, policy) {
  return matchChain({ ...policy, chain: peerCertificateChain(socket) });
}
async function checkDaneIdentity(socket, policy) {
  const result = await verifyDanePeer(socket, policy);
  if (result.ok)
    return void 0;
  const err = new DaneVerificationError(result);
  destroyWith(socket, err);
  return err;
}
function destroyWith(socket, err) {
  if (socket.listenerCount("error") === 0)
    socket.once("error", () => {
    });
  socket.destroy(err);
}

// dist/dane/connect-plan.js
var DaneRequiredError = class extends Error {
  name = "DaneRequiredError";
  code = "ERR_DANE_REQUIRED";
  tlsrpt = "tlsa-invalid";
};
function fail2(socket, destroy, error) {
  if (destroy)
    destroyWith(socket, error);
  return { ok: false, tlsrpt: error.tlsrpt, reason: error.message, error };
}
function target(policy, host, address, o) {
  const servername = (host.tlsaBase ?? host.host).replace(/\.$/, "");
  const refs = referenceIdentifiers(host, secureNextHop(policy));
  const records = host.tlsa.map((t) => t.data);
  const kind = host.policy;
  return Object.freeze({
    host: host.host,
    preference: host.preference,
    address,
    port: o.port ?? 25,
    requireTls: kind !== "none",
    policy: kind,
    servername,
    tlsOptions: Object.freeze(daneTlsOptions(servername, o.minTlsVersion)),
    hostPolicy: host,
    async verify(socket, v = {}) {
      if (kind === "none")
        return { ok: true, authenticated: false, reason: `${host.host}: no DANE (${host.reason}); TLS, if any, is opportunistic` };
      if (!socket.encrypted || socket.destroyed) {
        return fail2(socket, v.destroy, new DaneRequiredError(`${host.host} [${address}]: the socket is not a connected TLS socket, and TLS is mandatory (RFC 7672 \xA72.2)`));
      }
      if (kind === "mandatory-tls") {
        if (o.requireDane)
          return fail2(socket, v.destroy, new DaneRequiredError(`DANE required, but no TLSA record at ${host.tlsaName} is usable for SMTP (RFC 7672 \xA73.1)`));
        return { ok: true, authenticated: false, reason: `TLS without authentication: the secure TLSA RRset at ${host.tlsaName} holds no usable record (RFC 7672 \xA72.2)` };
      }
      let m;
      try {
        m = await verifyDanePeer(socket, { records, referenceIdentifiers: refs, ...v.now ? { now: v.now } : {} });
      } catch (e) {
        m = { ok: false, code: "bad-certificate", tlsrpt: "validation-failure", reason: `the server's certificates could not be read: ${e.message}`, records: [] };
      }
      if (!m.ok)
        return fail2(socket, v.destroy, new DaneVerificationError(m));
      return { ok: true, authenticated: true, usage: m.usage, depth: m.depth, reason: m.reason };
    }
  });
}
function connectPlan(policy, options = {}) {
  if (options.port !== void 0 && !(Number.isInteger(options.port) && options.port >= 1 && options.port <= 65535)) {
    throw outOfRange(`expected port as a whole number in 1-65535, got ${options.port}`);
  }
  const base = { domain: policy.domain, skipped: [], targets: [], addressesLeftOut: 0 };
  if (policy.action !== "deliver")
    return Object.freeze({ ...base, action: policy.action, reason: policy.reason });
  for (const h of policy.hosts) {
    const skip = (reason, tlsrpt) => base.skipped.push({ host: h.host, preference: h.preference, reason, bogus: h.bogus, noAddresses: h.noAddresses === true, ...tlsrpt ? { tlsrpt } : {} });
    if (h.policy === "no-delivery") {
      skip(h.reason, h.bogus ? "dnssec-invalid" : void 0);
      continue;
    }
    if (h.policy === "none" && options.requireDane) {
      skip(`DANE required, but ${h.reason}`, "dane-required");
      continue;
    }
    const usable = h;
    for (const a of h.addresses.slice(0, MAX_ADDRESSES_PER_HOST))
      base.targets.push(target(policy, usable, a, options));
    base.addressesLeftOut += Math.max(0, h.addresses.length - MAX_ADDRESSES_PER_HOST);
  }
  if (base.targets.length > 0) {
    return Object.freeze({ ...base, action: "deliver", reason: `${base.targets.length} target${base.targets.length > 1 ? "s" : ""} to try in order${base.skipped.length ? `; ${base.skipped.length} host${base.skipped.length > 1 ? "s" : ""} left out` : ""}` });
  }
  const why = base.skipped.map((s) => `${s.host}: ${s.reason}`).join("; ") || "no host";
  return Object.freeze({ ...base, action: "defer", reason: `no host can be used now: ${why}` });
}

// dist/dane/dane-resolver.js
var DaneResolverClosedError = class extends Error {
  name = "DaneResolverClosedError";
  code = "ERR_DANE_RESOLVER_CLOSED";
  constructor() {
    super("this DANE resolver was closed");
  }
};
function createDaneResolver(options = {}) {
  const built = buildValidator(options, options);
  let open = built;
  const calls = { policy: 0, verify: 0, connectPlan: 0 };
  const base = {
    ...options.timeoutMs !== void 0 ? { timeoutMs: options.timeoutMs } : {},
    ...options.now ? { now: options.now } : {}
  };
  const use = () => {
    if (!open)
      throw new DaneResolverClosedError();
    return open.validator;
  };
  return Object.freeze({
    async policy(domain, o = {}) {
      const validator = use();
      calls.policy++;
      return resolveDanePolicy(domain, { ...o, ...base, validator });
    },
    async connectPlan(domain, o = {}) {
      const validator = use();
      calls.connectPlan++;
      return connectPlan(await resolveDanePolicy(domain, { ...o, ...base, validator }), o);
    },
    async verify(destination, o = {}) {
      const validator = use();
      calls.verify++;
      return verifyDane(destination, { ...o, ...base, validator });
    },
    stats() {
      return { calls: { ...calls }, answers: built.validator.cacheStats().answers, dns: built.stub.stats };
    },
    close() {
      if (!open)
        return;
      open.stub.close();
      open.validator.clearCaches();
      open = void 0;
    }
  });
}

// dist/dane/tlsrpt-errors.js
var CERTIFICATE_CODES = {
  CERT_HAS_EXPIRED: "certificate-expired",
  CERT_NOT_YET_VALID: "certificate-expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate-host-mismatch",
  HOSTNAME_MISMATCH: "certificate-host-mismatch",
  DEPTH_ZERO_SELF_SIGNED_CERT: "certificate-not-trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "certificate-not-trusted",
  UNABLE_TO_GET_ISSUER_CERT: "certificate-not-trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "certificate-not-trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate-not-trusted",
  CERT_UNTRUSTED: "certificate-not-trusted",
  CERT_REVOKED: "certificate-not-trusted",
  CERT_SIGNATURE_FAILURE: "validation-failure"
};
function tlsRptForError(err) {
  for (let e = err, depth = 0; typeof e === "object" && e !== null && depth < 4; e = e.cause, depth++) {
    const f = e;
    if (typeof f.tlsrpt === "string")
      return f.tlsrpt;
    const code = typeof f.code === "string" ? f.code : "";
    if (code in CERTIFICATE_CODES)
      return CERTIFICATE_CODES[code];
    if (code === "ETLS") {
      return typeof f.response === "string" && f.response !== "" ? "starttls-not-supported" : "validation-failure";
    }
    if (code === "EPROTO" || code.startsWith("ERR_SSL_") || code === "ERR_TLS_INVALID_PROTOCOL_VERSION")
      return "validation-failure";
  }
  return void 0;
}

// dist/dnssec/redis-answer-store.js
function redisAnswerStore(client) {
  return {
    async get(key2) {
      const v = await client.get(key2);
      return typeof v === "string" ? v : void 0;
    },
    async set(key2, value, ttlSeconds) {
      await client.set(key2, value, { EX: Math.max(1, Math.floor(ttlSeconds)) });
    },
    async delete(key2) {
      await client.del(key2);
    }
  };
}
export {
  ANSWER_CACHE_ENTRIES,
  ANSWER_CACHE_OCTETS,
  DEFAULT_CALL_BUDGET,
  DEFAULT_VALIDATOR_LIMITS,
  DIAGNOSTICS_CHANNELS,
  DaneRequiredError,
  DaneResolverClosedError,
  DaneVerificationError,
  DnsFormatError,
  InvalidDomainError,
  MemoryAnswerStore,
  Name,
  RRClass,
  RRType,
  Rcode,
  StubResolver,
  TrustAnchorError,
  Validator,
  algorithmStatus,
  canonicalRRset,
  canonicalRdata,
  checkDaneIdentity,
  classifyTlsa,
  clearSharedValidators,
  computeDS,
  connectPlan,
  createDaneResolver,
  createQuery,
  createRR,
  daneTlsOptions,
  decodeMessage,
  decodeRdata,
  dsMatchesDnskey,
  encodeMessage,
  encodeRdata,
  formatRR,
  ianaRootAnchors,
  isTlsRptResultType,
  isType,
  keyTag,
  matchChain,
  nsec3Hash,
  parseDestination,
  parseRR,
  parseServerAddress,
  parseTrustAnchorText,
  parseTrustAnchorXml,
  parseTrustAnchors,
  parseZone,
  rcodeToString,
  recordFromRdata,
  redisAnswerStore,
  referenceIdentifiers,
  resolveDanePolicy,
  resolveDanePolicyWith,
  resolveHostPolicy,
  rrTypeFromString,
  rrTypeToString,
  secureNextHop,
  startTlsSession,
  tlsRptForError,
  tlsRptForSessionFailure,
  tlsaAssociation,
  verifyDane,
  verifyDanePeer,
  verifyRRset
};
