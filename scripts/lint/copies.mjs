#!/usr/bin/env node
// Part of `pnpm lint`: no logic repeated between or within the packages, the examples, the scripts
// and the bench. Runs jscpd with .jscpd.json (tests, fixtures and builds left out; threshold 0: one
// clone fails the run). Shapes every package must declare for itself (the Logger type, the error
// base) carry a `jscpd:ignore` with the reason in the file.
//
// OPEN lists the clones still open when the check was introduced (issue 16), each by the one path
// excluded to silence it and the clone it hides, so the check passes meanwhile and fails on any new
// clone. Remove an entry when its clone is gone; the list should only ever shrink.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const OPEN = [];

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const config = JSON.parse(readFileSync(join(root, ".jscpd.json"), "utf8"));
const bin = join(dirname(createRequire(import.meta.url).resolve("jscpd/package.json")), "run-jscpd.js");
const ignore = [...config.ignore, ...OPEN.map((entry) => entry.path)].join(",");
const run = spawnSync(
  process.execPath,
  [bin, "--config", ".jscpd.json", "--ignore", ignore, "packages", "examples", "scripts", "bench"],
  { cwd: root, stdio: "inherit" },
);
process.exit(run.status ?? 1);
