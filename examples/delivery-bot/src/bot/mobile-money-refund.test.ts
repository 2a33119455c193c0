import { randomUUID } from "node:crypto";
import { Analytics } from "@toktok/analytics";
import type { FlowEngine } from "@toktok/flows";
import { MtnMomoCollection } from "@toktok/payments";
import { type MtnMomoStandIn, startMtnMomoStandIn } from "@toktok/payments/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULES } from "../alerts/default-rules.ts";
import { PAYMENT_REFUND_ERROR } from "./late-payment.ts";
import { createMobileMoney, type MobileMoney } from "./mobile-money.ts";

const logged: string[] = [];
const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => void logged.push(message) };
let mtn: MtnMomoStandIn;
let analytics: Analytics;
let money: MobileMoney;

beforeAll(async () => {
  mtn = await startMtnMomoStandIn({ targetEnvironment: "mtncongo" });
  analytics = new Analytics({ alerts: DEFAULT_ALERT_RULES });
  money = createMobileMoney({
    providers: { mtn: new MtnMomoCollection({ ...mtn.credentials, baseUrl: mtn.url }) },
    logger,
    firstPollMs: 10,
    // The narrow port the bot gives it: analytics' trackError, nothing else of the facade.
    refunds: { trackError: (error, context) => analytics.trackError(error, context) },
  });
  await money.start({ accept: async () => [] } as unknown as FlowEngine);
});
afterAll(async () => {
  money?.close();
  await mtn?.close();
  await analytics?.close();
});

describe("a Mobile Money payment the flow hands back for a refund (its amount is not the order's any more)", () => {
  it("is tracked as PaymentRefundNeeded under the customer, like a late one, and raises paiement-a-rembourser", async () => {
    const id = randomUUID();
    await money.payments.collect({
      id,
      amount: 7000,
      payer: "06 123 45 67",
      description: "Commande",
      externalId: id,
      operator: "mtn",
      metadata: { waId: "242061234567" },
    });
    expect(await money.collector.settled(id)).toMatchObject({ status: "succeeded" });

    await money.payments.refund(id, "paid 7000 XAF, the order now costs 8000 XAF");

    const errors = await analytics.getTopErrors(10);
    expect(errors).toEqual([expect.objectContaining({ name: PAYMENT_REFUND_ERROR, count: 1 })]);
    expect(logged).toEqual(["payments: REFUND NEEDED — paid amount is not the order's total"]);
    const never = { setInterval: () => 0, clearInterval: () => {} };
    const monitor = analytics.monitorAlerts({ notify: async () => {}, timers: never });
    try {
      const fired = await monitor.runOnce();
      expect(fired.map((n) => [n.event, n.record.rule])).toEqual([["fired", "paiement-a-rembourser"]]);
    } finally {
      monitor.stop();
    }
  });
});
