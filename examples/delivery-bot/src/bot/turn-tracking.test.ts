import { Analytics } from "@toktok/analytics";
import { BackendError } from "@toktok/flows";
import { PaymentsProviderError } from "@toktok/payments";
import { LlmUnavailableError } from "@toktok/smart-fallback";
import { WhatsAppNetworkError } from "@toktok/whatsapp-client";
import { expect, it } from "vitest";
import { trackTurn, turnFailure } from "./turn-tracking.ts";

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

it("a failed turn is tracked under its cause — backend, send, model, payment — and never with the cause's own message", async () => {
  const tracked: Array<{ message: string; context: unknown }> = [];
  const onHandled = trackTurn({
    trackResponseTime: () => {},
    trackError: (error, context) => tracked.push({ message: (error as Error).message, context }),
  });
  const secret = "https://backend.example/users/242061234567?token=s3cr3t";
  const causes = [
    new BackendError(`GET ${secret} failed`, { status: 503 }),
    new WhatsAppNetworkError(`connect ECONNREFUSED ${secret}`),
    new LlmUnavailableError(`model down at ${secret}`),
    new PaymentsProviderError({
      provider: "mtn",
      status: 500,
      providerCode: "NETWORK",
      message: `refused ${secret}`,
      retryable: true,
    }),
    new Error(`something else ${secret}`),
    undefined,
  ];
  causes.forEach((error, i) => {
    onHandled({ userId: `u${i}`, messageId: `m${i}`, status: "failed", durationMs: 10, error });
  });
  expect(tracked.map((t) => (t.context as { kind: string }).kind)).toEqual([
    "backend_error",
    "send_failed",
    "model_error",
    "payment_failed",
    "turn_failed",
    "turn_failed",
  ]);
  expect(tracked[0]?.context).toEqual({ kind: "backend_error", user: "u0", cause: "BackendError" });
  expect(JSON.stringify(tracked)).not.toContain("s3cr3t");
  expect(turnFailure(new BackendError("x")).message).toBe("the backend failed or did not answer");
});
