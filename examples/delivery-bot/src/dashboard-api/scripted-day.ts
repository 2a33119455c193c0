import { Analytics } from "@toktok/analytics";

/** "Now" of the scripted day: 10:00 in Brazzaville (UTC+1) on Tuesday 10 March 2026. */
export const SCRIPTED_NOW = Date.parse("2026-03-10T09:00:00Z");

/**
 * A fixed-clock Analytics fed with a known day (and one event the day before), so tests can assert
 * exact figures. The expected figures are worked out by hand in `dashboard-api.test.ts`.
 * @param clock After the script, the analytics read `clock.now` instead of the fixed {@link SCRIPTED_NOW}
 *   (a test moving time, e.g. to the next morning's report).
 */
export async function scriptedDay(clock?: { now: number }): Promise<Analytics> {
  let t = 0;
  let scripted = false;
  const analytics = new Analytics({
    now: () => (scripted && clock ? clock.now : t),
    sessionTimeoutMs: 2 * 3_600_000,
    alerts: [
      { name: "taux-erreur", type: "threshold", metric: "errorRate", op: ">", value: 0.05, severity: "critical" },
      { name: "revenu-faible", type: "threshold", metric: "revenueXaf", op: "<", value: 1000 },
    ],
  });
  const at = (iso: string, fn: () => void) => {
    t = Date.parse(iso);
    fn();
  };
  // Monday: one marketplace order.
  at("2026-03-09T07:00:00Z", () => {
    analytics.trackSessionStart("242060000004", "client");
    analytics.trackMessage("242060000004", "text");
    analytics.trackConversion("242060000004", "order", 5000);
  });
  // Tuesday: a completed courier request, an abandoned one, a marketplace order, a driver, an error.
  at("2026-03-10T08:00:00Z", () => {
    const u = "242060000001";
    analytics.trackSessionStart(u, "client");
    for (let i = 0; i < 3; i++) analytics.trackMessage(u, "text");
    for (const step of ["start", "pickup", "destination", "confirm"]) analytics.trackFunnelStep(u, "courier", step);
    analytics.trackConversion(u, "courier", 2500);
    analytics.trackResponseTime(120);
  });
  at("2026-03-10T08:10:00Z", () => {
    const u = "242060000002";
    analytics.trackSessionStart(u, "client");
    analytics.trackMessage(u, "text");
    analytics.trackMessage(u, "text");
    analytics.trackFunnelStep(u, "courier", "start");
    analytics.trackFunnelStep(u, "courier", "pickup");
    analytics.trackResponseTime(80);
  });
  at("2026-03-10T08:20:00Z", () => {
    const u = "242060000003";
    analytics.trackSessionStart(u, "client");
    analytics.trackMessage(u, "text");
    analytics.trackMessage(u, "list_reply");
    analytics.trackMessage(u, "list_reply");
    analytics.trackMessage(u, "button_reply");
    for (const step of ["category", "product", "payment"]) analytics.trackFunnelStep(u, "marketplace", step);
    analytics.trackConversion(u, "order", 12000);
    analytics.trackResponseTime(400);
  });
  at("2026-03-10T08:30:00Z", () => {
    analytics.trackSessionStart("242050000009", "livreur");
    analytics.trackMessage("242050000009", "text");
    analytics.trackSessionEnd("242050000009");
  });
  at("2026-03-10T08:40:00Z", () => {
    analytics.trackError(new Error("Graph API timeout"), { user: "242060000002" });
  });
  await analytics.recordDispatch({
    day: "2026-03-09",
    total: 10,
    onTime: 10,
    late: 0,
    cancelled: 0,
    avgDelayMinutes: 0,
  });
  await analytics.recordDispatch({
    day: "2026-03-10",
    total: 25,
    onTime: 22,
    late: 2,
    cancelled: 1,
    avgDelayMinutes: 6,
  });
  t = SCRIPTED_NOW;
  await analytics.sync();
  scripted = true;
  return analytics;
}
