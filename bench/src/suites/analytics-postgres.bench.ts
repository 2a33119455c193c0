// PostgresStore: batched ingest throughput through Analytics, and a 6-step
// funnel over 1,000,000 events seeded with generate_series.
import { readFileSync } from "node:fs";
import { Analytics, PostgresStore } from "@toktok/analytics";
import pg from "pg";
import { databaseUrl } from "../../../scripts/services.ts";
import type { BenchSuite } from "../harness.ts";

const INGEST_EVENTS = 200_000;
const STEPS = ["start", "pickup", "destination", "value", "recipient", "confirm"];
/** Users reaching each step: 250k + 200k + 170k + 150k + 130k + 100k = 1,000,000 events. */
const REACH = [250_000, 200_000, 170_000, 150_000, 130_000, 100_000];
const BASE = Date.UTC(2026, 10, 1);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** CPU milliseconds (user + system) a local PostgreSQL backend has used, or null when /proc is not readable. */
function backendCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const suite: BenchSuite = {
  name: "analytics PostgresStore",
  requires: ["postgres"],
  async run(harness) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 4 });
    const schema = `toktok_analytics_bench_${process.pid}`;
    try {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);

      // --- ingest: tracking calls → buffer → multi-row unnest INSERTs -------------
      const store = new PostgresStore({ pool, schema, batchSize: 5000 });
      await store.migrate();
      const analytics = new Analytics({ store });
      const started = performance.now();
      for (let i = 0; i < INGEST_EVENTS; i++) {
        const user = `2420612${String(i % 5000).padStart(5, "0")}`;
        if (i % 4 === 0) analytics.trackFunnelStep(user, "courier", STEPS[i % 6] as string);
        else analytics.trackMessage(user, i % 3 === 0 ? "image" : "text");
      }
      await analytics.sync();
      const seconds = (performance.now() - started) / 1000;
      const stored = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".events`);
      if (stored.rows[0].n !== INGEST_EVENTS) throw new Error(`ingest stored ${stored.rows[0].n} events`);
      const rate = INGEST_EVENTS / seconds;
      harness.record({
        name: `PostgresStore ingest (${INGEST_EVENTS} events, batched)`,
        value: rate,
        unit: "events/s",
        target: ">= 20000",
        met: rate >= 20_000,
      });
      await analytics.close();

      // --- funnel over 1,000,000 events ------------------------------------------
      await pool.query(`TRUNCATE "${schema}".events`);
      for (const [k, n] of REACH.entries()) {
        await pool.query(
          `INSERT INTO "${schema}".events (at, kind, user_id, a, b)
           SELECT to_timestamp(($1::float8 + (g % 80000) * 1000 + $2::float8 * 60000) / 1000), 5, 'u' || g, 'courier', $3
           FROM generate_series(1, $4::int) AS g`,
          [BASE, k, STEPS[k], n],
        );
      }
      // What autovacuum does after a bulk load: statistics and the visibility map for index-only scans,
      // and the dead versions of the funnel paths the load appended to (one per user per step).
      await pool.query(`VACUUM ANALYZE "${schema}".events, "${schema}".funnel_paths`);
      // One connection, so the backend's CPU time can be read: on a loaded machine wall time
      // mostly measures the wait for a core.
      const readerPool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
      const pid = (await readerPool.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
      const reader = new Analytics({
        store: new PostgresStore({ pool: readerPool, schema }),
        now: () => BASE + 30 * 86_400_000,
      });
      const times: number[] = [];
      let users: number[] = [];
      const cpuBefore = backendCpuMs(pid);
      for (let run = 0; run < 5; run++) {
        const t = performance.now();
        const f = await reader.getFunnel("courier", { steps: STEPS, from: BASE, to: BASE + 86_400_000 });
        times.push(performance.now() - t);
        users = f.steps.map((s) => s.users);
      }
      const cpuAfter = backendCpuMs(pid);
      if (users.join() !== REACH.join()) throw new Error(`funnel counted ${users.join()}, expected ${REACH.join()}`);
      const ms = median(times);
      harness.record({
        name: "6-step funnel over 1,000,000 events (median of 5)",
        value: ms,
        unit: "ms",
        target: "< 500",
        met: ms < 500,
      });
      if (cpuBefore !== null && cpuAfter !== null) {
        harness.record({
          name: "6-step funnel: PostgreSQL backend CPU per query (mean of 5)",
          value: (cpuAfter - cpuBefore) / 5,
          unit: "ms",
        });
      }
      await reader.close();
      await readerPool.end();
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  },
};

export default suite;
