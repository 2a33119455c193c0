import { randomUUID } from "node:crypto";
import { Analytics } from "@toktok/analytics";
import type { FlowEngine } from "@toktok/flows";
import { MtnMomoCollection } from "@toktok/payments";
import { type MtnMomoStandIn, startMtnMomoStandIn } from "@toktok/payments/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMobileMoney, type MobileMoney } from "./mobile-money.ts";
import { paymentEvents } from "./payment-events.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
let mtn: MtnMomoStandIn;
let analytics: Analytics;
let money: MobileMoney;

beforeAll(async () => {
  // The payer's phone refuses 5 000 FCFA for funds and accepts anything else; MTN Congo reports that refusal
  // with its combined low-balance-or-limit-or-ban code, counted as declined_unspecified.
  mtn = await startMtnMomoStandIn({
    targetEnvironment: "mtncongo",
    phone: (prompt) => (prompt.amount === 5000 ? "insufficient_funds" : "accept"),
  });
  analytics = new Analytics();
  money = createMobileMoney({
    providers: { mtn: new MtnMomoCollection({ ...mtn.credentials, baseUrl: mtn.url }) },
    logger: silent,
    firstPollMs: 10,
    events: paymentEvents(analytics, silent),
  });
  await money.start({ accept: async () => [] } as unknown as FlowEngine);
});
afterAll(async () => {
  money?.close();
  await mtn?.close();
  await analytics?.close();
});

const ask = (id: string, amount: number, merchantId?: string) =>
  money.payments.collect({
    id,
    amount,
    payer: "06 123 45 67",
    description: "Commande",
    externalId: `order-${id}`,
    operator: "mtn",
    metadata: { waId: "242061234567", ...(merchantId ? { merchantId } : {}) },
  });

describe("Mobile Money payments in the analytics", () => {
  it("tracks each payment on request and on settlement, once, with its latest status", async () => {
    const paid = randomUUID();
    const refused = randomUUID();
    await ask(paid, 7500);
    await ask(refused, 5000);
    expect((await analytics.getPayments()).attempts).toBe(2);
    await money.collector.settled(paid);
    await money.collector.settled(refused);
    await ask(paid, 7500); // a redelivered message asks for the same payment again
    await expect
      .poll(() => analytics.getPayments())
      .toEqual({
        attempts: 2,
        succeeded: 1,
        failed: 1,
        successRate: 0.5,
        byMethod: { mtn_momo: { attempts: 2, succeeded: 1, failed: 1, successRate: 0.5 } },
        failureReasons: { declined_unspecified: 1 },
        revenueByMethod: { mtn_momo: 7500 },
      });
  });

  it("tracks a marketplace payment under its shop's company, a courier payment under none", async () => {
    const before = await analytics.getPayments({ companyId: "chez-mama-ngudi" });
    const shop = randomUUID();
    const courier = randomUUID();
    await ask(shop, 8000, "chez-mama-ngudi");
    await ask(courier, 2500);
    await money.collector.settled(shop);
    await money.collector.settled(courier);
    await expect
      .poll(() => analytics.getPayments({ companyId: "chez-mama-ngudi" }))
      .toMatchObject({
        attempts: before.attempts + 1,
        succeeded: before.succeeded + 1,
        revenueByMethod: { mtn_momo: (before.revenueByMethod.mtn_momo ?? 0) + 8000 },
      });
    expect((await analytics.getPayments()).revenueByMethod.mtn_momo).toBe(7500 + 8000 + 2500);
  });
});
