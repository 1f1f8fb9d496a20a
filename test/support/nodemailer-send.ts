/**
 * One message through nodemailer's own SMTPConnection, as a plain nodemailer user sends it (no
 * dane-verify in between): for tests that submit mail to a server, or show what nodemailer's own
 * options do.
 */
import { createRequire } from 'node:module';

type SmtpConnection = new (o: Record<string, unknown>) => {
  connect(cb: (e?: Error) => void): void;
  send(env: unknown, msg: string, cb: (e: Error | null, info: unknown) => void): void;
  quit(): void;
  on(e: string, f: () => void): void;
};

/** Connects with `options` (nodemailer SMTPConnection options), sends `message` to `envelope`, quits. */
export async function sendWithNodemailer(options: Record<string, unknown>, envelope: { from: string; to: string[] }, message: string): Promise<unknown> {
  const SMTPConnection = createRequire(import.meta.url)('nodemailer/lib/smtp-connection') as SmtpConnection;
  const c = new SMTPConnection(options);
  c.on('error', () => {});
  await new Promise<void>((resolve, reject) => c.connect((e) => (e ? reject(e) : resolve())));
  const info = await new Promise((resolve, reject) => c.send(envelope, message, (e, i) => (e ? reject(e) : resolve(i))));
  c.quit();
  return info;
}
