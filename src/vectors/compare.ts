/**
 * Whether an implementation's answer meets a case's expectation. Result codes (`code`) and proof
 * details are this package's vocabulary: they are compared when the answer gives them, so another
 * implementation is held to the status, digest, hash or validity, and this one to everything.
 */
import type { VectorAnswer, VectorCase } from './case.ts';

/** pass, or fail with what differed. */
export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const lowerName = (s: string) => s.toLowerCase().replace(/\.?$/, '.');

function field(answer: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(answer, key) ? answer[key] : undefined;
}

function differs(what: string, want: unknown, got: unknown): Verdict {
  return { ok: false, reason: `${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}` };
}

/** Compares one answer (not a skip) with the case's `expect`. */
export function compareAnswer(c: VectorCase, answer: VectorAnswer): Verdict {
  const a = answer as Readonly<Record<string, unknown>>;
  if (typeof a.error === 'string') return { ok: false, reason: `error: ${a.error}` };
  switch (c.kind) {
    case 'ds': {
      const got = field(a, 'digest');
      return typeof got === 'string' && got.toLowerCase() === c.expect.digest.toLowerCase() ? { ok: true } : differs('digest', c.expect.digest, got);
    }
    case 'rrsig': {
      const got = field(a, 'valid');
      if (got === c.expect.valid) return { ok: true };
      const why = typeof a.reason === 'string' ? ` (${a.reason})` : '';
      return { ok: false, reason: `valid: expected ${c.expect.valid}, got ${JSON.stringify(got)}${why}` };
    }
    case 'nsec3-hash': {
      const got = field(a, 'hash');
      return typeof got === 'string' && got.toLowerCase() === c.expect.hash ? { ok: true } : differs('hash', c.expect.hash, got);
    }
    case 'denial':
    case 'validator': {
      const status = field(a, 'status');
      const code = field(a, 'code');
      if (status !== c.expect.status) {
        const said = typeof a.reason === 'string' ? ` (${typeof code === 'string' ? `${code}: ` : ''}${a.reason})` : '';
        return { ok: false, reason: `status: expected ${c.expect.status}${c.expect.code ? ` ${c.expect.code}` : ''}, got ${JSON.stringify(status)}${said}` };
      }
      if (c.expect.code !== undefined && code !== undefined && code !== c.expect.code) return differs('code', c.expect.code, code);
      if (c.kind === 'validator') return { ok: true };
      const ce = field(a, 'closestEncloser');
      if (c.expect.closestEncloser !== undefined && typeof ce === 'string' && lowerName(ce) !== lowerName(c.expect.closestEncloser)) return differs('closestEncloser', c.expect.closestEncloser, ce);
      const kind = field(a, 'proofKind');
      if (c.expect.proofKind !== undefined && kind !== undefined && kind !== c.expect.proofKind) return differs('proofKind', c.expect.proofKind, kind);
      const hashes = field(a, 'hashes');
      if (c.expect.hashes !== undefined && hashes !== undefined && hashes !== c.expect.hashes) return differs('hashes', c.expect.hashes, hashes);
      return { ok: true };
    }
    case 'presentation': {
      const got = field(a, 'text');
      return got === c.expect.text ? { ok: true } : differs('text', c.expect.text, got);
    }
    default: {
      const never: never = c;
      return { ok: false, reason: `unknown kind ${(never as VectorCase).kind}` };
    }
  }
}
