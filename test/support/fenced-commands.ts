/**
 * The commands of a Markdown page's fenced code blocks, for the tests that keep docs/ja in step
 * with docs/ (test/docs-ja.test.ts) and run the recipe's commands (test/docs-recipe.test.ts).
 *
 * A command is a line of a fenced block that starts with `dane-verify`, `openssl` or `$ ` (the
 * prompt is dropped), up to a comment (` # ...`) or a run of two spaces (the description column of
 * a usage block), with its spaces collapsed: comments and descriptions are translated, commands not.
 */
export function fencedCommands(markdown: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    const f = /^(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1]!;
      else if (line.startsWith(fence) && line.slice(fence.length).trim() === '') fence = undefined;
      continue;
    }
    if (fence === undefined) continue;
    if (!/^(dane-verify|openssl)(\s|$)/.test(line) && !line.startsWith('$ ')) continue;
    const command = line.replace(/^\$ /, '').split(/ {2,}| #(?:\s|$)/, 1)[0]!.replace(/\s+/g, ' ').trim();
    if (command) out.push(command);
  }
  return out;
}
