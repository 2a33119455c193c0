import type { z } from "zod";
import { paymentRequestSchema } from "../core/request-schema.js";
import type { PaymentRequest } from "../core/types.js";
import { type PaymentsProviderError, PaymentsValidationError } from "../errors.js";
import { validate } from "../validate.js";
import type { ProviderAnswer } from "./call.js";
import { unreadableAnswer } from "./provider-errors.js";
import { ProviderHttp, type ProviderHttpOptions } from "./provider-http.js";
import { readTokenAnswer } from "./token-answer.js";
import type { IssuedToken } from "./token-cache.js";

/** A payment request that passed {@link ProviderCollection.checkedRequest}, with the payer's number as the provider wants it. */
export interface CheckedRequest {
  request: z.output<typeof paymentRequestSchema>;
  msisdn: string;
}

/**
 * What the MTN and Airtel clients share: their resolved options (kept private: a getter, so a logged client
 * never shows its keys), the HTTP side with its token, the currency, and a request's first checks.
 */
export abstract class ProviderCollection<O extends ProviderHttpOptions & { currency: string }> {
  readonly #provider: string;
  readonly #options: O;
  readonly #http: ProviderHttp;

  protected constructor(provider: string, options: O) {
    this.#provider = provider;
    this.#options = options;
    this.#http = new ProviderHttp(provider, options, (http) => this.fetchToken(http));
  }

  /** The configured currency: Airtel's `X-Currency` for every payment, MTN's when a request names none. */
  get currency(): string {
    return this.#options.currency;
  }

  /** The resolved options. */
  protected get options(): O {
    return this.#options;
  }

  /** The HTTP side: time limit, base URL and access token. */
  protected get http(): ProviderHttp {
    return this.#http;
  }

  /** Asks the provider for an access token, through `http.send`. */
  protected abstract fetchToken(http: ProviderHttp): Promise<IssuedToken>;

  /**
   * The token in the answer to the token request: a status other than 200 is thrown as `errorOf` reads it,
   * an answer without `access_token`/`expires_in` as an unreadable answer.
   */
  protected tokenOf(
    answer: ProviderAnswer,
    errorOf: (answer: ProviderAnswer, operation: string) => PaymentsProviderError,
  ): IssuedToken {
    if (answer.status !== 200) throw errorOf(answer, "token");
    const read = readTokenAnswer(answer.text);
    if (read === undefined) throw unreadableAnswer(this.#provider, "token", "no access_token/expires_in");
    return read;
  }

  /**
   * Validates a request (errors name `request.<field>`) and reads its payer with `toMsisdn`; a number it
   * cannot read is a `PaymentsValidationError` on `request.payer` with `rule`.
   */
  protected checkedRequest(
    request: PaymentRequest,
    toMsisdn: (payer: string) => string | undefined,
    rule: string,
  ): CheckedRequest {
    const req = validate(paymentRequestSchema, request, "request");
    const msisdn = toMsisdn(req.payer);
    if (msisdn === undefined) throw new PaymentsValidationError([{ field: "request.payer", rule }]);
    return { request: req, msisdn };
  }
}
