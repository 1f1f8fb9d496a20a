/**
 * Reading a file named on the command line (`--trust-anchor`, `--cert`, `--next`): only a regular
 * file, at most {@link MAX_CLI_INPUT_BYTES} of it. `/dev/zero` grew the process past 1.5 GB, and a
 * FIFO with no writer blocked the command forever; both are refused at once with a usage error.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { UsageError } from './usage-error.ts';

/** The most octets read from one input file named on the command line (1 MiB). */
export const MAX_CLI_INPUT_BYTES = 1024 * 1024;

/**
 * `path` opened for reading, once it is known to be a regular file (never a FIFO, which would
 * block, or a device such as /dev/zero, which never ends); close the handle when done.
 * @throws what `fail` makes of the reason: missing, unreadable, not a regular file
 */
export async function openRegularFile(path: string, fail: (why: string) => Error): Promise<{ readonly fh: FileHandle; readonly size: number }> {
  let fh: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw fail('not a regular file');
    return { fh, size: st.size };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/**
 * The whole of `path`, a regular file of at most `maxBytes` octets.
 * @throws UsageError naming `option` and the path: missing, unreadable, not a regular file, too large
 */
export async function readInputFile(path: string, option: string, maxBytes = MAX_CLI_INPUT_BYTES): Promise<Buffer> {
  const fail = (why: string) => new UsageError(`${option} ${path}: ${why}`);
  const { fh, size } = await openRegularFile(path, fail);
  try {
    if (size > maxBytes) throw fail(`${size} octets, more than the ${maxBytes} a file may have here`);
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
