// Runs every suite in src/suites (or those whose file name contains one of the
// arguments) in this one process, prints each comparison and writes the
// results as JSON to bench/results/.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { databaseUrl, isReachable, redisUrl } from "../../scripts/services.ts";
import { type BenchSuite, Harness, type SuiteReport } from "./harness.ts";

const here = dirname(fileURLToPath(import.meta.url));
const suitesDir = join(here, "suites");
const resultsDir = join(here, "..", "results");
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));

const files = readdirSync(suitesDir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

if (files.length === 0) {
  process.stdout.write(`no suite matches ${filters.join(", ") || "(none in src/suites)"}\n`);
}

const services = { redis: () => isReachable(redisUrl()), postgres: () => isReachable(databaseUrl()) };
const reports: SuiteReport[] = [];
for (const file of files) {
  const suite = (await import(pathToFileURL(join(suitesDir, file)).href)).default as BenchSuite;
  process.stdout.write(`\n━━ ${suite.name} (${file})\n`);
  const harness = new Harness(suite.name);
  const missing: string[] = [];
  for (const need of suite.requires ?? []) if (!(await services[need]())) missing.push(need);
  if (missing.length > 0) {
    harness.report.skipped = `service down: ${missing.join(", ")}`;
    process.stdout.write(`  SKIPPED — ${harness.report.skipped}\n`);
  } else {
    await suite.run(harness);
  }
  reports.push(harness.report);
}

const missed = reports.flatMap((r) => [
  ...r.comparisons.flatMap((c) => c.results.filter((x) => x.met === false).map((x) => `${c.title}: vs ${x.name}`)),
  ...r.metrics.filter((m) => m.met === false).map((m) => `${r.suite}: ${m.name}`),
]);
process.stdout.write(`\n${missed.length === 0 ? "all targets met" : `targets missed:\n  ${missed.join("\n  ")}`}\n`);

mkdirSync(resultsDir, { recursive: true });
const output = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  suites: reports,
};
const json = `${JSON.stringify(output, null, 2)}\n`;
writeFileSync(join(resultsDir, "latest.json"), json);
writeFileSync(join(resultsDir, `${output.date.replace(/[:.]/g, "-")}.json`), json);
process.stdout.write(`results written to bench/results/latest.json\n`);
if (process.argv.includes("--strict") && missed.length > 0) process.exitCode = 1;
