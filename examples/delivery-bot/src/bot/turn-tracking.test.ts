import { Analytics } from "@toktok/analytics";
import { expect, it } from "vitest";
import { trackTurn } from "./turn-tracking.ts";

it("a failed turn counts as an error of kind turn_failed, so the error rate is the share of messages that went wrong", async () => {
  const analytics = new Analytics({ now: () => 1_000 });
  const onHandled = trackTurn(analytics);
  for (const user of ["a", "b", "c", "d"]) analytics.trackMessage(user, "text");
  onHandled({ userId: "a", messageId: "m1", status: "handled", durationMs: 120 });
  onHandled({ userId: "b", messageId: "m2", status: "throttled", durationMs: 5 });
  onHandled({ userId: "c", messageId: "m3", status: "failed", durationMs: 900 });
  onHandled({ userId: "d", messageId: "m4", status: "handled", durationMs: 80 });
  const summary = await analytics.getSummary({ from: 0, to: 2_000 });
  expect(summary.errors).toEqual({ total: 1, rate: 0.25 });
  expect(summary.responseTime.count).toBe(4);
  expect(await analytics.getTopErrors(5, { from: 0, to: 2_000 })).toMatchObject([
    { name: "TurnFailedError", count: 1 },
  ]);
  await analytics.close();
});
