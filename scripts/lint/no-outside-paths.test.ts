import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { findOutsidePaths, IGNORE_MARKER } from "./no-outside-paths.mjs";

// Paths that leave the root are built with `up(n)`, so this file never contains one itself.
const up = (n: number) => "../".repeat(n);
const ROOT = "/srv/checkouts/toktok";
const check = (file: string, line: string) => findOutsidePaths(line, file, ROOT).map((f) => f.reason);

describe("findOutsidePaths", () => {
  it("flags a relative path that climbs above the root, resolved from the file's own folder", () => {
    const openapi = "packages/whatsapp-client/src/test-support/openapi.ts";
    const line = `const SPEC = new URL("${up(5)}shared/reference/spec.yaml", import.meta.url);`;
    expect(findOutsidePaths(line, openapi, ROOT)).toEqual([
      {
        file: openapi,
        line: 1,
        column: 23,
        path: `${up(5)}shared/reference/spec.yaml`,
        resolved: "/srv/checkouts/shared/reference/spec.yaml",
        reason: "climbs above the repository root",
      },
    ]);
    // The same chain one folder shallower stays inside: only the resolved place matters.
    expect(check(openapi, `new URL("${up(4)}scripts/integration.ts", import.meta.url)`)).toEqual([]);
    expect(check(".ci/run", `cat ${up(2)}reference/x`)).toEqual(["climbs above the repository root"]);
    expect(check("README.md", `[spec](${up(1)}shared/README.md)`)).toEqual(["climbs above the repository root"]);
    expect(check("packages/a/package.json", `"x": "file:${up(3)}vendor/x"`)).toEqual([
      "climbs above the repository root",
    ]);
  });

  it("flags absolute paths into the checkout or a sibling of it", () => {
    expect(check("x.ts", `const p = "/srv/checkouts/shared/spec.yaml";`)).toEqual([
      "absolute path to a sibling of the checkout (under /srv/checkouts)",
    ]);
    expect(check("x.ts", `const p = "${ROOT}/packages/cache";`)).toEqual([
      "absolute path into this checkout: a clone anywhere else breaks",
    ]);
  });

  it("passes legitimate paths: inside the root, packages, node builtins, URLs, system tools", () => {
    const legit = [
      ["packages/cache/src/redis/store.ts", `import { x } from "${up(1)}src/x";`],
      ["packages/cache/src/redis/store.ts", `import { y } from "${up(4)}scripts/integration.js";`],
      ["packages/cache/tsconfig.json", `"extends": "${up(2)}tsconfig.base.json"`],
      ["packages/cache/package.json", `"build": "tsup --config ${up(2)}tsup.config.ts"`],
      ["packages/cache/src/a.ts", `import { describe } from "vitest"; import { readFileSync } from "node:fs";`],
      ["packages/cache/src/a.ts", `import { RateLimiter } from "@toktok/cache"; import "./b.js";`],
      ["packages/cache/src/a.ts", `const base = "node_modules/.pnpm/x";`],
      ["docs/a.md", `see https://example.org/a/${up(4)}b and //cdn.example.org/${up(3)}c`],
      ["x.ts", `const chromium = "/usr/bin/chromium"; const tmp = "/tmp/x";`],
      ["x.ts", `const dir = \`$\{root}/${up(3)}x\`;`],
      [".ci/run", `cd "$(dirname "$0")/${up(3)}"`],
      [".ci/run", `cd "$ROOT/${up(3)}"`],
      ["x.ts", `// the old code read ${up(5)}shared/spec.yaml`],
      ["x.ts", ` * JSDoc prose naming ${up(5)}shared/spec.yaml`],
      [".ci/tools.d/x.sh", `# prose naming ${up(5)}shared/spec.yaml`],
      ["CHANGELOG.md", "1..2 and a range a..b, an ellipsis ... and .../x"],
      ["README.md", `x ${up(3)}y ${IGNORE_MARKER}`],
    ] as const;
    for (const [file, line] of legit) expect(check(file, line), `${file}: ${line}`).toEqual([]);
  });

  it("does not apply the sibling rule when the parent is a folder shared by the whole machine", () => {
    expect(findOutsidePaths(`const p = "/tmp/other/x";`, "x.ts", "/tmp/toktok")).toEqual([]);
    expect(findOutsidePaths(`const p = "/tmp/toktok/x";`, "x.ts", "/tmp/toktok")).toHaveLength(1);
  });
});

describe("no-outside-paths as `pnpm lint` runs it", () => {
  const script = fileURLToPath(new URL("./no-outside-paths.mjs", import.meta.url));
  let temp: string | undefined;
  afterEach(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  /** A throwaway git checkout holding a copy of the script, so the script's root is that checkout. */
  function checkout(files: Record<string, string>): string {
    temp = mkdtempSync(join(tmpdir(), "no-outside-paths-"));
    const root = join(temp, "repo");
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    write(".gitignore", "dist/\n");
    for (const [file, text] of Object.entries(files)) write(file, text);
    mkdirSync(join(root, "scripts/lint"), { recursive: true });
    copyFileSync(script, join(root, "scripts/lint/no-outside-paths.mjs"));
    const git = spawnSync("git", ["init", "-q"], { cwd: root, encoding: "utf8" });
    expect(git.status, git.stderr).toBe(0);
    return root;
  }
  const lint = (root: string) =>
    spawnSync(process.execPath, ["scripts/lint/no-outside-paths.mjs"], { cwd: root, encoding: "utf8" });

  const legitimate = {
    "packages/a/src/index.ts": `import { z } from "zod";\nexport { x } from "${up(1)}src/x.js";\n`,
    "packages/a/tsconfig.json": `{ "extends": "${up(2)}tsconfig.base.json" }\n`,
    "README.md": "[docs](docs/README.md) and <https://example.org/a/b>\n",
  };

  it("passes on a checkout whose paths stay inside it", () => {
    const run = lint(checkout(legitimate));
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/no-outside-paths: \d+ files, no path outside the repository/);
    expect(run.status).toBe(0);
  });

  it("fails on a deliberately added path outside the root, naming the file, line and where it lands", () => {
    const root = checkout({
      ...legitimate,
      "packages/a/src/spec.ts": `import { readFileSync } from "node:fs";\nreadFileSync(new URL("${up(4)}shared/spec.yaml", import.meta.url));\n`,
      "dist/ignored.js": `require("${up(6)}etc/passwd");\n`,
    });
    const run = lint(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`packages/a/src/spec.ts:2:23  ${up(4)}shared/spec.yaml`);
    expect(run.stderr).toContain(`→ ${join(dirname(root), "shared/spec.yaml")}: climbs above the repository root`);
    expect(run.stderr).toContain("1 path(s) outside the repository");
    expect(run.stderr).not.toContain("dist/ignored.js");
  });
});
