// A vitest reporter that ends every run with the tests that did not run, why, and the one command that
// makes them run: a missing tool or service must never pass for a green suite. Under CI=true any
// skipped test fails the run (like the services check of scripts/vitest-services.ts).
//
// Why a file was skipped is read from what it depends on: its source names the requirement (a
// Chromium-driven test imports playwright-core, an integration test uses describeWithRedis …), and
// the requirement is probed the way the test itself probes it. A skip that no requirement explains
// (`it.skip`, a `skipIf` on something else) is listed as such, with the test's own note if it gave one.
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join, relative } from "node:path";
import { styleText } from "node:util";
import type { Reporter, TestModule, TestRunEndReason, Vitest } from "vitest/node";
import { databaseUrl, isReachable, redisUrl } from "./services.js";

/** Something a test needs from the machine. */
export interface Requirement {
  /** What is missing, as the summary says it. */
  name: string;
  /** True when a test file with this source depends on it. */
  usedBy(source: string): boolean;
  /** True when this machine has it, probed as the tests probe it. */
  present(): boolean | Promise<boolean>;
  /** The one command that provides it. */
  enable: string;
}

const onPath = (tool: string): boolean =>
  [...(process.env.PATH ?? "").split(delimiter), "/usr/local/bin"].some((dir) => dir && existsSync(join(dir, tool)));

export const TOOLS_COMMAND = "pnpm tools";

export const requirements: readonly Requirement[] = [
  {
    name: `Chromium at ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}`,
    usedBy: (source) => source.includes("playwright-core"),
    present: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
    enable: TOOLS_COMMAND,
  },
  {
    name: "promtool on PATH",
    usedBy: (source) => /\bpromtool\b/.test(source),
    present: () => onPath("promtool"),
    enable: TOOLS_COMMAND,
  },
  {
    // The voice-note tests speak their own recordings (scripts/speech.ts).
    name: "espeak-ng on PATH",
    usedBy: (source) => source.includes("describeWithSpeech"),
    present: () => onPath("espeak-ng"),
    enable: TOOLS_COMMAND,
  },
  {
    name: `Redis at ${redisUrl()}`,
    usedBy: (source) => source.includes("describeWithRedis"),
    present: () => isReachable(redisUrl(), 1000),
    enable: 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
  },
  {
    name: `PostgreSQL at ${new URL(databaseUrl()).host}`,
    usedBy: (source) => source.includes("describeWithPostgres"),
    present: () => isReachable(databaseUrl(), 1000),
    enable: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  },
];

/** The skipped tests of one file and what they need that is missing here. */
export interface SkippedFile {
  file: string;
  tests: { name: string; note?: string | undefined }[];
  missing: Requirement[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The summary printed at the end of a run, as lines. */
export function renderSkips(files: readonly SkippedFile[], ci: boolean): string[] {
  const total = files.reduce((n, f) => n + f.tests.length, 0);
  if (total === 0) return ["Skipped: none, every collected test ran."];
  const lines = [`Skipped: ${plural(total, "test")} in ${plural(files.length, "file")} did not run:`];
  for (const { file, tests, missing } of files) {
    lines.push(`  ${file} (${plural(tests.length, "test")})`);
    if (missing.length > 0) {
      lines.push(`    why: missing ${missing.map((r) => r.name).join(" and ")}`);
      continue;
    }
    lines.push("    why: skipped in the code (it.skip, describe.skip or a skipIf), no missing tool explains it:");
    for (const t of tests.slice(0, 5)) lines.push(`      - ${t.name}${t.note ? ` (${t.note})` : ""}`);
    if (tests.length > 5) lines.push(`      … and ${tests.length - 5} more`);
  }
  const commands = [...new Set(files.flatMap((f) => f.missing.map((r) => r.enable)))];
  if (commands.length > 0) {
    lines.push(commands.length === 1 ? "To run them:" : "To run them, one command each:");
    for (const c of commands) {
      lines.push(`  ${c}${c === TOOLS_COMMAND ? "   # runs the installers in .ci/tools.d/ (Debian packages)" : ""}`);
    }
  }
  lines.push(
    ci
      ? "CI=true: a skipped test is a failure, so this run FAILS."
      : "Under CI=true a skipped test fails the run; locally it is only reported.",
  );
  return lines;
}

/** Groups the skipped tests of a run by file and explains each file from its source. */
export async function collectSkips(modules: readonly TestModule[], root: string): Promise<SkippedFile[]> {
  const probes = new Map<Requirement, Promise<boolean>>();
  const isPresent = (r: Requirement) => {
    if (!probes.has(r)) probes.set(r, Promise.resolve(r.present()));
    return probes.get(r) as Promise<boolean>;
  };
  const files: SkippedFile[] = [];
  for (const module of modules) {
    const tests = [...module.children.allTests("skipped")]
      .filter((t) => t.options.mode !== "todo")
      .map((t) => {
        const result = t.result();
        return { name: t.fullName, note: result.state === "skipped" ? result.note : undefined };
      });
    if (tests.length === 0) continue;
    let source = "";
    try {
      source = readFileSync(module.moduleId, "utf8");
    } catch {
      // a virtual module: nothing to explain it with
    }
    const used = requirements.filter((r) => r.usedBy(source));
    const missing: Requirement[] = [];
    for (const r of used) if (!(await isPresent(r))) missing.push(r);
    files.push({ file: relative(root, module.moduleId), tests, missing });
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

/** The reporter: `reporters: [..., "./scripts/vitest-skips.ts"]` in vitest.config.ts. */
export default class SkipSummary implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): Promise<void> {
    const vitest = this.vitest;
    if (!vitest || reason === "interrupted") return;
    const log = (line: string) => vitest.logger.log(line);
    // A name filter (-t) or a `.only` skips tests on purpose: nothing to explain.
    const filtered =
      vitest.config.testNamePattern !== undefined ||
      modules.some((m) => [...m.children.allTests()].some((t) => t.options.mode === "only"));
    if (filtered) {
      log("\nSkipped: not summarised, a name filter (-t) or .only chose the tests of this run.");
      return;
    }
    const ci = process.env.CI === "true";
    const files = await collectSkips(modules, vitest.config.root);
    const color = files.length === 0 ? "green" : ci ? "red" : "yellow";
    log("");
    for (const line of renderSkips(files, ci)) log(styleText(color, line));
    if (ci && files.length > 0) process.exitCode = 1;
  }
}
