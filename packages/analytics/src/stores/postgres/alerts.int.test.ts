import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, services } from "../../../../../scripts/integration.js";
import type { AlertRule } from "../../alerts/kinds/index.js";
import type { AlertNotification } from "../../alerts/monitor.js";
import { Analytics } from "../../analytics.js";
import { PostgresStore } from "./postgres-store.js";

const schema = `toktok_analytics_alerts_it_${process.pid}_${Date.now()}`;
const url = services().databaseUrl;
const T0 = Date.UTC(2026, 10, 18, 9);
const MIN = 60_000;
const rule: AlertRule = {
  name: "taux-erreur",
  type: "threshold",
  metric: "errorRate",
  op: ">",
  value: 0.01,
  windowMs: 15 * MIN,
};

describeWithPostgres("PostgresStore — alert records", () => {
  const pool = new pg.Pool({ connectionString: url, max: 6 });

  beforeAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it("two processes on one schema notify each firing once, and acknowledge across processes", async () => {
    const clock = { now: T0 };
    const processes = [1, 2].map(() => {
      const a = new Analytics({ now: () => clock.now, alerts: [rule], store: new PostgresStore({ pool, schema }) });
      const sent: AlertNotification[] = [];
      return { a, sent, monitor: a.monitorAlerts({ notify: (n) => void sent.push(n) }) };
    });
    const [p1, p2] = processes as [(typeof processes)[0], (typeof processes)[0]];
    for (let i = 0; i < 100; i++) p1.a.trackMessage(`u${i}`, "text");
    for (let i = 0; i < 4; i++) p2.a.trackError(new Error("send failed"));
    await p1.a.sync();
    await p2.a.sync();
    clock.now += MIN;
    // Each round, both evaluate at the same time: the partial unique index lets one open the record.
    for (let round = 0; round < 3; round++) await Promise.all([p1.monitor.runOnce(), p2.monitor.runOnce()]);
    const all = () => [...p1.sent, ...p2.sent];
    expect(all().map((n) => n.event)).toEqual(["fired"]);
    const record = all()[0]?.record;
    expect(record).toMatchObject({ rule: "taux-erreur", state: "active", alert: { value: 0.04 } });

    const acked = await p2.a.acknowledgeAlert(record?.id as string, { by: "ops" });
    expect(acked).toMatchObject({ state: "acknowledged", acknowledgedBy: "ops" });
    expect(await p1.a.listAlerts()).toEqual([acked]);
    expect(await p1.a.acknowledgeAlert("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await p1.a.acknowledgeAlert("not-a-uuid")).toBeNull();

    clock.now += 20 * MIN;
    p1.a.trackMessage("u", "text");
    await p1.a.sync();
    for (let round = 0; round < 3; round++) await Promise.all([p1.monitor.runOnce(), p2.monitor.runOnce()]);
    expect(all().map((n) => n.event)).toEqual(["fired", "resolved"]);
    expect(all()[1]?.record).toMatchObject({ id: record?.id, state: "resolved", acknowledgedBy: "ops" });
    expect(await p2.a.listAlerts({ states: ["active", "acknowledged"] })).toEqual([]);
    // Open during Wednesday: the day's report shows it, though it is resolved now.
    const report = await p2.a.renderReport({ period: "day", date: "2026-11-18" });
    expect(report.figures.alerts.map((x) => x.rule)).toEqual(["taux-erreur"]);
    for (const p of processes) {
      p.monitor.stop();
      await p.a.close();
    }
  });
});
