import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PaymentsAbortError, PaymentsProviderError, PaymentsTimeoutError, PaymentsValidationError } from "../errors.js";
import { type MtnMomoStandIn, startMtnMomoStandIn } from "../testing/mtn-stand-in.js";
import { MtnMomoCollection } from "./mtn-momo-collection.js";

let standIn: MtnMomoStandIn;
let mtn: MtnMomoCollection;

beforeEach(async () => {
  standIn = await startMtnMomoStandIn();
  mtn = new MtnMomoCollection({
    ...standIn.credentials,
    baseUrl: standIn.url,
    callbackUrl: "https://shop.example/momo",
    timeoutMs: 1000,
  });
});
afterEach(() => standIn.close());

const request = (payer: string, extra: Partial<{ amount: number; externalId: string }> = {}) => ({
  id: randomUUID(),
  amount: 15,
  payer,
  description: "Commande 42",
  ...extra,
});

async function finalOf(id: string) {
  let payment = await mtn.getPayment(id);
  while (payment?.status === "pending") {
    await new Promise((r) => setTimeout(r, 5));
    payment = await mtn.getPayment(id);
  }
  return payment;
}

describe("MtnMomoCollection options", () => {
  it("names the missing or wrong field", () => {
    const bad = { ...standIn.credentials, subscriptionKey: "" };
    expect(() => new MtnMomoCollection(bad)).toThrow(PaymentsValidationError);
    try {
      new MtnMomoCollection({ ...standIn.credentials, baseUrl: "ftp://x" });
    } catch (error) {
      expect(PaymentsValidationError.isInstance(error) && error.field).toBe("options.baseUrl");
    }
  });

  it("never puts the keys in an error message", () => {
    try {
      new MtnMomoCollection({ ...standIn.credentials, targetEnvironment: "Not Valid" });
      expect.unreachable();
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify(error)}`;
      expect(text).not.toContain(standIn.credentials.apiKey);
      expect(text).not.toContain(standIn.credentials.subscriptionKey);
    }
  });
});

describe("MtnMomoCollection against the stand-in", () => {
  it("sends what MTN documents: headers, amount as a string, 242 MSISDN, Content-Length 0 on the token POST", async () => {
    const req = request("06 123 45 67", { externalId: "order-42" });
    await mtn.requestPayment(req);
    const token = standIn.requests.find((r) => r.path === "/collection/token/");
    expect(token?.headers["content-length"]).toBe("0");
    const post = standIn.requests.find((r) => r.path === "/collection/v1_0/requesttopay");
    expect(post?.headers["x-reference-id"]).toBe(req.id);
    expect(post?.headers["x-target-environment"]).toBe("sandbox");
    expect(post?.headers["ocp-apim-subscription-key"]).toBe(standIn.credentials.subscriptionKey);
    expect(post?.headers["x-callback-url"]).toBe(`https://shop.example/momo?referenceId=${req.id}`);
    expect(JSON.parse(post?.body ?? "{}")).toEqual({
      amount: "15",
      currency: "EUR",
      externalId: "order-42",
      payer: { partyIdType: "MSISDN", partyId: "242061234567" },
      payerMessage: "Commande 42",
      payeeNote: "Commande 42",
    });
    expect(await finalOf(req.id)).toMatchObject({
      id: req.id,
      status: "succeeded",
      amount: 15,
      currency: "EUR",
      externalId: "order-42",
    });
  });

  it.each([
    ["46733123450", "unknown", "INTERNAL_PROCESSING_ERROR"],
    ["46733123451", "rejected", "APPROVAL_REJECTED"],
    ["46733123452", "expired", "EXPIRED"],
    ["46733123455", "payer_not_found", "PAYER_NOT_FOUND"],
  ])("sandbox number %s fails as %s", async (payer, reason, providerReason) => {
    const req = request(payer);
    await mtn.requestPayment(req);
    expect(await finalOf(req.id)).toMatchObject({ status: "failed", reason, providerReason });
  });

  it("keeps the ongoing number (46733123453) pending after a payment sent with it has settled", async () => {
    const ongoing = request("46733123453");
    const normal = request("06 123 45 67");
    await mtn.requestPayment(ongoing);
    await mtn.requestPayment(normal);
    expect(await finalOf(normal.id)).toMatchObject({ status: "succeeded" });
    expect(await mtn.getPayment(ongoing.id)).toMatchObject({ status: "pending" });
  });

  it("a reused reference id is refused with 409 RESOURCE_ALREADY_EXIST, and nothing is charged twice", async () => {
    const req = request("06 123 45 67");
    await mtn.requestPayment(req);
    const again = await mtn.requestPayment(req).catch((e: unknown) => e);
    expect(PaymentsProviderError.isInstance(again) && [again.status, again.providerCode, again.retryable]).toEqual([
      409,
      "RESOURCE_ALREADY_EXIST",
      false,
    ]);
    await finalOf(req.id);
    expect(standIn.debits).toHaveLength(1);
  });

  it("an unknown id reads as undefined (404 RESOURCE_NOT_FOUND)", async () => {
    expect(await mtn.getPayment(randomUUID())).toBeUndefined();
  });

  it("validates before any request, naming the field", async () => {
    await expect(mtn.requestPayment({ ...request("06 123 45 67"), id: "order-42" })).rejects.toMatchObject({
      field: "request.id",
    });
    await expect(mtn.requestPayment({ ...request("06 123 45 67"), description: " " })).rejects.toMatchObject({
      field: "request.description",
    });
    await expect(
      mtn.requestPayment({ ...request("06 123 45 67"), amount: 7500.5, currency: "XAF" }),
    ).rejects.toMatchObject({ field: "request.amount" });
    expect(standIn.requests).toHaveLength(0);
  });

  it("one token for many concurrent calls, one more after the provider revokes it", async () => {
    await Promise.all(Array.from({ length: 20 }, () => mtn.getPayment(randomUUID())));
    expect(standIn.tokensIssued).toBe(1);
    standIn.revokeTokens();
    await Promise.all(Array.from({ length: 20 }, () => mtn.getPayment(randomUUID())));
    expect(standIn.tokensIssued).toBe(2);
  });

  it("a hung gateway is a PaymentsTimeoutError, a 500 a retryable PaymentsProviderError", async () => {
    standIn.setFault("request", { kind: "hang" });
    await expect(mtn.requestPayment(request("06 123 45 67"))).rejects.toSatisfy(PaymentsTimeoutError.isInstance);
    standIn.setFault("status", { kind: "error", status: 500 });
    const error = await mtn.getPayment(randomUUID()).catch((e: unknown) => e);
    expect(PaymentsProviderError.isInstance(error) && [error.status, error.retryable]).toEqual([500, true]);
  });

  it("the caller's signal firing is a PaymentsAbortError carrying its reason, in flight or before the call", async () => {
    standIn.setFault("request", { kind: "hang" });
    const controller = new AbortController();
    const pending = mtn.requestPayment(request("06 123 45 67"), { signal: controller.signal }).catch((e: unknown) => e);
    while (!standIn.requests.some((r) => r.path === "/collection/v1_0/requesttopay")) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const reason = new Error("shutting down");
    controller.abort(reason);
    const error = await pending;
    expect(PaymentsAbortError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "PAYMENTS_ABORTED",
      provider: "mtn",
      operation: "requestPayment",
      retryable: false,
      cause: reason,
    });
    const before = await mtn.getPayment(randomUUID(), { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(PaymentsAbortError.isInstance(before) && before.operation).toBe("getPayment");
  });

  it("wrong credentials fail the token with 401 and the key stays out of the error", async () => {
    const wrong = new MtnMomoCollection({ ...standIn.credentials, apiKey: "not-the-key", baseUrl: standIn.url });
    const error = await wrong.getPayment(randomUUID()).catch((e: unknown) => e);
    expect(PaymentsProviderError.isInstance(error) && error.status).toBe(401);
    expect(String((error as Error).message)).not.toContain("not-the-key");
  });

  it("MTN Congo's combined low-balance-or-limit-or-ban reason reads as declined_unspecified, not insufficient_funds", async () => {
    const congo = await startMtnMomoStandIn({ targetEnvironment: "mtncongo", phone: () => "insufficient_funds" });
    try {
      const client = new MtnMomoCollection({ ...congo.credentials, baseUrl: congo.url });
      expect(client.currency).toBe("XAF");
      const req = { ...request("06 123 45 67"), amount: 7500 };
      await client.requestPayment(req);
      let payment = await client.getPayment(req.id);
      while (payment?.status === "pending") payment = await client.getPayment(req.id);
      expect(payment).toMatchObject({
        status: "failed",
        reason: "declined_unspecified",
        providerReason: "LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED",
      });
    } finally {
      await congo.close();
    }
  });

  it("reads the id of a callback from the URL it set, else from the body, and never throws", () => {
    expect(mtn.parseCallback({ status: "SUCCESSFUL" }, "/momo?referenceId=abc")).toBe("abc");
    expect(mtn.parseCallback('{"referenceId":"def"}')).toBe("def");
    expect(mtn.parseCallback("not json", "%%%")).toBeUndefined();
    expect(mtn.parseCallback(null)).toBeUndefined();
  });
});
