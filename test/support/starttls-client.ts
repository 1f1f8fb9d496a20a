/**
 * A minimal SMTP client for tests that stand in for an MTA owning its sockets: read the greeting,
 * EHLO, STARTTLS, then upgrade with the TLS options a connect-plan target gives.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';

/** Reads SMTP replies until a final line (`NNN `) arrives. */
export function readReply(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (b: Buffer) => {
      text += b.toString('latin1');
      if (/(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(text)) {
        socket.off('data', onData);
        socket.off('error', reject);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** On a connected plain socket whose greeting is unread: greeting, EHLO, STARTTLS, TLS handshake. */
export async function startTlsOn(plain: Socket, tlsOptions: ConnectionOptions): Promise<TLSSocket> {
  await readReply(plain);
  plain.write('EHLO client.test\r\n');
  await readReply(plain);
  plain.write('STARTTLS\r\n');
  const r = await readReply(plain);
  if (!r.startsWith('220')) throw new Error(`STARTTLS refused: ${r}`);
  const tls = tlsConnect({ socket: plain, ...tlsOptions });
  await new Promise<void>((resolve, reject) => tls.once('secureConnect', resolve).once('error', reject));
  return tls;
}

/** Connects to `address`:`port` and upgrades as {@link startTlsOn}. */
export async function startTlsTo(address: string, port: number, tlsOptions: ConnectionOptions): Promise<TLSSocket> {
  const plain = netConnect({ host: address, port });
  await new Promise<void>((resolve, reject) => plain.once('connect', resolve).once('error', reject));
  return startTlsOn(plain, tlsOptions);
}
