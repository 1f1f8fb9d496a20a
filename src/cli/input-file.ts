/**
 * Reading a file named on the command line (`--trust-anchor`, `--cert`, `--next`): only a regular
 * file, at most {@link MAX_CLI_INPUT_BYTES} of it. `/dev/zero` grew the process past 1.5 GB, and a
 * FIFO with no writer blocked the command forever; both are refused at once with a usage error.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { UsageError } from './usage-error.ts';

/** The most octets read from one input file named on the command line (1 MiB). */
export const MAX_CLI_INPUT_BYTES = 1024 * 1024;

/**
 * The whole of `path`, a regular file of at most `maxBytes` octets.
 * @throws UsageError naming `option` and the path: missing, unreadable, not a regular file, too large
 */
export async function readInputFile(path: string, option: string, maxBytes = MAX_CLI_INPUT_BYTES): Promise<Buffer> {
  const fail = (why: string) => new UsageError(`${option} ${path}: ${why}`);
  let fh;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw fail('not a regular file');
    if (st.size > maxBytes) throw fail(`${st.size} octets, more than the ${maxBytes} a file may have here`);
    // Read at most one octet more than allowed, so a file that grows while read is still caught.
    const buf = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw fail(`more than the ${maxBytes} octets a file may have here`);
    }
    return buf.subarray(0, length);
  } finally {
    await fh.close();
  }
}
