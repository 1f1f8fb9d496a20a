'use strict';
/**
 * Haraka outbound plugin: DANE for SMTP (RFC 7672) with dane-verify, as far as Haraka core lets a
 * plugin go (see docs/haraka.md for what it cannot do, and why that matters).
 *
 * What it does, in `get_mx`: the domain's DANE policy and connect plan, proven from the DNSSEC
 * root (not through the system resolver); DENYSOFT (defer) when the policy says defer (a bogus or
 * indeterminate MX lookup, or no usable host), DENY (bounce) for a domain that takes no mail
 * (NXDOMAIN, null MX); otherwise the plan's targets as MX entries: the validated address as
 * `exchange` (Haraka resolves nothing itself) and the TLSA base domain as `from_dns` (Haraka sends
 * it as SNI). Bogus hosts are left out of the list.
 *
 * A folder plugin (plugins/dane/ with this package.json): Haraka loads it with a real `require`,
 * not in its vm sandbox, where the `import()` of dane-verify (an ES module) is not available.
 * OK, DENY and DENYSOFT are the globals Haraka sets for plugins.
 *
 * config/dane.ini (all optional):
 *   resolvers=127.0.0.1          ; comma-separated, default: /etc/resolv.conf
 *   trust_anchor_file=/path      ; DS/DNSKEY lines or root-anchors.xml, default: the IANA root anchors
 *   port=25                      ; the SMTP port (also the TLSA name's port)
 *   module=dane-verify           ; where to import dane-verify from
 */
const fs = require('node:fs');

exports.register = function () {
  this.load_dane_ini();
};

exports.load_dane_ini = function () {
  this.cfg = this.config.get('dane.ini', () => this.load_dane_ini());
};

exports.resolver = async function () {
  if (this.dane) return this.dane;
  const main = this.cfg.main || {};
  const { createDaneResolver } = await import(main.module || 'dane-verify');
  this.dane = createDaneResolver({
    ...(main.resolvers ? { resolvers: main.resolvers.split(',').map((s) => s.trim()) } : {}),
    ...(main.trust_anchor_file ? { trustAnchors: fs.readFileSync(main.trust_anchor_file, 'utf8') } : {}),
  });
  return this.dane;
};

exports.hook_get_mx = async function (next, hmail, domain) {
  const port = Number((this.cfg.main || {}).port || 25);
  try {
    const dane = await this.resolver();
    const plan = await dane.connectPlan(domain, { port });
    if (plan.action === 'no-mail') return next(DENY, plan.reason);
    if (plan.action === 'defer') return next(DENYSOFT, plan.reason);
    for (const s of plan.skipped) hmail.logwarn(this, `DANE: ${s.host} left out: ${s.reason}`);
    const mx = plan.targets.map((t) => ({ exchange: t.address, from_dns: t.servername, priority: t.preference, port: t.port }));
    hmail.loginfo(this, `DANE: ${plan.targets.map((t) => `${t.host} [${t.address}] ${t.policy}`).join(', ')}`);
    return next(OK, mx);
  } catch (e) {
    // Never a fallback to Haraka's own (unvalidated) MX lookup: try again later.
    return next(DENYSOFT, `DANE policy lookup failed: ${e.message}`);
  }
};

exports.shutdown = function () {
  if (this.dane) this.dane.close();
};
