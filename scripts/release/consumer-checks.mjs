// Checks what a user of the published packages sees: a fresh project that
// installs every @toktok package from the local registry, then (a) imports
// them from ESM, (b) requires them from CommonJS, (c) type-checks a file that
// uses them under moduleResolution "node16" and "bundler".
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const run = (cmd, args, cwd, log) => {
  log(`$ ${cmd} ${args.join(" ")}`);
  return execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
};

/**
 * @param {{ dir: string, registry: string, packages: { name: string, version: string }[],
 *   typescriptVersion: string, typesNodeVersion: string, usageFile: string, log: (l: string) => void }} o
 */
export function checkConsumer({ dir, registry, packages, typescriptVersion, typesNodeVersion, usageFile, log }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "toktok-consumer", private: true }, null, 2)}\n`);
  // Only the @toktok scope comes from the local registry; everything else
  // (undici, zod, lru-cache…) from the normal one, as for a real user.
  writeFileSync(join(dir, ".npmrc"), `@toktok:registry=${registry}\n`);
  const specs = packages.map((p) => `${p.name}@${p.version}`);
  run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      ...specs,
      `typescript@${typescriptVersion}`,
      `@types/node@${typesNodeVersion}`,
    ],
    dir,
    log,
  );
  checkInstalled({ dir, packages, usageFile, log });
}

/**
 * The checks alone, on a project whose node_modules already holds the
 * packages, typescript and @types/node (also handy to try the usage file
 * against local builds linked into a folder).
 * @param {{ dir: string, packages: { name: string }[], usageFile: string, log: (l: string) => void }} o
 */
export function checkInstalled({ dir, packages, usageFile, log }) {
  // Each package's main entry and its `/testing` subpath when it has one,
  // read from the installed package.json as a user's resolver would, so a
  // subpath whose file is missing from the tarball fails here, in ESM and in
  // CommonJS. Other subpaths (`/bullmq`, `/files`) load an optional peer the
  // consumer does not install; the usage file type-checks them instead.
  const entries = packages.flatMap(({ name }) => {
    const manifest = JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8"));
    return Object.keys(manifest.exports ?? { ".": null })
      .filter((key) => key === "." || key === "./testing")
      .map((key) => (key === "." ? name : `${name}/${key.slice(2)}`));
  });
  const names = JSON.stringify(entries);
  // One smoke call per package whose answer is known without a network.
  const smoke = (load) =>
    `const { normalizePhone } = ${load("@toktok/whatsapp-client")};\n` +
    `const { parseAmount } = ${load("@toktok/smart-fallback")};\n` +
    `const { detectOperator } = ${load("@toktok/payments")};\n` +
    `if (normalizePhone("06 123 4567") !== "242061234567" || parseAmount("deux mille cinq cents") !== 2500 || detectOperator("06 123 45 67") !== "mtn") throw new Error("smoke call gave a wrong answer");\n`;
  writeFileSync(
    join(dir, "check-esm.mjs"),
    `const out = {};\nfor (const name of ${names}) {\n  const m = await import(name);\n  out[name] = Object.keys(m).filter((k) => k !== "default" && k !== "module.exports").sort();\n  if (out[name].length === 0) throw new Error(name + ": no export from ESM");\n}\n${smoke((n) => `await import("${n}")`)}process.stdout.write(JSON.stringify(out));\n`,
  );
  writeFileSync(
    join(dir, "check-cjs.cjs"),
    `const out = {};\nfor (const name of ${names}) {\n  const m = require(name);\n  out[name] = Object.keys(m).filter((k) => k !== "default" && k !== "__esModule").sort();\n  if (out[name].length === 0) throw new Error(name + ": no export from CommonJS");\n}\n${smoke((n) => `require("${n}")`)}process.stdout.write(JSON.stringify(out));\n`,
  );
  const esm = JSON.parse(run("node", ["check-esm.mjs"], dir, log));
  const cjs = JSON.parse(run("node", ["check-cjs.cjs"], dir, log));
  for (const name of entries) {
    if (JSON.stringify(esm[name]) !== JSON.stringify(cjs[name])) {
      throw new Error(`${name}: ESM and CommonJS export different names\n  esm: ${esm[name]}\n  cjs: ${cjs[name]}`);
    }
    log(`ok  ${name}: import and require give the same ${esm[name].length} exports`);
  }

  // The same usage file, type-checked as an ES module and as CommonJS under
  // node16, and under bundler resolution.
  copyFileSync(usageFile, join(dir, "usage.mts"));
  copyFileSync(usageFile, join(dir, "usage.cts"));
  copyFileSync(usageFile, join(dir, "usage.ts"));
  const base = { strict: true, noEmit: true, skipLibCheck: false, target: "ES2022", types: ["node"] };
  const configs = {
    "tsconfig.node16.json": {
      compilerOptions: { ...base, module: "node16", moduleResolution: "node16" },
      files: ["usage.mts", "usage.cts"],
    },
    "tsconfig.bundler.json": {
      compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler" },
      files: ["usage.ts"],
    },
  };
  for (const [file, config] of Object.entries(configs)) {
    writeFileSync(join(dir, file), `${JSON.stringify(config, null, 2)}\n`);
    try {
      run(join(dir, "node_modules/.bin/tsc"), ["-p", file], dir, log);
    } catch (error) {
      throw new Error(`tsc -p ${file} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
    }
    log(`ok  tsc -p ${file}`);
  }
}
