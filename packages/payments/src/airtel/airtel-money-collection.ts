import type { CallOptions, PaymentProvider, PaymentRequest, ProviderPayment } from "../core/types.js";
import { PaymentsProviderError, PaymentsValidationError } from "../errors.js";
import { field, type ProviderAnswer, parseJson, text } from "../http/call.js";
import { ProviderCollection } from "../http/provider-collection.js";
import { answerError, unreadableAnswer } from "../http/provider-errors.js";
import type { ProviderHttp } from "../http/provider-http.js";
import { airtelMsisdn } from "../phone/operator.js";
import { verifyAirtelCallbackHash } from "./callback-hash.js";
import { AIRTEL_DUPLICATE_ID, AIRTEL_NOT_FOUND, airtelFailureReason } from "./codes.js";
import { type AirtelMoneyCollectionOptions, type ResolvedAirtelOptions, resolveAirtelOptions } from "./options.js";

const PROVIDER = "airtel";

/**
 * Airtel Money collection (USSD push): asks a payer to approve a payment with their PIN and reads its outcome.
 * Airtel answers business failures with HTTP 200 and `status.success: false`, and its documented samples
 * contradict themselves, so the outcome of a payment is read from `data.transaction.status` (`TS`, `TF`,
 * `TE`, `TA`, `TIP`) of the status enquiry only.
 * @example
 * const airtel = new AirtelMoneyCollection({ clientId, clientSecret, country: "CG", currency: "XAF" });
 * const id = crypto.randomUUID(); // store it with the order first
 * await airtel.requestPayment({ id, amount: 7500, payer: "05 123 45 67", description: "Commande 42" });
 * const payment = await airtel.getPayment(id);
 */
export class AirtelMoneyCollection extends ProviderCollection<ResolvedAirtelOptions> implements PaymentProvider {
  readonly operator = "airtel" as const;
  /** Airtel's enquiry reports no amount, currency or external id: only our own `transaction.id` ties it to the order. */
  readonly reports = [] as const;

  constructor(options: AirtelMoneyCollectionOptions) {
    super(PROVIDER, resolveAirtelOptions(options));
  }

  async requestPayment(request: PaymentRequest, options: CallOptions = {}): Promise<void> {
    const { request: req, msisdn } = this.checkedRequest(
      request,
      airtelMsisdn,
      "must be a phone number without country code (e.g. 05 123 45 67)",
    );
    const { country, currency } = this.options;
    if (req.currency !== undefined && req.currency !== currency) {
      throw new PaymentsValidationError([{ field: "request.currency", rule: `must be ${currency} (X-Currency)` }]);
    }
    const body = JSON.stringify({
      reference: req.description,
      subscriber: { country, currency, msisdn },
      transaction: { amount: req.amount, country, currency, id: req.id },
    });
    const answer = await this.http.authorized({
      operation: "requestPayment",
      method: "POST",
      path: "/merchant/v1/payments/",
      headers: { ...this.#headers(), "content-type": "application/json" },
      body,
      signal: options.signal,
    });
    if (answer.status !== 200) throw httpError(answer, "requestPayment");
    const json = parseJson(answer.text);
    // Accepted whenever Airtel reports a transaction status, whatever `success` says; refused only when it
    // reports none and says success: false (e.g. a number without a wallet).
    if (text(field(field(field(json, "data"), "transaction"), "status")) !== undefined) return;
    const status = field(json, "status");
    if (field(status, "success") === false) {
      if (text(field(status, "result_code")) === AIRTEL_DUPLICATE_ID) {
        // Not a refusal of the payment: Airtel already holds one with this id (an earlier attempt landed).
        throw new PaymentsProviderError({
          provider: PROVIDER,
          status: 200,
          providerCode: AIRTEL_DUPLICATE_ID,
          message: `requestPayment refused ${AIRTEL_DUPLICATE_ID}: the transaction id already exists`,
          retryable: false,
        });
      }
      const code = text(field(status, "response_code")) ?? text(field(status, "result_code")) ?? "UNKNOWN";
      throw new PaymentsProviderError({
        provider: PROVIDER,
        status: 200,
        providerCode: code,
        message: `requestPayment refused ${code}: ${(text(field(status, "message")) ?? "no message").slice(0, 200)}`,
        retryable: false,
        failureReason: airtelFailureReason(code),
      });
    }
    throw badResponse("requestPayment");
  }

  async getPayment(id: string, options: CallOptions = {}): Promise<ProviderPayment | undefined> {
    const answer = await this.http.authorized({
      operation: "getPayment",
      method: "GET",
      path: `/standard/v1/payments/${encodeURIComponent(id)}`,
      headers: this.#headers(),
      signal: options.signal,
    });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw httpError(answer, "getPayment");
    const json = parseJson(answer.text);
    const transaction = field(field(json, "data"), "transaction");
    const state = text(field(transaction, "status"));
    const code = text(field(field(json, "status"), "response_code"));
    if (state === undefined) {
      if (code === AIRTEL_NOT_FOUND) return undefined;
      throw badResponse("getPayment");
    }
    const payment: ProviderPayment = { id, status: "pending" };
    const moneyId = text(field(transaction, "airtel_money_id"));
    if (moneyId !== undefined) payment.providerTransactionId = moneyId;
    switch (state.toUpperCase()) {
      case "TS":
        payment.status = "succeeded";
        break;
      case "TF":
        payment.status = "failed";
        payment.reason = airtelFailureReason(code);
        payment.providerReason = code ?? "TF";
        break;
      case "TE":
        payment.status = "failed";
        payment.reason = "expired";
        payment.providerReason = "TE";
        break;
      default:
        // TIP (in progress), TA (ambiguous) and anything new: not final, ask again later.
        break;
    }
    return payment;
  }

  parseCallback(body: unknown): string | undefined {
    const parsed = typeof body === "string" ? parseJson(body) : body;
    const transaction = field(parsed, "transaction");
    const secret = this.options.callbackSecret;
    if (secret !== undefined && !verifyAirtelCallbackHash(transaction, field(parsed, "hash"), secret)) return undefined;
    return text(field(transaction, "id"));
  }

  #headers(): Record<string, string> {
    return { accept: "*/*", "x-country": this.options.country, "x-currency": this.options.currency };
  }

  protected async fetchToken(http: ProviderHttp): Promise<{ token: string; expiresInSec: number }> {
    const answer = await http.send({
      operation: "token",
      method: "POST",
      path: "/auth/oauth2/token",
      headers: { "content-type": "application/json", accept: "*/*" },
      body: JSON.stringify({
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        grant_type: "client_credentials",
      }),
    });
    return this.tokenOf(answer, httpError);
  }
}

function httpError(answer: ProviderAnswer, operation: string): PaymentsProviderError {
  const json = parseJson(answer.text);
  const status = field(json, "status");
  const code = text(field(status, "response_code")) ?? text(field(json, "error")) ?? `HTTP_${answer.status}`;
  const message = text(field(status, "message")) ?? text(field(json, "error_description")) ?? "no message";
  return answerError(PROVIDER, answer, operation, code, message);
}

function badResponse(operation: string): PaymentsProviderError {
  return unreadableAnswer(PROVIDER, operation);
}
