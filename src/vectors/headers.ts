/**
 * The `; key: value` header lines of a vector file, read strictly: a key the kind does not define
 * is an error (a misspelt `; expcet:` would otherwise silently drop an expectation).
 */

/** Header lines of `text` before `stop` (if given, a line pattern that ends the header part). */
export function readHeaders(text: string, file: string, allowed: readonly string[], stop?: RegExp): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (stop?.test(line)) break;
    const m = /^;\s*([a-z][a-z-]*):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (!allowed.includes(key)) throw new Error(`${file}: unknown header "; ${key}:" (this kind takes ${allowed.join(', ')})`);
    out.set(key, [...(out.get(key) ?? []), value.trim()]);
  }
  return out;
}

/** The single value of a header. @throws Error naming the file when it is absent or repeated */
export function oneHeader(headers: Map<string, string[]>, key: string, file: string): string {
  const v = headers.get(key);
  if (!v || v.length !== 1) throw new Error(`${file}: expected exactly one "; ${key}:" header`);
  return v[0]!;
}

/** The value of a header that may be absent (at most once). */
export function optionalHeader(headers: Map<string, string[]>, key: string, file: string): string | undefined {
  return headers.has(key) ? oneHeader(headers, key, file) : undefined;
}

/** `secure`, or `<status> <code>`: a status and, unless secure, the result code. */
export function parseExpectedStatus(text: string, file: string): { status: 'secure' | 'insecure' | 'bogus' | 'indeterminate'; code?: string } {
  const [status, code, ...rest] = text.split(/\s+/);
  const statuses = ['secure', 'insecure', 'bogus', 'indeterminate'];
  if (!status || !statuses.includes(status) || rest.length > 0 || (status !== 'secure' && !code) || (status === 'secure' && code)) {
    throw new Error(`${file}: "; expect:" takes "secure" or a status (insecure, bogus, indeterminate) and a reason code, got ${JSON.stringify(text)}`);
  }
  return { status: status as 'secure', ...(code ? { code } : {}) };
}

/** `<name> <type>` of a `; query:` header. */
export function parseQuery(text: string, file: string): { name: string; type: string } {
  const [name, type, ...rest] = text.split(/\s+/);
  if (!name || !type || rest.length > 0) throw new Error(`${file}: "; query:" takes a name and a type, got ${JSON.stringify(text)}`);
  return { name, type: type.toUpperCase() };
}
