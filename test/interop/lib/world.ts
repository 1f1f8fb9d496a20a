/**
 * The world that world/setup.sh built, as described by its world.json (path in the environment
 * variable DANE_INTEROP_WORLD, which run.sh sets). Tests of the tier run only through run.sh.
 */
import { readFileSync } from 'node:fs';

/** The fields of world.json that the tests use. */
export interface World {
  netns: string;
  workdir: string;
  /** Address of the Unbound resolver (port 53). */
  resolver: string;
  /** The private root's trust anchor as a DS line, for Unbound and our `--trust-anchor`. */
  trustAnchorDs: string;
  /** The same anchor as a BIND `trust-anchors { }` clause, for delv `-a`. */
  delvAnchors: string;
  /** The configuration directory (main.cf) for posttls-finger (MAIL_CONFIG): IPv4 only. */
  postfixClientConfig: string;
  /** The same for a dual-stack client (inet_protocols = all: A and AAAA looked up). */
  postfixClientConfigDual: string;
  certs: string;
  /** Unbound's configuration file, for `unbound-control -c` (its control socket empties the caches). */
  unboundConfig: string;
  versions: Record<string, string>;
}

/** Environment variable naming world.json. */
export const WORLD_ENV = 'DANE_INTEROP_WORLD';

/** Reads world.json; throws with the way to run the tier when it is absent. */
export function loadWorld(): World {
  const path = process.env[WORLD_ENV];
  if (!path) {
    throw new Error(`${WORLD_ENV} is not set: run the interop tier with \`npm run test:interop\` (test/interop/run.sh)`);
  }
  const world = JSON.parse(readFileSync(path, 'utf8')) as World;
  for (const key of ['netns', 'resolver', 'trustAnchorDs', 'delvAnchors', 'postfixClientConfig', 'postfixClientConfigDual'] as const) {
    if (typeof world[key] !== 'string' || world[key] === '') {
      throw new Error(`${path}: field ${key} missing`);
    }
  }
  return world;
}
