import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { playRatings, RATING_DAY, RATING_DAY_SATISFACTION } from "../../testing/scripted-ratings.js";
import { PostgresStore } from "./postgres-store.js";

const schema = `toktok_analytics_ratings_it_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;

describeWithPostgres("PostgresStore — ratings", () => {
  const pool = new pg.Pool({ connectionString: url, max: 2 });

  beforeAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("keeps ratings and reads the same satisfaction as the memory store, by hand", async () => {
    const clock = { now: RATING_DAY };
    const db = new Analytics({ now: () => clock.now, store: new PostgresStore({ pool, schema }) });
    playRatings(db, clock);
    const day = { from: RATING_DAY, to: RATING_DAY + 16 * 3_600_000 };
    expect(await db.getSatisfaction(day)).toEqual(RATING_DAY_SATISFACTION);
    expect(await db.getSatisfaction({ ...day, companyId: "boutique-1" })).toMatchObject({ count: 1, average: 5 });
    const stored = await pool.query(`SELECT meta FROM "${schema}".events WHERE kind = 8 AND b = 'm3' ORDER BY at`);
    expect(stored.rows.map((r) => r.meta)).toEqual([
      { driverName: "Paul" },
      { driverName: "Paul", comment: "en retard" },
    ]);
    await db.close();
  });
});
