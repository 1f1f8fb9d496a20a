/**
 * Text for a terminal. What a stranger controls (an SMTP server's reply text, a certificate's
 * names, argv echoed in an error) may hold control characters: `ESC [2J` clears the screen,
 * `ESC ]0;...BEL` sets the window title, CR and cursor movement can redraw a verdict line, and
 * Unicode bidirectional overrides reorder what is shown. Text output shows each such character
 * escaped (`\x1b`, `\u202e`) instead; tab and newline stay. JSON output needs none of this:
 * JSON.stringify escapes C0 controls, and a JSON reader is no terminal.
 */

// C0 controls but tab (09) and newline (0a), DEL, C1 controls, and the Unicode bidirectional
// marks, embeddings, overrides and isolates (U+061C, U+200E-200F, U+202A-202E, U+2066-2069).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every character that could act on a terminal shown escaped. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const cp = c.codePointAt(0)!;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}
