/** Every case of the hostile-input kit, in the order of the README's table. */
import type { HostileCase } from './kit.ts';
import { DNS_CASES } from './dns-cases.ts';
import { CLI_CASES } from './cli-cases.ts';
import { SMTP_CASES } from './smtp-cases.ts';

export const ALL_CASES: readonly HostileCase[] = [...DNS_CASES, ...SMTP_CASES, ...CLI_CASES];
