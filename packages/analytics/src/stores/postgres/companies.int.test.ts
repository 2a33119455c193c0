import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { addUp, COMPANIES, companyFigures, playCompanies } from "../../testing/scripted-companies.js";
import { NOW } from "../../testing/scripted-data.js";
import { PostgresStore } from "./postgres-store.js";

const schema = `toktok_analytics_company_it_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;

describeWithPostgres("PostgresStore — figures per company", () => {
  const pool = new pg.Pool({ connectionString: url, max: 4 });

  beforeAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("scopes summary, funnel, daily rows, errors and quality like the memory store, and they add up", async () => {
    const memClock = { now: NOW };
    const mem = new Analytics({ now: () => memClock.now });
    playCompanies(mem, memClock);
    const pgClock = { now: NOW };
    const db = new Analytics({ now: () => pgClock.now, store: new PostgresStore({ pool, schema, batchSize: 50 }) });
    playCompanies(db, pgClock);
    const [c0] = COMPANIES;
    for (const a of [mem, db]) {
      await a.recordDispatch({ day: "2026-11-20", total: 25, onTime: 22, late: 2, cancelled: 1, avgDelayMinutes: 6 });
      await a.recordDispatch({
        day: "2026-11-20",
        companyId: c0,
        total: 10,
        onTime: 5,
        late: 5,
        cancelled: 0,
        avgDelayMinutes: 20,
      });
    }

    const memParts = await Promise.all(COMPANIES.map((c) => companyFigures(mem, c)));
    const dbParts = await Promise.all(COMPANIES.map((c) => companyFigures(db, c)));
    expect(dbParts).toEqual(memParts);
    const { flows: _, ...total } = await companyFigures(db);
    expect(addUp(dbParts)).toEqual(total);
    expect(total.funnel[0]).toBeGreaterThan(0);

    // Daily rollups hold every company together: a scoped read must not use them.
    await db.aggregateDays({ from: "2026-11-15", to: "2026-11-21" });
    expect(await Promise.all(COMPANIES.map((c) => companyFigures(db, c)))).toEqual(memParts);

    expect(await db.qualityScore("2026-11-20")).toBe(78);
    expect(await db.qualityScore("2026-11-20", { companyId: c0 })).toBe(
      await mem.qualityScore("2026-11-20", { companyId: c0 }),
    );
    expect(await db.getDispatch({ from: "2026-11-20", to: "2026-11-20", companyId: c0 })).toEqual(
      await mem.getDispatch({ from: "2026-11-20", to: "2026-11-20", companyId: c0 }),
    );

    const report = { period: "week" as const, date: "2026-11-18", companyId: c0 };
    expect((await db.renderReport(report)).figures).toEqual((await mem.renderReport(report)).figures);

    const plan = await pool.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'events_company_idx'`,
      [schema],
    );
    expect(plan.rows[0]?.indexdef).toMatch(/company_id, kind, at/);
    await db.close();
    await mem.close();
  });
});
