import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { PAYMENT_DAY, PAYMENT_DAY_PAYMENTS, playPayments } from "../../testing/scripted-payments.js";
import { PostgresStore } from "./postgres-store.js";

const schema = `toktok_analytics_payments_it_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;

describeWithPostgres("PostgresStore — payments", () => {
  const pool = new pg.Pool({ connectionString: url, max: 2 });

  beforeAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("keeps payments and reads the same figures as the memory store, by hand, outside revenue and errors", async () => {
    const clock = { now: PAYMENT_DAY };
    const db = new Analytics({ now: () => clock.now, store: new PostgresStore({ pool, schema }) });
    playPayments(db, clock);
    const day = { from: PAYMENT_DAY, to: PAYMENT_DAY + 16 * 3_600_000 };
    expect(await db.getPayments(day)).toEqual(PAYMENT_DAY_PAYMENTS);
    expect(await db.getPayments({ ...day, companyId: "boutique-1" })).toMatchObject({
      attempts: 1,
      revenueByMethod: { airtel_money: 6000 },
    });
    const summary = await db.getSummary(day);
    expect([summary.conversions.total, summary.revenueXaf, summary.errors.total]).toEqual([0, 0, 0]);
    const stored = await pool.query(`SELECT a, meta FROM "${schema}".events WHERE kind = 9 AND b = 'p2' ORDER BY at`);
    expect(stored.rows).toEqual([
      { a: "airtel_money", meta: { status: "requested" } },
      { a: "airtel_money", meta: { status: "failed", reason: "not_enough_funds" } },
    ]);
    await db.close();
  });
});
