import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";
import type { AlertRule } from "./kinds/index.js";
import type { AlertNotification } from "./monitor.js";
import { MemoryAlertStore } from "./state.js";

const T0 = Date.UTC(2026, 10, 18, 9); // Wednesday 10:00 in Brazzaville
const MIN = 60_000;
const errorRate: AlertRule = {
  name: "taux-erreur",
  type: "threshold",
  metric: "errorRate",
  op: ">",
  value: 0.01,
  windowMs: 15 * MIN,
  severity: "critical",
};

function setup(alertStore = new MemoryAlertStore()) {
  const clock = { now: T0 };
  const a = new Analytics({ now: () => clock.now, alerts: [errorRate], alertStore });
  const sent: AlertNotification[] = [];
  const monitor = a.monitorAlerts({ notify: (n) => void sent.push(n), intervalMs: MIN });
  /** `messages` messages over the next minute, `failed` of them failed turns. */
  const traffic = (messages: number, failed: number) => {
    for (let i = 0; i < messages; i++) {
      a.trackMessage(`24206${String(i % 50).padStart(7, "0")}`, "text");
      if (i < failed) a.trackError(new Error("backend down"));
    }
    clock.now += MIN;
  };
  return { a, clock, sent, monitor, traffic };
}

describe("monitorAlerts", () => {
  it("notifies once when a rule fires and once when it resolves, and keeps the record's state", async () => {
    const { a, clock, sent, monitor, traffic } = setup();
    traffic(100, 0);
    expect(await monitor.runOnce()).toEqual([]);
    traffic(100, 5); // 5 errors / 200 messages = 2.5 % over the last 15 min
    const [fired] = await monitor.runOnce();
    expect(fired?.event).toBe("fired");
    expect(fired?.record).toMatchObject({
      rule: "taux-erreur",
      state: "active",
      alert: { severity: "critical", value: 0.025 },
    });
    traffic(100, 5);
    expect(await monitor.runOnce()).toEqual([]); // still firing: nothing new

    const id = fired?.record.id as string;
    const acked = await a.acknowledgeAlert(id, { by: "operateur@toktok.cg" });
    expect(acked).toMatchObject({ id, state: "acknowledged", acknowledgedBy: "operateur@toktok.cg" });
    expect(await a.acknowledgeAlert("no-such-id")).toBeNull();
    expect(await monitor.runOnce()).toEqual([]);

    clock.now += 15 * MIN; // the errors leave the window
    traffic(100, 0);
    const [resolved] = await monitor.runOnce();
    expect(resolved).toMatchObject({ event: "resolved", record: { id, state: "resolved" } });
    expect(await monitor.runOnce()).toEqual([]);

    traffic(50, 3); // fires again: a new record
    const [again] = await monitor.runOnce();
    expect(again?.event).toBe("fired");
    expect(again?.record.id).not.toBe(id);
    expect((await a.listAlerts()).map((r) => r.state)).toEqual(["active", "resolved"]);
    expect(await a.listAlerts({ states: ["resolved"] })).toHaveLength(1);
    expect(sent.map((n) => n.event)).toEqual(["fired", "resolved", "fired"]);
    monitor.stop();
    await a.close();
  });

  it("two processes sharing one alert store send one notification per transition", async () => {
    const shared = new MemoryAlertStore();
    const p1 = setup(shared);
    const p2 = setup(shared);
    for (const p of [p1, p2]) p.traffic(100, 10);
    await Promise.all([p1.monitor.runOnce(), p2.monitor.runOnce()]);
    expect([...p1.sent, ...p2.sent].map((n) => n.event)).toEqual(["fired"]);
    for (const p of [p1, p2]) {
      p.clock.now += 20 * MIN;
      p.traffic(100, 0);
    }
    await Promise.all([p1.monitor.runOnce(), p2.monitor.runOnce()]);
    expect([...p1.sent, ...p2.sent].map((n) => n.event)).toEqual(["fired", "resolved"]);
    for (const p of [p1, p2]) {
      p.monitor.stop();
      await p.a.close();
    }
  });

  it("evaluates on its own timer and reports a failed notification without stopping", async () => {
    const clock = { now: T0 };
    const a = new Analytics({ now: () => clock.now, alerts: [errorRate] });
    let tick: (() => void) | undefined;
    const errors: unknown[] = [];
    const monitor = a.monitorAlerts({
      notify: () => {
        throw new Error("WhatsApp unreachable");
      },
      onError: (e) => errors.push(e),
      timers: { setInterval: (fn) => (tick = fn), clearInterval: () => (tick = undefined) },
    });
    a.trackMessage("u", "text");
    a.trackError(new Error("x"));
    tick?.();
    await a.sync();
    await monitor.runOnce(); // joins the tick in flight, or runs after it
    expect(errors.map((e) => (e as Error).message)).toEqual(["WhatsApp unreachable"]);
    expect(await a.listAlerts({ states: ["active"] })).toHaveLength(1);
    monitor.stop();
    expect(tick).toBeUndefined();
    await a.close();
  });

  it("a report on a past day shows that day's alerts, not today's", async () => {
    const { a, clock, monitor, traffic } = setup();
    traffic(100, 10); // Wednesday 18th: fires
    await monitor.runOnce();
    clock.now += 30 * MIN;
    traffic(100, 0);
    await monitor.runOnce(); // resolved the same day
    clock.now = Date.UTC(2026, 10, 20, 9); // Friday, calm
    traffic(100, 0);
    expect(await a.evaluateAlerts()).toEqual([]);
    const wednesday = await a.renderReport({ period: "day", date: "2026-11-18" });
    expect(wednesday.figures.alerts.map((x) => x.rule)).toEqual(["taux-erreur"]);
    expect(wednesday.html).toContain("taux-erreur");
    const friday = await a.renderReport({ period: "day", date: "2026-11-20" });
    expect(friday.figures.alerts).toEqual([]);
    monitor.stop();
    await a.close();
  });

  it("rejects bad options naming the field", () => {
    const a = new Analytics();
    expect(() => a.monitorAlerts({ notify: "x" as unknown as () => void })).toThrow(/"notify"/);
    expect(() => a.monitorAlerts({ notify: () => {}, intervalMs: 0 })).toThrow(/"intervalMs"/);
  });
});
