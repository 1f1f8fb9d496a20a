/**
 * What the CLI may do to the terminal it runs on (issue #15 item 7): colours in text output, and a
 * status line on stderr for slow steps. Decided once, in main.ts, from the process; the commands
 * take it as an argument, so that tests and embedders get plain text unless they ask.
 *
 * Colour: `FORCE_COLOR` set (not `0`/`false`) turns it on even when piped; else `NO_COLOR` set and
 * not empty turns it off (https://no-color.org); else it is on when stdout is a terminal whose
 * `TERM` is not `dumb`. The status line needs stderr to be a terminal. Neither is ever used for
 * `--json` output (the commands check).
 */
import { terminalSafe } from './terminal-text.ts';

/** Where the status line goes: a terminal's stderr. */
export interface StatusOutput {
  write(text: string): void;
  /** Its width, to keep the line on one row. */
  readonly columns?: number;
}

export interface Terminal {
  /** ANSI colours in text output on stdout. */
  readonly colour: boolean;
  /** A status line on stderr for slow steps, when stderr is a terminal. */
  readonly status?: StatusOutput;
}

/** No colours, no status line: what tests, pipes and embedders get. */
export const PLAIN: Terminal = Object.freeze({ colour: false });

type Env = Readonly<Record<string, string | undefined>>;

/** Whether text for a stream should carry colours, by the rules above. */
export function colourWanted(isTty: boolean, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTty && env.TERM !== 'dumb';
}

/** The terminal of this process. */
export function processTerminal(): Terminal {
  const stderr = process.stderr;
  return {
    colour: colourWanted(process.stdout.isTTY === true, process.env),
    ...(stderr.isTTY && process.env.TERM !== 'dumb' ? { status: { write: (t: string) => void stderr.write(t), get columns() { return stderr.columns; } } } : {}),
  };
}

const SGR = { green: '32', red: '31', yellow: '33', bold: '1' } as const;
export type Colour = keyof typeof SGR;

/**
 * `text` in a colour when `on`. The text must already be terminal-safe: the escape added here is
 * the only one in the result.
 */
export function paint(text: string, colour: Colour, on: boolean): string {
  return on ? `\x1b[${SGR[colour]}m${text}\x1b[0m` : text;
}

/** A line of stranger-controlled text for the status line: safe and cut to `columns`. */
export function statusText(text: string, columns = 80): string {
  const safe = terminalSafe(text);
  const width = Math.max(20, columns - 1);
  return safe.length > width ? `${safe.slice(0, width - 3)}...` : safe;
}
