import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSkips, requirements, TOOLS_COMMAND } from "./vitest-skips.js";

const chromium = requirements.find((r) => r.name.startsWith("Chromium"));
const redis = requirements.find((r) => r.name.startsWith("Redis"));

describe("renderSkips", () => {
  it("names each skipped file, the missing requirement and the one command that provides it", () => {
    if (!chromium || !redis) throw new Error("requirements changed");
    const lines = renderSkips(
      [
        { file: "examples/x/page.int.test.ts", tests: [{ name: "a" }, { name: "b" }], missing: [chromium] },
        { file: "packages/y/store.int.test.ts", tests: [{ name: "c" }], missing: [redis] },
      ],
      false,
    );
    expect(lines[0]).toBe("Skipped: 3 tests in 2 files did not run:");
    expect(lines).toContain("  examples/x/page.int.test.ts (2 tests)");
    expect(lines).toContain(`    why: missing ${chromium.name}`);
    expect(lines).toContain(`    why: missing ${redis.name}`);
    expect(lines.some((l) => l.startsWith(`  ${TOOLS_COMMAND}   #`))).toBe(true);
    expect(lines).toContain(`  ${redis.enable}`);
    expect(lines.at(-1)).toMatch(/locally it is only reported/);
  });

  it("lists skips no requirement explains by test name, and says a CI run fails", () => {
    const lines = renderSkips(
      [{ file: "a.test.ts", tests: [{ name: "forgotten" }, { name: "noted", note: "flaky upstream" }], missing: [] }],
      true,
    );
    expect(lines).toContain("      - forgotten");
    expect(lines).toContain("      - noted (flaky upstream)");
    expect(lines.some((l) => l.startsWith("To run them"))).toBe(false);
    expect(lines.at(-1)).toBe("CI=true: a skipped test is a failure, so this run FAILS.");
  });

  it("says so when nothing was skipped", () => {
    expect(renderSkips([], true)).toEqual(["Skipped: none, every collected test ran."]);
  });
});

// A real vitest run with the reporter, on two small test files: one skipped for a missing browser
// (its source names playwright-core, like the dashboard test), one skipped in the code.
describe("the reporter at the end of a vitest run", () => {
  const root = fileURLToPath(new URL("../", import.meta.url));
  let dir: string;
  beforeAll(() => {
    mkdirSync(join(root, "test-output"), { recursive: true });
    dir = mkdtempSync(join(root, "test-output", "vitest-skips-"));
    const reporter = fileURLToPath(new URL("./vitest-skips.ts", import.meta.url));
    writeFileSync(
      join(dir, "vitest.config.mjs"),
      `export default { test: { include: ["*.test.mjs"], reporters: ["default", ${JSON.stringify(reporter)}] } };\n`,
    );
    writeFileSync(
      join(dir, "browser.test.mjs"),
      `// drives the page with playwright-core\nimport { existsSync } from "node:fs";\nimport { it } from "vitest";\n` +
        `it.skipIf(!existsSync(process.env.CHROMIUM_PATH))("renders the page", () => {});\n`,
    );
    writeFileSync(
      join(dir, "plain.test.mjs"),
      `import { it } from "vitest";\nit("runs", () => {});\nit.skip("forgotten", () => {});\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (ci: boolean) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium", NO_COLOR: "1" };
    delete env.CI;
    if (ci) env.CI = "true";
    const vitest = join(root, "node_modules/vitest/vitest.mjs");
    const child = spawnSync(process.execPath, [vitest, "run", "--root", dir, "--config", "vitest.config.mjs"], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    return { status: child.status, out: child.stdout + child.stderr };
  };

  it("prints the skipped suites, why and how to run them after vitest's own summary; the run still passes", () => {
    const { status, out } = run(false);
    expect(status, out).toBe(0);
    const summary = out.indexOf("Skipped: 2 tests in 2 files did not run:");
    expect(summary).toBeGreaterThan(out.indexOf("Tests "));
    expect(out).toContain("browser.test.mjs (1 test)\n    why: missing Chromium at /nonexistent/chromium");
    expect(out).toContain("plain.test.mjs (1 test)\n    why: skipped in the code");
    expect(out).toContain("      - forgotten");
    expect(out).toContain(`To run them:\n  ${TOOLS_COMMAND}`);
  }, 60_000);

  it("fails the run under CI=true", () => {
    const { status, out } = run(true);
    expect(out).toContain("CI=true: a skipped test is a failure, so this run FAILS.");
    expect(status).toBe(1);
  }, 60_000);
});
