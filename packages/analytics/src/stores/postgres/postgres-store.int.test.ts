import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import { Analytics } from "../../analytics.js";
import { AnalyticsAbortError, AnalyticsStoreError } from "../../errors.js";
import { NOW, playScript } from "../../testing/scripted-data.js";
import { PostgresStore } from "./postgres-store.js";

const schema = `toktok_analytics_it_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;

async function everything(a: Analytics) {
  const days = { from: "2026-11-01", to: "2026-11-22" };
  return {
    summary: await a.getSummary(),
    lastWeek: await a.getSummary({ from: "2026-11-15", to: "2026-11-22" }),
    funnel: await a.getFunnel("courier"),
    funnelSteps: await a.getFunnel("courier", { steps: ["start", "pickup", "confirm"], window: 60_000 }),
    daily: await a.getDailyStats(days),
    weekly: await a.getWeeklyStats(days),
    monthly: await a.getMonthlyStats(days),
    errors: await a.getTopErrors(5),
    active: await a.getActiveUsers(7 * 86_400_000),
    rates: await a.getBusinessRates({ period: "week", date: "2026-11-21" }),
    insights: await a.getInsights(),
    alerts: await a.evaluateAlerts(),
    quality: await a.qualityScore("2026-11-20"),
  };
}

const alerts = [
  {
    name: "errors",
    type: "threshold" as const,
    metric: "errorRate" as const,
    op: ">" as const,
    value: 0.01,
    windowMs: 7 * 86_400_000,
  },
  { name: "growth", type: "trend_change" as const, metric: "messages" as const, changePct: 30 },
];

describeWithPostgres("PostgresStore", () => {
  const pool = new pg.Pool({ connectionString: url, max: 4 });

  beforeAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("gives the same summaries, funnels, daily stats, insights and alerts as the memory store", async () => {
    const memClock = { now: NOW };
    const mem = new Analytics({ now: () => memClock.now, alerts });
    await playScript(mem, memClock);
    const pgClock = { now: NOW };
    const store = new PostgresStore({ pool, schema, batchSize: 500 });
    const db = new Analytics({ now: () => pgClock.now, store, alerts, bufferSize: 97 });
    await playScript(db, pgClock);
    const expected = await everything(mem);
    expect(expected.summary.messages.total).toBeGreaterThan(500);
    expect(expected.insights.length).toBeGreaterThan(2);
    expect(await everything(db)).toEqual(expected);
    // Rollups are idempotent and read back identically.
    await db.aggregateDays({ from: "2026-11-01", to: "2026-11-21" });
    await db.aggregateDays({ from: "2026-11-01", to: "2026-11-21" });
    const rolled = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".daily_rollups`);
    expect(rolled.rows[0].n).toBe(21);
    expect(await db.getDailyStats({ from: "2026-11-01", to: "2026-11-22" })).toEqual(expected.daily);
    await db.close();
    await mem.close();
  });

  it("counts funnel edge cases (order, repeats, ties, window, range) exactly like the memory store", async () => {
    const script = (a: Analytics, clock: { now: number }) => {
      const at = (minutes: number, user: string, step: string) => {
        clock.now = NOW - 86_400_000 + minutes * 60_000;
        a.trackFunnelStep(user, "shop", step);
      };
      at(0, "order", "pay"); // before entry: ignored
      at(1, "order", "browse");
      at(2, "order", "cart");
      at(3, "order", "pay");
      at(5, "tie", "browse");
      at(5, "tie", "cart"); // same millisecond as the previous step
      at(5, "tie", "pay");
      at(6, "redo", "browse");
      at(7, "redo", "pay"); // pay before cart…
      at(8, "redo", "cart");
      at(9, "redo", "pay"); // …then again after it
      at(10, "slow", "browse");
      at(10 + 24 * 60 + 1, "slow", "cart"); // outside the 24 h window
      at(-3000, "old", "browse"); // entered before the range
      at(11, "old", "cart");
      at(12, "twice", "browse");
      at(13, "twice", "browse");
      at(14, "twice", "cart");
    };
    const steps = ["browse", "cart", "pay"];
    const range = { from: NOW - 2 * 86_400_000, to: NOW };
    const memClock = { now: NOW };
    const mem = new Analytics({ now: () => memClock.now });
    script(mem, memClock);
    const edgeSchema = `${schema}_f`;
    const pgClock = { now: NOW };
    const db = new Analytics({ now: () => pgClock.now, store: new PostgresStore({ pool, schema: edgeSchema }) });
    script(db, pgClock);
    memClock.now = pgClock.now = NOW;
    const expected = await mem.getFunnel("shop", { steps, ...range });
    expect(expected.steps.map((s) => s.users)).toEqual([5, 4, 3]);
    expect(await db.getFunnel("shop", { steps, ...range })).toEqual(expected);
    const narrow = { steps, window: 60_000, ...range };
    expect(await db.getFunnel("shop", narrow)).toEqual(await mem.getFunnel("shop", narrow));
    expect(await db.getFunnel("shop", range)).toEqual(await mem.getFunnel("shop", range));
    await db.close();
    await mem.close();
    await pool.query(`DROP SCHEMA "${edgeSchema}" CASCADE`);
  });

  it("migrates once, idempotently, and records the versions", async () => {
    const again = new PostgresStore({ pool, schema });
    await again.migrate();
    const versions = await pool.query(`SELECT version FROM "${schema}".analytics_migrations ORDER BY version`);
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await again.close();
  });

  it("creates its own pool from a connection string (pg imported lazily) and ends it on close", async () => {
    const ownSchema = `${schema}_c`;
    const store = new PostgresStore({ connectionString: url, schema: ownSchema });
    const a = new Analytics({ store });
    a.trackMessage("u", "text");
    expect((await a.getSummary()).messages.total).toBe(1);
    await a.close();
    await expect(store.summary({ from: 0, to: Date.now(), now: Date.now(), sessionTimeoutMs: 1 })).rejects.toThrow(
      /closed/,
    );
    await pool.query(`DROP SCHEMA "${ownSchema}" CASCADE`);
  });

  it("reports an unreachable server as a retryable store error and keeps the events queued", async () => {
    const store = new PostgresStore({ connectionString: "postgres://root@127.0.0.1:1/none", schema: `${schema}_x` });
    const a = new Analytics({ store });
    a.trackMessage("u", "text");
    const error = await a.getSummary().catch((e: unknown) => e);
    expect(AnalyticsStoreError.isInstance(error)).toBe(true);
    expect((error as AnalyticsStoreError).retryable).toBe(true);
    await expect(store.flush()).rejects.toThrow(AnalyticsStoreError);
  });

  it("an AbortSignal cancels a running statement", async () => {
    const abortSchema = `${schema}_a`;
    const store = new PostgresStore({ pool, schema: abortSchema });
    const a = new Analytics({ store });
    a.trackMessage("u", "text");
    await a.sync();
    // Another session holds a lock the summary has to wait for: the query is running when we abort.
    const locker = await pool.connect();
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE "${abortSchema}".events IN ACCESS EXCLUSIVE MODE`);
    const controller = new AbortController();
    const pending = a.getSummary({ signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort(new Error("user left the page"));
    const error = await pending.catch((e: unknown) => e);
    expect(AnalyticsAbortError.isInstance(error)).toBe(true);
    const waiting = await locker.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%${abortSchema}%'`,
    );
    expect(waiting.rows[0].n).toBe(0);
    await locker.query("ROLLBACK");
    locker.release();
    await expect(a.getTopErrors(1, { signal: AbortSignal.abort() })).rejects.toThrow(AnalyticsAbortError);
    expect((await a.getSummary()).messages.total).toBe(1);
    await a.close();
    await pool.query(`DROP SCHEMA "${abortSchema}" CASCADE`);
  });

  it("hashes user ids with the salt when asked", async () => {
    const hashedSchema = `${schema}_h`;
    const store = new PostgresStore({ pool, schema: hashedSchema, hashUserIds: { salt: "s3cret" } });
    const a = new Analytics({ store });
    a.trackMessage("242061234567", "text");
    a.trackError(new Error("x"), { user: "242061234567" });
    expect(await a.getActiveUsers(60_000)).toBe(1);
    const rows = await pool.query(`SELECT user_id, meta FROM "${hashedSchema}".events`);
    for (const r of rows.rows) {
      expect(r.user_id).not.toContain("242061234567");
      expect(JSON.stringify(r.meta ?? {})).not.toContain("242061234567");
    }
    await a.close();
    await pool.query(`DROP SCHEMA "${hashedSchema}" CASCADE`);
  });
});
