// README code blocks as tests: a package's quick-start test reads its block from the README at test
// time and runs it, so a README edit that breaks the example fails the test (a copy of the block
// in the test would go on passing). Used by packages/*/src/*quick-start.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The `index`-th fenced ```ts block under `heading` (the whole heading line, e.g. `## Quick start`),
 * looked for up to the next heading of the same or a higher level. Throws naming the README and the
 * heading when the section or the block is missing, so renaming a heading fails loudly.
 */
export function readmeBlock(readme: URL, heading: string, index = 0): string {
  const lines = readFileSync(readme, "utf8").split("\n");
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const start = lines.findIndex((line) => line.trim() === heading);
  if (level === 0 || start === -1) throw new Error(`${fileURLToPath(readme)} has no heading "${heading}"`);
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    const h = /^(#+)\s/.exec(line);
    if (!current && h && (h[1]?.length ?? 0) <= level) break;
    if (!current && /^```(ts|typescript)\s*$/.test(line)) current = [];
    else if (current && /^```\s*$/.test(line)) {
      blocks.push(current.join("\n"));
      current = undefined;
    } else current?.push(line);
  }
  const block = blocks[index];
  if (block === undefined) throw new Error(`${fileURLToPath(readme)}: no ts block #${index} under "${heading}"`);
  return block;
}

/** How {@link runReadmeBlock} adapts a block to run in a test. */
export interface RunReadmeBlockOptions {
  /** Module specifiers (a package name, a subpath) → the source file the test runs them from. */
  imports: Record<string, URL>;
  /**
   * Test-only changes, as exact `[from, to]` text substitutions (e.g. a loopback URL for the real
   * host). Each `from` must occur exactly once: a README edit that drops it fails the test.
   */
  replace?: ReadonlyArray<readonly [string, string]>;
  /** Code put before the block (e.g. `import { expect } from "vitest";` for a block that asserts). */
  prelude?: string;
  /** Top-level names the block declares, handed back to the test to assert on. */
  expose?: readonly string[];
}

/**
 * Runs README code as an ES module (written to a temporary file under `test-output/` and imported by the test runner,
 * so TypeScript is transformed as in any test) and resolves to the names of `expose`. A package
 * import the block makes that `imports` does not map fails, so the test never silently runs a
 * published build instead of the sources.
 */
export async function runReadmeBlock(code: string, options: RunReadmeBlockOptions): Promise<Record<string, unknown>> {
  let source = code;
  for (const [from, to] of options.replace ?? []) {
    const count = source.split(from).length - 1;
    if (count !== 1) throw new Error(`README block: expected "${from}" once, found it ${count} times`);
    source = source.replace(from, to);
  }
  source = source.replace(/(from\s+)"([^"]+)"/g, (_match, keyword: string, specifier: string) => {
    const target = options.imports[specifier];
    if (target) return `${keyword}${JSON.stringify(fileURLToPath(target))}`;
    if (specifier.startsWith("node:") || specifier === "vitest") return `${keyword}"${specifier}"`;
    throw new Error(`README block imports "${specifier}", which the test does not map to a source file`);
  });
  const expose = options.expose?.length ? `\nexport { ${options.expose.join(", ")} };\n` : "\n";
  // Inside the repository (test-output/ is git-ignored), so the block's other imports (vitest,
  // node_modules) resolve as they would for a test file.
  const root = fileURLToPath(new URL("../test-output/readme-blocks/", import.meta.url));
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, "block-"));
  const file = join(dir, "block.ts");
  writeFileSync(file, `${options.prelude ?? ""}\n${source}${expose}`);
  try {
    return (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
