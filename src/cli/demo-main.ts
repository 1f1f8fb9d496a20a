/** `npm run demo`: runs `dane-verify demo` (see demo.ts). */
import { runDemoCommand } from './demo.ts';

const out = await runDemoCommand(process.argv.slice(2));
process.stdout.write(out.stdout);
process.stderr.write(out.stderr);
process.exitCode = out.exitCode;
