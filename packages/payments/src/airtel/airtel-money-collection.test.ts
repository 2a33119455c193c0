import { createHmac, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PaymentsProviderError, PaymentsValidationError } from "../errors.js";
import { type AirtelMoneyStandIn, startAirtelMoneyStandIn } from "../testing/airtel-stand-in.js";
import type { PhoneAnswer } from "../testing/knobs.js";
import { AirtelMoneyCollection } from "./airtel-money-collection.js";
import { airtelCallbackHash } from "./callback-hash.js";

let standIn: AirtelMoneyStandIn;
let airtel: AirtelMoneyCollection;

beforeEach(async () => {
  standIn = await startAirtelMoneyStandIn({ unknownNumbers: ["041111111"] });
  airtel = new AirtelMoneyCollection({ ...standIn.credentials, baseUrl: standIn.url, timeoutMs: 1000 });
});
afterEach(() => standIn.close());

const request = (payer = "05 512 34 56") => ({ id: randomUUID(), amount: 7500, payer, description: "Commande 42" });

async function finalOf(id: string) {
  let payment = await airtel.getPayment(id);
  while (payment?.status === "pending") {
    await new Promise((r) => setTimeout(r, 5));
    payment = await airtel.getPayment(id);
  }
  return payment;
}

describe("AirtelMoneyCollection", () => {
  it("names a wrong option", () => {
    expect(() => new AirtelMoneyCollection({ ...standIn.credentials, country: "Congo" })).toThrow(/options\.country/);
    expect(() => new AirtelMoneyCollection({ ...standIn.credentials, clientSecret: "" })).toThrow(
      PaymentsValidationError,
    );
  });

  it("sends X-Country, X-Currency, the msisdn without country code and the caller's transaction id", async () => {
    const req = request("+242 05 512 34 56");
    await airtel.requestPayment(req);
    const post = standIn.requests.find((r) => r.path === "/merchant/v1/payments/");
    expect(post?.headers["x-country"]).toBe("CG");
    expect(post?.headers["x-currency"]).toBe("XAF");
    expect(JSON.parse(post?.body ?? "{}")).toEqual({
      reference: "Commande 42",
      subscriber: { country: "CG", currency: "XAF", msisdn: "055123456" },
      transaction: { amount: 7500, country: "CG", currency: "XAF", id: req.id },
    });
    expect(await finalOf(req.id)).toMatchObject({
      status: "succeeded",
      providerTransactionId: expect.stringMatching(/^MP/),
    });
  });

  it.each([
    ["refuse", "rejected", "DP00800001008"],
    ["insufficient_funds", "insufficient_funds", "DP00800001007"],
    ["limit_reached", "limit_reached", "DP00800001003"],
  ] as Array<[PhoneAnswer, string, string]>)("a phone answering %s reads as TF → %s", async (answer, reason, code) => {
    standIn.setPhone(() => answer);
    const req = request();
    await airtel.requestPayment(req);
    expect(await finalOf(req.id)).toMatchObject({ status: "failed", reason, providerReason: code });
  });

  it("an unanswered prompt ends TE → expired", async () => {
    const quick = await startAirtelMoneyStandIn({ phone: () => "ignore", expireAfterMs: 20 });
    try {
      const client = new AirtelMoneyCollection({ ...quick.credentials, baseUrl: quick.url });
      const req = request();
      await client.requestPayment(req);
      let payment = await client.getPayment(req.id);
      expect(payment?.status).toBe("pending");
      while (payment?.status === "pending") payment = await client.getPayment(req.id);
      expect(payment).toMatchObject({ status: "failed", reason: "expired", providerReason: "TE" });
    } finally {
      await quick.close();
    }
  });

  it("a business refusal inside HTTP 200 (status.success false, no transaction) is a typed, non-retryable error", async () => {
    const error = await airtel.requestPayment(request("04 111 11 11")).catch((e: unknown) => e);
    expect(
      PaymentsProviderError.isInstance(error) && [
        error.status,
        error.providerCode,
        error.retryable,
        error.failureReason,
      ],
    ).toEqual([200, "DP00800001010", false, "payer_not_found"]);
  });

  it("an unknown transaction (DP00800001025) reads as undefined", async () => {
    expect(await airtel.getPayment(randomUUID())).toBeUndefined();
  });

  it("reads expires_in sent as a string, and renews a revoked token once for many calls", async () => {
    await Promise.all(Array.from({ length: 10 }, () => airtel.getPayment(randomUUID())));
    expect(standIn.tokensIssued).toBe(1);
    standIn.revokeTokens();
    await Promise.all(Array.from({ length: 10 }, () => airtel.getPayment(randomUUID())));
    expect(standIn.tokensIssued).toBe(2);
  });

  it("refuses another currency than X-Currency before sending", async () => {
    await expect(airtel.requestPayment({ ...request(), currency: "EUR" })).rejects.toMatchObject({
      field: "request.currency",
    });
  });

  it("reads the transaction id of a callback; with a callback secret, ignores one whose hash does not match", () => {
    const transaction = { id: "abc", message: "Paid", status_code: "TS", airtel_money_id: "MP1" };
    expect(airtel.parseCallback({ transaction })).toBe("abc");
    const signed = new AirtelMoneyCollection({
      ...standIn.credentials,
      baseUrl: standIn.url,
      callbackSecret: "s3cret",
    });
    expect(signed.parseCallback({ transaction, hash: airtelCallbackHash(transaction, "s3cret") })).toBe("abc");
    expect(signed.parseCallback({ transaction, hash: airtelCallbackHash(transaction, "guess") })).toBeUndefined();
    expect(signed.parseCallback({ transaction })).toBeUndefined();
    expect(airtel.parseCallback("{")).toBeUndefined();
  });

  it("checks the hash as Airtel's documentation signs it: base64 HmacSHA256 of the body without hash, keyed by the private key as text", () => {
    // The documented sample callback, as its Java example serialises it.
    const raw =
      '{"transaction":{"id":"BBZMiscxy","message":"Paid XAF 5,000 to TECHNOLOGIES LIMITED Charge XAF 140, Trans ID MP210603.1234.L06941.","status_code":"TS","airtel_money_id":"MP210603.1234.L06941"}}';
    const key = "zITVAAGYSlzl1WkUQJn81kbpT5drH3koffT8jCkcJJA=";
    const hash = createHmac("sha256", key).update(raw).digest("base64");
    const signed = new AirtelMoneyCollection({ ...standIn.credentials, baseUrl: standIn.url, callbackSecret: key });
    const body = { ...(JSON.parse(raw) as object), hash };
    expect(signed.parseCallback(body)).toBe("BBZMiscxy");
    expect(signed.parseCallback(JSON.stringify(body))).toBe("BBZMiscxy");
    // The transaction object alone is not what Airtel signs.
    const { transaction } = JSON.parse(raw) as { transaction: unknown };
    const inner = createHmac("sha256", key).update(JSON.stringify(transaction)).digest("base64");
    expect(signed.parseCallback({ transaction, hash: inner })).toBeUndefined();
  });

  it("a reused transaction id is refused with ESB000041 (not a payment failure), and nothing is charged twice", async () => {
    const req = request();
    await airtel.requestPayment(req);
    const again = await airtel.requestPayment(req).catch((e: unknown) => e);
    expect(
      PaymentsProviderError.isInstance(again) && [again.providerCode, again.retryable, again.failureReason],
    ).toEqual(["ESB000041", false, undefined]);
    expect(await finalOf(req.id)).toMatchObject({ status: "succeeded" });
    expect(standIn.debits).toHaveLength(1);
  });
});
