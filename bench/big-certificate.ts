/**
 * `npm run bench:certs [-- NAMES]`: 100 matches of a chain whose leaf has NAMES subjectAltName
 * entries (default 6000, ~59 KB), under 2 1 1 and 3 1 1, without and with the per-call parse cache
 * verifyDane uses. Machine noise: compare the ratios of one run.
 */
import { createTestChain } from '../src/testing/certs.ts';
import { matchChain } from '../src/dane/match.ts';
import { tlsaAssociation } from '../src/dane/tlsa.ts';
const names = Array.from({ length: Number(process.argv[2] ?? 6000) }, (_, i) => `a${i}.ex`);
const c = createTestChain({ leafCN: 'mx.example', leafDnsNames: ['mx.example', ...names] });
console.log('leaf', c.leaf.der.length, 'octets,', names.length + 1, 'names');
const chain = [c.leaf.der, c.intermediate.der];
for (const [label, rec] of [['2 1 1', { certUsage: 2, selector: 1, matchingType: 1, certificateAssociationData: Buffer.from(tlsaAssociation(c.intermediate.der, 1, 1), 'hex') }], ['3 1 1', { certUsage: 3, selector: 1, matchingType: 1, certificateAssociationData: Buffer.from(tlsaAssociation(c.leaf.der, 1, 1), 'hex') }]] as const) {
  for (const cache of [undefined, new Map()]) {
    const cpu = process.cpuUsage(); const t = performance.now();
    let last: Awaited<ReturnType<typeof matchChain>> | undefined;
    for (let i = 0; i < 100; i++) last = await matchChain({ chain, records: [rec], referenceIdentifiers: ['mx.example'], ...(cache ? { parseCache: cache } : {}) });
    const u = process.cpuUsage(cpu);
    console.log(label, cache ? 'per-call cache' : 'no cache', '100 matches:', (performance.now() - t).toFixed(0), 'ms wall,', ((u.user + u.system) / 1000).toFixed(0), 'ms CPU;', last!.ok ? 'ok' : last!.reason.slice(0, 140));
  }
}
