import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { playErrorRateScript, SCRIPT_NOW, SCRIPT_RULES } from "../../testing/scripted-error-rate.js";
import { PostgresStore } from "./postgres-store.js";

const schema = `toktok_analytics_error_rate_it_${process.pid}_${Date.now()}`;

describeWithPostgres("PostgresStore — errors kept out of the rate, conversions of one type", () => {
  const pool = new pg.Pool({ connectionString: services().databaseUrl, max: 4 });

  beforeAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("fires the security alert and the drop of completed missions, not the error-rate alert, like the memory store", async () => {
    const clock = { now: 0 };
    const store = new PostgresStore({ pool, schema, batchSize: 50 });
    const a = new Analytics({ now: () => clock.now, store, alerts: SCRIPT_RULES });
    playErrorRateScript(a, clock);
    const fired = await a.evaluateAlerts();
    expect(fired.map((x) => x.rule).sort()).toEqual(["baisse-missions", "signatures-refusees"]);
    expect(fired.find((x) => x.rule === "baisse-missions")).toMatchObject({ value: 28, reference: 70 });

    const window = { from: SCRIPT_NOW - 15 * 60_000, to: SCRIPT_NOW + 1 };
    expect((await a.getSummary(window)).errors).toEqual({ total: 1, rate: 0.005 });
    expect(await a.getTopErrors(5, window)).toMatchObject([
      { name: "WebhookSignatureError", count: 50 },
      { name: "TurnFailedError", count: 1 },
    ]);
    // Both the live aggregate and the materialised daily rollup leave the forged requests out.
    await store.rollupDays(["2026-11-22"], a.timeZone);
    const [today] = await a.getDailyStats({ from: "2026-11-22", to: "2026-11-22" });
    expect(today).toMatchObject({ errors: 1, messages: 200, errorRate: 0.005 });
    await a.close();
  });
});
