import { catalogues } from "@toktok/flows";
import type { StoredPayment } from "@toktok/payments";
import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULES } from "../alerts/default-rules.ts";
import { latePaymentHandler, PAYMENT_REFUND_ERROR, paymentClaims } from "./late-payment.ts";

const stored = (status: StoredPayment["status"]): StoredPayment =>
  ({ id: "p-1", operator: "mtn", amount: 8000, currency: "XAF", status }) as StoredPayment;

function setup(status: StoredPayment["status"] | undefined) {
  const tracked: { error: Error; context: Record<string, unknown> }[] = [];
  const logged: { message: string; meta?: Record<string, unknown> }[] = [];
  const claims = paymentClaims();
  const handler = latePaymentHandler({
    payments: { get: async () => (status === undefined ? undefined : stored(status)) },
    claims,
    trackError: (error, context) => tracked.push({ error, context }),
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (message, meta) => logged.push({ message, ...(meta ? { meta } : {}) }),
    },
  });
  const late = { userId: "242061234567", paymentId: "p-1", locale: "fr" as const, t: catalogues.fr };
  return { handler, claims, tracked, logged, late };
}

describe("a payment that succeeded after its customer left", () => {
  it("is claimed for a refund once: the customer told plainly, an error logged and counted for the alert", async () => {
    const { handler, tracked, logged, late } = setup("succeeded");
    const said = await handler(late);
    expect(said).toContain("8 000 FCFA");
    expect(said).toContain("rembourser");
    expect(tracked).toHaveLength(1);
    expect(tracked[0]?.error.name).toBe(PAYMENT_REFUND_ERROR);
    expect(tracked[0]?.context).toMatchObject({ user: "242061234567", paymentId: "p-1", amount: 8000 });
    expect(logged[0]?.message).toContain("REFUND NEEDED");
    expect(await handler(late)).toBeUndefined(); // the same settlement again: already handed over
    expect(tracked).toHaveLength(1);
  });

  it("a payment the waiting step used is left alone", async () => {
    const { handler, claims, tracked, late } = setup("succeeded");
    expect(await claims.claim("p-1")).toBe(true);
    expect(await handler(late)).toBeUndefined();
    expect(tracked).toEqual([]);
  });

  it("a failed or unknown payment charged nobody: nothing said, nothing counted", async () => {
    for (const status of ["failed", "pending", undefined] as const) {
      const { handler, tracked, late } = setup(status);
      expect(await handler(late)).toBeUndefined();
      expect(tracked).toEqual([]);
    }
  });

  it("the first refund to make alerts the operators", () => {
    expect(DEFAULT_ALERT_RULES).toContainEqual(
      expect.objectContaining({ errorName: PAYMENT_REFUND_ERROR, op: ">=", value: 1, severity: "critical" }),
    );
  });
});
