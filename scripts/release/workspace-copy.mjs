// Copies the files git knows about (tracked and untracked-but-not-ignored)
// into a temporary directory, so the release proof never touches the working
// tree: no node_modules, no dist, no .git.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export function copyWorkspace(root, target) {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const from = join(root, file);
    if (!existsSync(from)) continue; // deleted but not yet staged
    const to = join(target, file);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
  }
  return files.length;
}
