import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { migrate } from "./migrations.js";
import { PostgresStore } from "./postgres-store.js";

const schema = `toktok_analytics_upgrade_it_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;
const NOW = Date.UTC(2026, 10, 20, 12);

describeWithPostgres(
  "PostgresStore migrations — upgrade of a database written before companies and alert records",
  () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });

    beforeAll(async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
    afterAll(async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    });

    it("keeps the events and dispatch days of version 5 and reads them as the whole operation's", async () => {
      expect(await migrate(pool, schema, `"${schema}"`, 5000, 5)).toEqual([1, 2, 3, 4, 5]);
      // What a version-5 store wrote: events without a company, a dispatch day keyed by day alone.
      await pool.query(
        `INSERT INTO "${schema}".events (at, kind, user_id, a, b, value) VALUES
         (to_timestamp($1::float8 / 1000), 1, 'u1', 'client', NULL, 0),
         (to_timestamp($1::float8 / 1000), 3, 'u1', 'text', NULL, 0),
         (to_timestamp($1::float8 / 1000), 4, 'u1', 'order_completed', NULL, 5000)`,
        [NOW - 60_000],
      );
      await pool.query(
        `INSERT INTO "${schema}".dispatch_days (day, total, on_time, late, cancelled, avg_delay_minutes) VALUES ('2026-11-20', 25, 22, 2, 1, 6)`,
      );

      const a = new Analytics({ now: () => NOW, store: new PostgresStore({ pool, schema }) });
      a.trackMessage("u2", "text", { companyId: "boutique" });
      const summary = await a.getSummary(); // migrates 6 and 7 first
      const versions = await pool.query(`SELECT version FROM "${schema}".analytics_migrations ORDER BY version`);
      expect(versions.rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(summary).toMatchObject({ messages: { total: 2 }, revenueXaf: 5000, activeUsers: 2 });
      expect((await a.getSummary({ companyId: "boutique" })).messages.total).toBe(1);
      expect(await a.qualityScore("2026-11-20")).toBe(78);
      await a.recordDispatch({
        day: "2026-11-20",
        companyId: "boutique",
        total: 4,
        onTime: 4,
        late: 0,
        cancelled: 0,
        avgDelayMinutes: 0,
      });
      expect(await a.qualityScore("2026-11-20")).toBe(78); // the operation's day is not replaced
      expect(await a.qualityScore("2026-11-20", { companyId: "boutique" })).toBe(100);
      await a.close();
    });
  },
);
