import { expect, it } from "vitest";
import { Analytics } from "./index.js";

it("README quick start", async () => {
  const analytics = new Analytics(); // in-memory store, Africa/Brazzaville days
  analytics.trackSessionStart("242061234567", "client");
  analytics.trackMessage("242061234567", "text");
  analytics.trackFunnelStep("242061234567", "courier", "start");
  analytics.trackFunnelStep("242061234567", "courier", "confirm");
  analytics.trackConversion("242061234567", "mission_completed", 2500);
  analytics.trackResponseTime(850);

  const summary = await analytics.getSummary();
  const funnel = await analytics.getFunnel("courier", { steps: ["start", "confirm"] });
  const exposition = await analytics.metrics(); // serve on /metrics
  await analytics.close();

  expect(summary.revenueXaf).toBe(2500);
  expect(funnel.completionPct).toBe(100);
  expect(exposition).toContain("toktok_messages_total");
});
