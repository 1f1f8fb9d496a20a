/** A case's world: a signed test world whose resolver (and mail servers) the CLI in the child is pointed at. */
import { createTestWorld, type TestWorld, type TestWorldSpec } from '../../src/testing/world.ts';
import { KIT_DEADLINE_MS, KIT_TIMEOUT_MS, KIT_WORK_TIMEOUT_MS, type CaseContext, type CaseSetup } from './kit.ts';

/** Options of {@link worldSetup}. */
export interface WorldCaseOptions {
  /** Check only the DNS policy (`--no-connect`): DNS cases, whose MX hosts run no server. */
  readonly noConnect?: boolean;
  /** Text output instead of `--json` (for cases about what a terminal shows). */
  readonly text?: boolean;
  /** More CLI options. */
  readonly extra?: readonly string[];
  /** The case is about work, not waiting: the step timeout is {@link KIT_WORK_TIMEOUT_MS}. */
  readonly work?: boolean;
  /** The call's deadline (`--deadline`), when not {@link KIT_DEADLINE_MS}. */
  readonly deadlineMs?: number;
  /** Change the world once it runs (add faults, ...). */
  readonly then?: (world: TestWorld) => void;
}

/** Builds the world, writes its trust anchors, and gives the CLI arguments to check `target` in it. */
export async function worldSetup(ctx: CaseContext, spec: TestWorldSpec, target: string, o: WorldCaseOptions = {}): Promise<CaseSetup> {
  const world = await createTestWorld(spec);
  o.then?.(world);
  const anchors = ctx.file('anchors.txt', world.trustAnchors.text);
  const args = [
    ...(target.startsWith('--host=') ? ['--host', target.slice('--host='.length)] : [target]),
    '--resolver', world.resolver,
    '--trust-anchor', anchors,
    '--timeout', String(o.work ? KIT_WORK_TIMEOUT_MS : KIT_TIMEOUT_MS),
    '--deadline', String(o.deadlineMs ?? KIT_DEADLINE_MS),
    ...(world.mailPort ? ['--port', String(world.mailPort)] : []),
    ...(o.noConnect ? ['--no-connect'] : []),
    ...(o.text ? [] : ['--json']),
    ...(o.extra ?? []),
  ];
  return { args, queries: () => world.server.log.length, close: () => world.close() };
}
