#!/usr/bin/env node
// Adapter for NLnet Labs ldns (Debian package ldnsutils): the conformance runner's protocol
// (vectors/README.md) answered by ldns's own tools, an implementation independent of dane-verify.
//   ds          ldns-key2ds -n -f -1|-2|-4 <key file>
//   nsec3-hash  ldns-nsec3-hash -a <alg> -t <iterations> -s <salt> <name>
//   rrsig       ldns-verify-zone -t <now> on a zone of the keys, the RRset and the RRSIG (with a
//               stand-in SOA when the case has none): valid unless ldns reports an error for
//               that RRset. Its other complaints (no NSEC, unsigned SOA) concern the stand-in zone.
//   others      skipped: ldns has no command that judges a response's denial proof or replays a
//               whole lookup offline, and prints records in its own style.
// Usage: dane-verify vectors --adapter "node vectors/adapters/ldns.mjs"
import { fields, run, sameName, serve, withTempDir } from './protocol.mjs';

const DIGEST_OPTION = { 1: '-1', 2: '-2', 4: '-4' };

function ds(c) {
  const option = DIGEST_OPTION[c.digestType];
  if (!option) return { skip: `ldns-key2ds computes digest types 1, 2 and 4, not ${c.digestType}` };
  return withTempDir((dir, write) => {
    const r = run('ldns-key2ds', ['-n', '-f', option, write('key', `${c.dnskey}\n`)], { pkg: 'ldnsutils' });
    const line = r.stdout.split('\n').find((l) => /\sDS\s/.test(l));
    if (r.status !== 0 || !line) return { error: `ldns-key2ds: ${r.stderr.trim() || r.stdout.trim() || `exit ${r.status}`}` };
    const f = fields(line);
    return { digest: f.rdata.slice(3).join('').toLowerCase() };
  });
}

function nsec3Hash(c) {
  const salt = c.saltHex === '-' ? '' : c.saltHex;
  const r = run('ldns-nsec3-hash', ['-a', String(c.hashAlgorithm), '-t', String(c.iterations), '-s', salt, c.name], { pkg: 'ldnsutils' });
  const hash = r.stdout.trim().replace(/\.$/, '');
  if (r.status !== 0 || !/^[0-9a-v]+$/i.test(hash)) return { error: `ldns-nsec3-hash: ${r.stderr.trim() || r.stdout.trim()}` };
  return { hash: hash.toLowerCase() };
}

function rrsig(c) {
  const sig = fields(c.rrsig);
  const [typeCovered, , , , , , , signer] = sig.rdata;
  const lines = [...new Set([...c.keys, ...c.rrset, c.rrsig])];
  const hasSoa = lines.some((l) => fields(l).type === 'SOA' && sameName(fields(l).owner, signer));
  const soa = hasSoa ? [] : [`${signer} 3600 IN SOA ns.invalid. hostmaster.invalid. 1 3600 300 3600000 3600`];
  return withTempDir((dir, write) => {
    const zone = write('zone', `${[...soa, ...lines].join('\n')}\n`);
    const r = run('ldns-verify-zone', ['-t', c.now, '-V', '2', zone], { pkg: 'ldnsutils' });
    const output = `${r.stdout}\n${r.stderr}`;
    if (/^Error: (no SOA|.*parse|.*syntax)/mi.test(output)) return { error: `ldns-verify-zone could not read the zone: ${output.trim().slice(0, 300)}` };
    for (const m of output.matchAll(/^Error: (.*) for (\S+)\s+(\S+)\s*$/gm)) {
      if (sameName(m[2], sig.owner) && m[3].toUpperCase() === typeCovered.toUpperCase() && !/no NSEC/.test(m[1])) {
        return { valid: false, reason: `ldns-verify-zone: ${m[1]}` };
      }
    }
    return { valid: true };
  });
}

await serve(async (c) => {
  switch (c.kind) {
    case 'ds': return ds(c);
    case 'nsec3-hash': return nsec3Hash(c);
    case 'rrsig': return rrsig(c);
    default: return { skip: `ldns has no command-line tool for ${c.kind} vectors` };
  }
});
