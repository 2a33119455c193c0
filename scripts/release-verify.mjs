#!/usr/bin/env node
// `pnpm release:verify`: proves a release end to end without touching the
// working tree or the public registry. In a temporary copy it versions the
// six packages (snapshot), builds them, publishes them to a Verdaccio on
// loopback with temporary storage, then installs them in a fresh project and
// checks ESM import, CommonJS require and tsc (node16 + bundler). Verdaccio is
// stopped and every temporary file removed, whatever happens.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkConsumer } from "./release/consumer-checks.mjs";
import { startVerdaccio } from "./release/verdaccio.mjs";
import { copyWorkspace } from "./release/workspace-copy.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const log = (line) => process.stdout.write(`[release:verify] ${line}\n`);
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const sh = (cmd, args, cwd) => {
  log(`$ ${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CI: "true" } });
};
// What a release could touch in the working tree: versions, changesets,
// changelogs, registry credentials. They must be byte-identical afterwards.
const releaseSurface = () =>
  ["package.json", ".npmrc", ...readdirSync(join(root, ".changeset")).map((f) => join(".changeset", f))]
    .concat(
      readdirSync(join(root, "packages")).flatMap((d) => [`packages/${d}/package.json`, `packages/${d}/CHANGELOG.md`]),
    )
    .map((file) => {
      try {
        return `${file}\n${readFileSync(join(root, file), "utf8")}`;
      } catch {
        return `${file} (absent)`;
      }
    })
    .join("\n");

const temp = mkdtempSync(join(tmpdir(), "toktok-release-"));
let registry;
const cleanup = async () => {
  await registry?.stop();
  rmSync(temp, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cleanup().finally(() => process.exit(130));
  });
}

try {
  const surfaceBefore = releaseSurface();
  const repo = join(temp, "repo");
  log(`copying the workspace to ${repo} (${copyWorkspace(root, repo)} files)`);
  sh("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], repo);

  const packageDirs = readdirSync(join(repo, "packages")).map((d) => join(repo, "packages", d));
  const publishable = packageDirs.map((dir) => ({ dir, name: readJson(join(dir, "package.json")).name }));
  // A changeset of our own bumps every package, so the proof never depends on
  // which changesets happen to be pending.
  writeFileSync(
    join(repo, ".changeset", "release-verify-snapshot.md"),
    `---\n${publishable.map((p) => `"${p.name}": patch`).join("\n")}\n---\n\nrelease:verify snapshot\n`,
  );
  sh("pnpm", ["exec", "changeset", "version", "--snapshot", "verify"], repo);
  const packages = publishable.map(({ dir, name }) => ({ name, version: readJson(join(dir, "package.json")).version }));
  for (const p of packages) {
    if (!p.version.includes("verify")) throw new Error(`${p.name} was not given a snapshot version (${p.version})`);
  }
  log(`snapshot versions: ${packages.map((p) => `${p.name}@${p.version}`).join(", ")}`);

  sh("pnpm", ["--filter", "./packages/**", "-r", "--reporter-hide-prefix", "run", "build"], repo);

  registry = await startVerdaccio({
    dir: join(temp, "verdaccio"),
    bin: join(repo, "node_modules/verdaccio/bin/verdaccio"),
    log,
  });
  const host = registry.url.replace(/^http:/, "");
  writeFileSync(join(repo, ".npmrc"), `${host}:_authToken=${registry.token}\n`);
  sh(
    "pnpm",
    [
      "--filter",
      "./packages/**",
      "-r",
      "publish",
      "--registry",
      registry.url,
      "--no-git-checks",
      "--tag",
      "verify",
      "--access",
      "public",
    ],
    repo,
  );
  // execFileSync held the event loop for the whole publish; on a busy machine that is long enough
  // for Verdaccio to drop the idle keep-alive socket addUser used. One turn of the loop lets undici
  // see that close, or fetch reuses the dead socket ("fetch failed", other side closed).
  await new Promise((resolve) => setImmediate(resolve));
  for (const p of packages) {
    const res = await fetch(`${registry.url}${p.name.replace("/", "%2f")}`);
    const doc = await res.json();
    if (!doc.versions?.[p.version]) throw new Error(`${p.name}@${p.version} is not on the local registry`);
    const deps = doc.versions[p.version].dependencies ?? {};
    const leftover = Object.entries(deps).filter(([, range]) => String(range).startsWith("workspace:"));
    if (leftover.length > 0) throw new Error(`${p.name} was published with workspace: ranges: ${leftover}`);
  }
  log(`published ${packages.length} packages to ${registry.url}`);

  checkConsumer({
    dir: join(temp, "consumer"),
    registry: registry.url,
    packages,
    typescriptVersion: readJson(join(repo, "node_modules/typescript/package.json")).version,
    typesNodeVersion: readJson(join(repo, "node_modules/@types/node/package.json")).version,
    usageFile: join(root, "scripts/release/consumer-usage.ts"),
    log,
  });

  if (releaseSurface() !== surfaceBefore) throw new Error("the working tree changed during the release proof");
  log("working tree untouched");
  log("release verified: versioned, built, published, installed, imported, required and type-checked");
} catch (error) {
  process.exitCode = 1;
  log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanup();
  log(`cleaned up ${temp}`);
}
