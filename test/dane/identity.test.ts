import { expect } from 'chai';
import { connect, type TLSSocket } from 'node:tls';
import { connect as netConnect } from 'node:net';
import { checkDaneIdentity, daneTlsOptions, DaneVerificationError } from '../../src/dane/identity.ts';
import { associationBytes } from '../../src/dane/tlsa.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/testing/smtp-server.ts';
import { createTestChain, createTestCertificate, pemBundle, type TestChain } from '../../src/testing/certs.ts';
import { ReplyParser } from '../../src/smtp/reply.ts';

const MX = 'mx.example.net';

/** A minimal MTA: greeting, EHLO, STARTTLS by hand, then tls.connect with our options. */
async function mtaConnect(server: TestSmtpServer): Promise<TLSSocket> {
  const plain = netConnect({ host: server.host, port: server.port });
  const parser = new ReplyParser();
  const replies: number[] = [];
  await new Promise<void>((resolve, reject) => {
    plain.on('error', reject);
    plain.on('data', (d) => {
      for (const r of parser.feed(d)) {
        if (!r.ok) return reject(new Error(r.reason));
        replies.push(r.reply.code);
        if (replies.length === 1) plain.write('EHLO client.test\r\n');
        else if (replies.length === 2) plain.write('STARTTLS\r\n');
        else {
          plain.removeAllListeners('data');
          resolve();
        }
      }
    });
  });
  const socket = connect({ socket: plain, ...daneTlsOptions(MX + '.') });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

describe('dane/identity (enforcing a policy on an MTA-owned tls.connect)', () => {
  let pki: TestChain;
  let server: TestSmtpServer;
  before(async () => {
    pki = createTestChain({ leafCN: MX, leafDnsNames: [MX] });
    server = await startTestSmtpServer({ certPem: pemBundle([pki.leaf, pki.intermediate]), keyPem: pki.leaf.keyPem });
  });
  after(() => server.close());

  it('sets SNI without the trailing dot, no CA store, no PKIX rejection, TLS 1.2 minimum', () => {
    expect(daneTlsOptions('mx.example.net.')).to.deep.equal({ servername: MX, rejectUnauthorized: false, ca: [], minVersion: 'TLSv1.2' });
    expect(() => daneTlsOptions('')).to.throw(TypeError);
  });

  it('accepts a server whose key matches (undefined, socket open)', async () => {
    const socket = await mtaConnect(server);
    const err = await checkDaneIdentity(socket, {
      records: [{ certUsage: 3, selector: 1, matchingType: 1, certificateAssociationData: associationBytes(pki.leaf.der, 1, 1)! }],
      referenceIdentifiers: [MX],
    });
    expect(err).to.equal(undefined);
    expect(socket.destroyed).to.equal(false);
    socket.destroy();
  });

  it('rejects a server whose key does not match (Error, socket destroyed)', async () => {
    const other = createTestCertificate({ subjectCN: MX });
    const socket = await mtaConnect(server);
    const err = await checkDaneIdentity(socket, {
      records: [{ certUsage: 3, selector: 1, matchingType: 1, certificateAssociationData: associationBytes(other.der, 1, 1)! }],
      referenceIdentifiers: [MX],
    });
    expect(err).to.be.instanceOf(DaneVerificationError);
    expect(err!.tlsrpt).to.equal('tlsa-invalid');
    expect(socket.destroyed).to.equal(true);
  });
});
