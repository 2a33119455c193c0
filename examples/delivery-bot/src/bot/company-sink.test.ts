import { Analytics } from "@toktok/analytics";
import { expect, it } from "vitest";
import { companySink } from "./company-sink.ts";

it("an order naming its merchant is tracked under that company; other events count in the totals only", async () => {
  const analytics = new Analytics({ now: () => 1_000 });
  const sink = companySink(analytics);
  sink.trackSessionStart?.("242060000001", "client");
  sink.trackMessage?.("242060000001", "text");
  sink.trackConversion?.("242060000001", "order", 8_000, { reference: "CMD-1", merchantId: "chez-mama" });
  sink.trackConversion?.("242060000002", "courier", 2_500, { reference: "MIS-1" });
  const range = { from: 0, to: 2_000 };
  expect((await analytics.getSummary({ ...range, companyId: "chez-mama" })).revenueXaf).toBe(8_000);
  expect((await analytics.getSummary(range)).revenueXaf).toBe(10_500);
  expect((await analytics.getSummary({ ...range, companyId: "chez-mama" })).messages.total).toBe(0);
  await analytics.close();
});
