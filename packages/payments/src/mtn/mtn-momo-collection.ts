import { amountString, parseAmount } from "../core/request-schema.js";
import type { CallOptions, PaymentProvider, PaymentRequest, PaymentStatus, ProviderPayment } from "../core/types.js";
import type { PaymentsProviderError } from "../errors.js";
import { field, type ProviderAnswer, parseJson, text } from "../http/call.js";
import { ProviderCollection } from "../http/provider-collection.js";
import { answerError, unreadableAnswer } from "../http/provider-errors.js";
import type { ProviderHttp } from "../http/provider-http.js";
import { mtnMsisdn } from "../phone/operator.js";
import { type MtnMomoCollectionOptions, type ResolvedMtnOptions, resolveMtnOptions } from "./options.js";
import { mtnFailureReason, mtnReasonCode } from "./reasons.js";

const PROVIDER = "mtn";

/**
 * MTN MoMo Collection (Open API): asks a payer to approve a payment on their phone (`requesttopay`) and reads
 * its outcome. One access token is shared by every call and renewed before it expires.
 * @example
 * const mtn = new MtnMomoCollection({ subscriptionKey, apiUser, apiKey, targetEnvironment: "mtncongo" });
 * const id = crypto.randomUUID(); // store it with the order first
 * await mtn.requestPayment({ id, amount: 7500, payer: "06 123 45 67", description: "Commande 42" });
 * const payment = await mtn.getPayment(id); // { status: "pending" | "succeeded" | "failed", reason? }
 */
export class MtnMomoCollection extends ProviderCollection<ResolvedMtnOptions> implements PaymentProvider {
  readonly operator = "mtn" as const;
  /** MTN's status answer carries the amount and currency it debits: a success without them is not paid. */
  readonly reports = ["amount", "currency"] as const;
  readonly #basic: string;

  constructor(options: MtnMomoCollectionOptions) {
    super(PROVIDER, resolveMtnOptions(options));
    this.#basic = `Basic ${Buffer.from(`${this.options.apiUser}:${this.options.apiKey}`).toString("base64")}`;
  }

  async requestPayment(request: PaymentRequest, options: CallOptions = {}): Promise<void> {
    const { request: req, msisdn: partyId } = this.checkedRequest(
      request,
      mtnMsisdn,
      "must be a phone number (e.g. 06 123 45 67)",
    );
    const body = JSON.stringify({
      amount: amountString(req.amount),
      currency: req.currency ?? this.options.currency,
      externalId: req.externalId ?? req.id,
      payer: { partyIdType: "MSISDN", partyId },
      payerMessage: req.description,
      payeeNote: req.description,
    });
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-reference-id": req.id,
      "x-target-environment": this.options.targetEnvironment,
      "ocp-apim-subscription-key": this.options.subscriptionKey,
    };
    if (this.options.callbackUrl !== undefined) {
      const url = new URL(this.options.callbackUrl);
      url.searchParams.set("referenceId", req.id);
      headers["x-callback-url"] = url.toString();
    }
    const answer = await this.http.authorized({
      operation: "requestPayment",
      method: "POST",
      path: "/collection/v1_0/requesttopay",
      headers,
      body,
      signal: options.signal,
    });
    if (answer.status !== 202) throw errorOf(answer, "requestPayment");
  }

  async getPayment(id: string, options: CallOptions = {}): Promise<ProviderPayment | undefined> {
    const answer = await this.http.authorized({
      operation: "getPayment",
      method: "GET",
      path: `/collection/v1_0/requesttopay/${encodeURIComponent(id)}`,
      headers: {
        "x-target-environment": this.options.targetEnvironment,
        "ocp-apim-subscription-key": this.options.subscriptionKey,
      },
      signal: options.signal,
    });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw errorOf(answer, "getPayment");
    return readPayment(id, parseJson(answer.text));
  }

  parseCallback(body: unknown, url?: string): string | undefined {
    if (url !== undefined) {
      try {
        const fromUrl = new URL(url, "http://callback.invalid").searchParams.get("referenceId");
        if (fromUrl) return fromUrl;
      } catch {
        // An unreadable URL is just no hint; the body may still carry one.
      }
    }
    const parsed = typeof body === "string" ? parseJson(body) : body;
    return text(field(parsed, "referenceId"));
  }

  protected async fetchToken(http: ProviderHttp): Promise<{ token: string; expiresInSec: number }> {
    const answer = await http.send({
      operation: "token",
      method: "POST",
      path: "/collection/token/",
      // A POST without a body still needs Content-Length: 0, or MTN's gateway answers 411.
      headers: {
        authorization: this.#basic,
        "ocp-apim-subscription-key": this.options.subscriptionKey,
        "content-length": "0",
      },
    });
    return this.tokenOf(answer, errorOf);
  }
}

function readPayment(id: string, json: unknown): ProviderPayment {
  const raw = text(field(json, "status"));
  if (raw === undefined) throw badResponse("getPayment", "no status");
  const status: PaymentStatus = raw === "SUCCESSFUL" ? "succeeded" : raw === "FAILED" ? "failed" : "pending";
  const payment: ProviderPayment = { id, status };
  const transactionId = text(field(json, "financialTransactionId"));
  if (transactionId !== undefined) payment.providerTransactionId = transactionId;
  const amount = parseAmount(field(json, "amount"));
  if (amount !== undefined) payment.amount = amount;
  const currency = text(field(json, "currency"));
  if (currency !== undefined) payment.currency = currency;
  const externalId = text(field(json, "externalId"));
  if (externalId !== undefined) payment.externalId = externalId;
  if (status === "failed") {
    const code = mtnReasonCode(field(json, "reason"));
    payment.reason = mtnFailureReason(code);
    if (code !== undefined) payment.providerReason = code;
  }
  return payment;
}

function errorOf(answer: ProviderAnswer, operation: string): PaymentsProviderError {
  const json = parseJson(answer.text);
  const code = text(field(json, "code")) ?? `HTTP_${answer.status}`;
  const message = text(field(json, "message")) ?? "no message";
  return answerError(PROVIDER, answer, operation, code, message);
}

function badResponse(operation: string, what: string): PaymentsProviderError {
  return unreadableAnswer(PROVIDER, operation, what);
}
