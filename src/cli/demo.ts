/**
 * `npm run demo`: the main job on a built-in default. Until the test world and verifyDane land,
 * it exercises what exists: the DNS name codec.
 */
import { Name } from '../dns/name.ts';

const samples = ['mail.example.', 'a\\.b.example.', '_25._tcp.mx.example.net.'];
for (const s of samples) {
  const n = Name.parse(s);
  console.log(`${n.toString().padEnd(28)} labels=${n.labelCount} wire=${Buffer.from(n.toWire()).toString('hex')}`);
}
