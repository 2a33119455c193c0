#!/usr/bin/env node
// Part of `pnpm lint`: nothing in the project may read a path outside the
// repository root. A clone must be whole: a test that reads a folder which
// happens to sit beside the checkout passes on one machine and fails for the
// next person (issue 15: the OpenAPI description used to be read from a
// sibling folder of the checkout).
//
// Every file git would commit (tracked, or untracked and not ignored) is read
// line by line. A finding is:
// - a relative path whose chain of parent segments, resolved from the file's
//   own folder, lands above the repository root (`file:` and `link:`
//   dependency specifiers included);
// - an absolute path into the checkout itself, or into a sibling of it (under
//   the checkout's parent folder). Skipped when that parent is a folder shared
//   by the whole machine (`/tmp`, `/home`, …).
// Not findings: URLs and other `scheme:` specifiers, package imports, paths
// glued to a variable or a command substitution (their base is only known at
// run time), comments of code and shell files (they describe, they do not
// read), and lines that carry the ignore marker below.
// pnpm-lock.yaml is skipped: its `link:` paths are relative to each importer,
// not to the lockfile, and come from the package.json files checked here.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const IGNORE_MARKER = "no-outside-paths-ignore";

const SKIPPED_FILES = new Set(["pnpm-lock.yaml"]);
/** Parents whose other children are not "siblings" of a checkout but the whole machine. */
const SHARED_PARENTS = new Set(["/", "/tmp", "/var/tmp", "/private/tmp", "/home", "/Users", "/opt", "/srv", "/mnt"]);
/** A token ends at whitespace, quotes, brackets and the separators of code, shell and markdown. */
const TOKEN = /[^\s"'`()<>[\]{},;=|]+/g;
const PARENT_SEGMENT = /(?:^|\/)\.\.(?:\/|$)/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const DEPENDENCY_PROTOCOL = /^(?:file|link|portal):/;
const JS_FILE = /\.(?:[cm]?[jt]sx?)$/;
const HASH_FILE = /\.(?:sh|bash|ya?ml|toml)$/;
/** Comment syntax by kind of file: what follows it on a line is prose, not a path the code reads. */
const COMMENT = {
  js: { line: /(?:^|\s)\/\/.*$/, block: /^\s*(?:\/\*|\*)/ },
  hash: { line: /(?:^|\s)#.*$/, block: null },
};

/**
 * @param {string} file
 * @param {string} text
 * @returns {{ line: RegExp, block: RegExp | null } | null}
 */
function commentSyntax(file, text) {
  if (JS_FILE.test(file)) return COMMENT.js;
  if (HASH_FILE.test(file)) return COMMENT.hash;
  if (text.startsWith("#!")) return /^#!\S*\bnode\b|^#!.*\benv node\b/.test(text) ? COMMENT.js : COMMENT.hash;
  return null;
}

/**
 * @typedef {{ file: string, line: number, column: number, path: string, resolved: string, reason: string }} Finding
 */

/**
 * The outside paths in one file's text.
 * @param {string} text the file's content
 * @param {string} file its path relative to the root, with `/` separators
 * @param {string} root the repository root (absolute)
 * @returns {Finding[]}
 */
export function findOutsidePaths(text, file, root) {
  const rootDir = resolve(root);
  const fileDir = join(rootDir, dirname(file));
  const parent = dirname(rootDir);
  /** @type {Finding[]} */
  const findings = [];
  const comments = commentSyntax(file, text);
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (raw.includes(IGNORE_MARKER)) continue;
    if (comments?.block?.test(raw)) continue;
    const line = comments ? raw.replace(comments.line, "") : raw;
    for (const match of line.matchAll(TOKEN)) {
      const before = match.index > 0 ? line[match.index - 1] : "";
      const found = classify(match[0], before, { rootDir, fileDir, parent });
      if (found) findings.push({ file, line: i + 1, column: match.index + 1, path: match[0], ...found });
    }
  }
  return findings;
}

/**
 * @param {string} token
 * @param {string | undefined} before the character just before the token
 * @param {{ rootDir: string, fileDir: string, parent: string }} where
 * @returns {{ resolved: string, reason: string } | null}
 */
function classify(token, before, { rootDir, fileDir, parent }) {
  // Glued to `${…}` or `$(…)`: relative to something only known at run time.
  if (before === "}" || before === ")" || token.includes("$")) return null;
  const path = token.replace(DEPENDENCY_PROTOCOL, "");
  if (path.startsWith("//") || SCHEME.test(path)) return null;
  if (path.startsWith("/")) {
    const absolute = posix.normalize(path);
    if (absolute === rootDir || absolute.startsWith(`${rootDir}/`)) {
      return { resolved: absolute, reason: "absolute path into this checkout: a clone anywhere else breaks" };
    }
    if (!SHARED_PARENTS.has(parent) && absolute.startsWith(`${parent}/`)) {
      return { resolved: absolute, reason: `absolute path to a sibling of the checkout (under ${parent})` };
    }
    return null;
  }
  if (!PARENT_SEGMENT.test(path)) return null;
  const resolved = resolve(fileDir, path);
  const fromRoot = relative(rootDir, resolved);
  if (fromRoot === ".." || fromRoot.startsWith("../") || isAbsolute(fromRoot)) {
    return { resolved, reason: "climbs above the repository root" };
  }
  return null;
}

/**
 * The files git would commit, relative to the root (deleted-but-unstaged ones included; the caller skips them).
 * @param {string} root
 * @returns {string[]}
 */
export function projectFiles(root) {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split("\0").filter(Boolean))];
}

/**
 * Checks every project file under `root`.
 * @param {string} root
 * @returns {{ checked: number, findings: Finding[] }}
 */
export function checkRepository(root) {
  /** @type {Finding[]} */
  const findings = [];
  let checked = 0;
  for (const file of projectFiles(root)) {
    if (SKIPPED_FILES.has(file)) continue;
    /** @type {Buffer} */
    let bytes;
    try {
      bytes = readFileSync(join(root, file));
    } catch {
      continue; // deleted in the working tree, or a dangling symlink
    }
    if (bytes.subarray(0, 8000).includes(0)) continue; // binary
    checked++;
    findings.push(...findOutsidePaths(bytes.toString("utf8"), file, root));
  }
  return { checked, findings };
}

function main() {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  /** @type {{ checked: number, findings: Finding[] }} */
  let result;
  try {
    result = checkRepository(root);
  } catch (error) {
    process.stderr.write(`no-outside-paths: cannot list the project's files with git (${String(error)})\n`);
    process.exit(2);
  }
  for (const f of result.findings) {
    process.stderr.write(`${f.file}:${f.line}:${f.column}  ${f.path}\n    → ${f.resolved}: ${f.reason}\n`);
  }
  if (result.findings.length > 0) {
    process.stderr.write(
      `\nno-outside-paths: ${result.findings.length} path(s) outside the repository in ${result.checked} files.\n` +
        "A clone must be whole: vendor what the project reads (see packages/whatsapp-client/src/__fixtures__/openapi/),\n" +
        `or end the line with a \`${IGNORE_MARKER}\` comment when the path is not read (e.g. prose about one).\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`no-outside-paths: ${result.checked} files, no path outside the repository\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
