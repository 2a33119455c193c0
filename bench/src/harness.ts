import { Bench } from "tinybench";

/** One side of a comparison: a function timed by tinybench. */
export interface Contender {
  name: string;
  /** Called once per sample; may be async. */
  fn: () => unknown;
  /**
   * Operations performed by one call, e.g. 64 when a call fires 64 concurrent
   * sends. Ops/s are multiplied by it so contenders stay comparable.
   */
  opsPerCall?: number;
}

/** Ours against the peers a user would otherwise pick, timed in the same process and run. */
export interface Comparison {
  title: string;
  ours: Contender;
  peers: Contender[];
  /** Minimal ratio ours/peer that the issue asks for, by peer name. */
  targets?: Record<string, number>;
  /** Milliseconds of sampling per contender (default 1000, or BENCH_TIME_MS). */
  timeMs?: number;
}

export interface ContenderResult {
  name: string;
  opsPerSec: number;
  /** Relative margin of error, in percent. */
  rme: number;
  p99Ms: number;
  /** ours / this contender; 1 for ours. */
  ratio: number;
  target?: number;
  met?: boolean;
}

export interface ComparisonResult {
  title: string;
  ours: string;
  results: ContenderResult[];
}

/** A figure that is not a ratio: a throughput, a latency, a share. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** Human-readable goal such as ">= 20000" or "< 500"; `met` says whether it holds. */
  target?: string;
  met?: boolean;
}

/** A file in `src/suites/` default-exports one of these. */
export interface BenchSuite {
  name: string;
  /** Services the suite needs; the runner skips the suite with a message when one is down. */
  requires?: Array<"redis" | "postgres">;
  run(harness: Harness): Promise<void>;
}

export interface SuiteReport {
  suite: string;
  comparisons: ComparisonResult[];
  metrics: Metric[];
  skipped?: string;
}

const defaultTimeMs = (): number => Number(process.env.BENCH_TIME_MS ?? 1000);

/** Collects the results of one suite and prints them as they come. */
export class Harness {
  readonly report: SuiteReport;
  readonly #print: (line: string) => void;

  constructor(suite: string, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
    this.report = { suite, comparisons: [], metrics: [] };
    this.#print = print;
  }

  /** Times ours and every peer in one tinybench run and records ops/s and ratios. */
  async compare(comparison: Comparison): Promise<ComparisonResult> {
    const contenders = [comparison.ours, ...comparison.peers];
    const bench = new Bench({ time: comparison.timeMs ?? defaultTimeMs(), warmupTime: 200, throws: true });
    for (const c of contenders) bench.add(c.name, c.fn);
    await bench.run();
    const opsOf = (c: Contender, index: number) => {
      const task = bench.tasks[index];
      const result = task?.result;
      if (!result || !("throughput" in result)) {
        throw new Error(`benchmark "${comparison.title}": contender "${c.name}" produced no result`);
      }
      return {
        opsPerSec: result.throughput.mean * (c.opsPerCall ?? 1),
        rme: result.throughput.rme,
        p99Ms: result.latency.p99,
      };
    };
    const measured = contenders.map((c, i) => ({ c, ...opsOf(c, i) }));
    const oursOps = measured[0]?.opsPerSec ?? 0;
    const results = measured.map(({ c, opsPerSec, rme, p99Ms }, i): ContenderResult => {
      const ratio = i === 0 ? 1 : oursOps / opsPerSec;
      const target = i === 0 ? undefined : comparison.targets?.[c.name];
      return {
        name: c.name,
        opsPerSec,
        rme,
        p99Ms,
        ratio,
        ...(target === undefined ? {} : { target, met: ratio >= target }),
      };
    });
    const result: ComparisonResult = { title: comparison.title, ours: comparison.ours.name, results };
    this.report.comparisons.push(result);
    this.#print(formatComparison(result));
    return result;
  }

  /** Records a standalone figure. */
  record(metric: Metric): void {
    this.report.metrics.push(metric);
    const goal = metric.target ? `  (target ${metric.target}: ${metric.met ? "met" : "MISSED"})` : "";
    this.#print(`  ${metric.name}: ${formatNumber(metric.value)} ${metric.unit}${goal}`);
  }
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 1 ? 2 : 4;
  return n.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** A fixed-width table: contender, ops/s, ±%, p99, ours/peer ratio, target. */
export function formatComparison(result: ComparisonResult): string {
  const rows = [
    ["contender", "ops/s", "±%", "p99 ms", "ours ÷ it", "target"],
    ...result.results.map((r) => [
      r.name === result.ours ? `${r.name} (ours)` : r.name,
      formatNumber(r.opsPerSec),
      r.rme.toFixed(1),
      formatNumber(r.p99Ms),
      r.name === result.ours ? "—" : `${r.ratio.toFixed(2)}×`,
      r.target === undefined ? "" : `≥ ${r.target}× ${r.met ? "met" : "MISSED"}`,
    ]),
  ];
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => row[col]?.length ?? 0))) ?? [];
  const lines = rows.map(
    (row) =>
      `  ${row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join("  ")
        .trimEnd()}`,
  );
  return [`\n▶ ${result.title}`, ...lines].join("\n");
}
