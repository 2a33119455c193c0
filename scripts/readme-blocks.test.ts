import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readmeBlock, runReadmeBlock } from "./readme-blocks.js";

const dir = mkdtempSync(join(tmpdir(), "readme-blocks-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readme = pathToFileURL(join(dir, "README.md"));
writeFileSync(
  readme,
  [
    "# pkg",
    "## Install",
    "```ts",
    "const install = 1;",
    "```",
    "## Quick start",
    "Some words.",
    "```sh",
    "pnpm add pkg",
    "```",
    "```ts",
    'import { helper } from "pkg";',
    "const answer = helper(20) + 1;",
    "```",
    "### A subsection",
    "```ts",
    "const second = 2;",
    "```",
    "## API",
    "```ts",
    "const api = 3;",
    "```",
  ].join("\n"),
);
const helperFile = join(dir, "helper.ts");
writeFileSync(helperFile, "export const helper = (n: number): number => n * 2;\n");
const imports = { pkg: pathToFileURL(helperFile) };

describe("readmeBlock", () => {
  it("finds the ts blocks under a heading, subsections included, up to the next heading of its level", () => {
    expect(readmeBlock(readme, "## Quick start")).toBe('import { helper } from "pkg";\nconst answer = helper(20) + 1;');
    expect(readmeBlock(readme, "## Quick start", 1)).toBe("const second = 2;");
    expect(() => readmeBlock(readme, "## Quick start", 2)).toThrow(/no ts block #2 under "## Quick start"/);
  });

  it("fails naming the heading when the README has no such section", () => {
    expect(() => readmeBlock(readme, "## Getting started")).toThrow(/has no heading "## Getting started"/);
  });
});

describe("runReadmeBlock", () => {
  it("runs the block against the mapped source and hands back the names asked for", async () => {
    const { answer } = await runReadmeBlock(readmeBlock(readme, "## Quick start"), { imports, expose: ["answer"] });
    expect(answer).toBe(41);
  });

  it("applies each test-only substitution, and fails when the README no longer has its text", async () => {
    const code = readmeBlock(readme, "## Quick start");
    const { answer } = await runReadmeBlock(code, {
      imports,
      replace: [["helper(20)", "helper(50)"]],
      expose: ["answer"],
    });
    expect(answer).toBe(101);
    await expect(runReadmeBlock(code, { imports, replace: [["helper(30)", "helper(50)"]] })).rejects.toThrow(
      /expected "helper\(30\)" once, found it 0 times/,
    );
  });

  it("refuses a package import the test did not map to a source file", async () => {
    await expect(runReadmeBlock('import { x } from "other-pkg";', { imports })).rejects.toThrow(
      /imports "other-pkg", which the test does not map/,
    );
  });

  it("fails when the README's code throws", async () => {
    await expect(runReadmeBlock('throw new Error("broken example");', { imports })).rejects.toThrow("broken example");
  });
});
