/** IANA "DNS OpCodes" registry (RFC 6895 §2.2). Complete as of 2026-11. */
export const Opcode = {
  QUERY: 0,
  IQUERY: 1,
  STATUS: 2,
  NOTIFY: 4,
  UPDATE: 5,
  DSO: 6,
} as const;

const BY_NUMBER = new Map<number, string>(Object.entries(Opcode).map(([k, v]) => [v, k]));

/** Mnemonic for an opcode, or `OPCODEnn`. */
export function opcodeToString(opcode: number): string {
  return BY_NUMBER.get(opcode) ?? `OPCODE${opcode}`;
}
