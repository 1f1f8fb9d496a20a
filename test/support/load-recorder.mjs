// Module hooks for test/startup-imports.test.ts: every module URL loaded is written to stderr
// as `LOADED <url>`, so a test can see what an import pulls in.
export async function load(url, context, next) {
  process.stderr.write(`LOADED ${url}\n`);
  return next(url, context);
}
