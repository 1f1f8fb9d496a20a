/** Shared by the validator tests and the delv agreement test. */
const TLSA = '3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** The validator's test world: one domain per proof kind and per break knob. */
export const SPEC = {
  zones: {
    'example.': {
      records: [
        '@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA ${TLSA}`, 'www CNAME mx', 'chain CNAME www',
        '*.wild TXT "wild"', 'cross CNAME mx.n3.example.', 'dn DNAME n3.example.', 'a.b.ent A 127.0.0.9',
        'loop1 CNAME loop2', 'loop2 CNAME loop1', 'toplain CNAME mx.plain.example.',
      ],
    },
    'n3.example.': { denial: { nsec3: { salt: 'ab', iterations: 1 } }, records: ['@ MX 10 mx', 'mx A 127.0.0.2', '*.w TXT "w3"', 'x.y.ent A 127.0.0.8'] },
    'optout.example.': { denial: { nsec3: { optOut: true } }, records: ['mx A 127.0.0.5'] },
    'unsigned.optout.example.': { unsigned: true, records: ['mx A 127.0.0.6'] },
    'plain.example.': { unsigned: true, records: ['@ MX 10 mx', 'mx A 127.0.0.3'] },
    'corrupt.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'corrupt-signature', type: 'A' }] },
    'expired.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'expired-signature', type: 'A' }] },
    'future.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'future-signature', type: 'A' }] },
    'nosig.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'missing-rrsig', type: 'A' }] },
    'dsbad.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'ds-mismatch' }] },
    'island.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'no-ds' }] },
    'gap.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'wrong-nsec-coverage', name: 'nope' }] },
    'bitmap.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'nsec-bitmap', name: 'mx', add: ['AAAA'] }] },
    'iter.example.': { denial: { nsec3: { iterations: 200 } }, records: ['mx A 127.0.0.4'] },
    'iter2.example.': { denial: { nsec3: { iterations: 600 } }, records: ['mx A 127.0.0.4'] },
    'trap.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'keytrap', keys: 40, type: 'A' }] },
    'gost.example.': { algorithm: 12, records: ['mx A 127.0.0.4'] },
    'rsa.example.': { algorithm: 8, records: ['mx A 127.0.0.7'] },
    'sha1.example.': { algorithm: 5, records: ['mx A 127.0.0.7'] },
  },
} as const;

