import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { MtnMomoCollection } from "../mtn/mtn-momo-collection.js";
import { type MtnMomoStandIn, startMtnMomoStandIn } from "../testing/mtn-stand-in.js";

let standIn: MtnMomoStandIn | undefined;
afterEach(() => standIn?.close());

describe("token renewal before expiry", () => {
  it("a short-lived token is renewed once its renewal time passes on the client's clock: one new token for 20 concurrent calls, no 401", async () => {
    standIn = await startMtnMomoStandIn({ tokenLifetimeSec: 60 });
    let clock = 1_000_000;
    const mtn = new MtnMomoCollection({
      ...standIn.credentials,
      baseUrl: standIn.url,
      tokenRefreshMarginMs: 10_000,
      now: () => clock,
    });
    const id = randomUUID();
    await mtn.requestPayment({ id, amount: 15, payer: "06 123 45 67", description: "Commande" });
    expect(standIn.tokensIssued).toBe(1);
    clock += 49_000; // 1 s before the renewal time (60 s lifetime − 10 s margin): the token is reused
    await Promise.all(Array.from({ length: 20 }, () => mtn.getPayment(id)));
    expect(standIn.tokensIssued).toBe(1);
    clock += 2_000; // past the renewal time, the token still alive at the provider
    const answers = await Promise.all(Array.from({ length: 20 }, () => mtn.getPayment(id)));
    expect(standIn.tokensIssued).toBe(2);
    expect(answers.every((a) => a?.id === id)).toBe(true);
    // Each status query left once: none was refused (a 401 would have been retried, so counted twice).
    expect(standIn.requests.filter((r) => r.method === "GET")).toHaveLength(40);
  });
});
