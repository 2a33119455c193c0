// Step one of `pnpm demo`: make sure the packages the bot imports are built. Runs turbo only when a
// package's dist/ is missing or older than its sources — on a fresh clone right after `pnpm install`,
// or after you edited a package — so a second `pnpm demo` starts at once and never rewrites dist/
// files that another process (a test run) may be reading.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const example = fileURLToPath(new URL("../../", import.meta.url));
const packagesDir = fileURLToPath(new URL("../../../../packages/", import.meta.url));
const manifest = JSON.parse(readFileSync(join(example, "package.json"), "utf8")) as {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
};
const workspaceDeps = Object.entries(manifest.dependencies ?? {})
  .filter(([, range]) => range.startsWith("workspace:"))
  .map(([name]) => name.replace("@toktok/", ""));

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const stale = workspaceDeps.filter((pkg) => {
  const dir = join(packagesDir, pkg);
  const built = join(dir, "dist", "index.js");
  if (!existsSync(built)) return true;
  const sources = Math.max(newest(join(dir, "src")), newest(join(dir, "package.json")));
  return statSync(built).mtimeMs < sources;
});

// The example's own build (the operator dashboard page, when present) goes to its dist/.
const pageSources = join(example, "dashboard");
const exampleStale =
  manifest.scripts?.build !== undefined &&
  existsSync(pageSources) &&
  (!existsSync(join(example, "dist")) || newest(join(example, "dist")) < newest(pageSources));

if (stale.length > 0 || exampleStale) {
  const names = [...stale.map((p) => `@toktok/${p}`), ...(exampleStale ? [manifest.name] : [])];
  process.stderr.write(`Building ${names.join(", ")} (turbo)…\n`);
  const filter = exampleStale ? `--filter=${manifest.name}...` : `--filter=${manifest.name}^...`;
  const result = spawnSync("turbo", ["run", "build", filter, "--output-logs=errors-only", "--log-prefix=none"], {
    cwd: example,
    stdio: ["ignore", "ignore", "inherit"],
    shell: process.platform === "win32",
  });
  if (result.status !== 0) {
    process.stderr.write("The build failed: run `pnpm build` to see why.\n");
    process.exit(result.status ?? 1);
  }
}
