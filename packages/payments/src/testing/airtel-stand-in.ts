import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { airtelCallbackHash } from "../airtel/callback-hash.js";
import { header, jsonBody, type RecordedRequest, sendJson, startLoopback } from "./http-server.js";
import type { CallbackMode, SimulatedPhone } from "./knobs.js";
import { Ledger, type SimulatedPayment } from "./ledger.js";
import { type StandInControls, StandInKit } from "./stand-in-kit.js";

/** Options of {@link startAirtelMoneyStandIn}. */
export interface AirtelMoneyStandInOptions {
  /** `X-Country` it serves. Default `"CG"`. */
  country?: string;
  /** `X-Currency` it serves. Default `"XAF"`. */
  currency?: string;
  /** Token lifetime announced in `expires_in` (a string, as Airtel sends it), in seconds. Default 180. */
  tokenLifetimeSec?: number;
  /** An unanswered prompt expires (`TE`) after this many ms. Default 60000. */
  expireAfterMs?: number;
  /** The payer's phone. Default: accepts. */
  phone?: SimulatedPhone;
  /** Where final payments are called back (Airtel configures it per application). */
  callbackUrl?: string;
  /** When set, callbacks carry a `hash` signed with it, as with Airtel's callback authentication. */
  callbackSecret?: string;
  /** Callbacks per final payment. Default `"once"`. */
  callbacks?: CallbackMode;
  /** Numbers without an Airtel Money wallet (as sent, without country code): the request is refused. */
  unknownNumbers?: readonly string[];
  /** How the status enquiry answers; see {@link AirtelEnquiryMode}. Default `"consistent"`. */
  enquiry?: AirtelEnquiryMode;
}

/**
 * How the stand-in's status enquiry answers, for the cases Airtel's documentation shows:
 * - `consistent` — `TIP` while pending, `status.success` agreeing with the transaction;
 * - `ambiguous` — `TA` (ambiguous) while pending, as when Airtel itself does not know the outcome yet;
 * - `contradictory` — the envelope says the opposite of the transaction (`success: false` with `TS`,
 *   `success: true` with `TF`), as Airtel's own samples do: only `data.transaction.status` may be read.
 */
export type AirtelEnquiryMode = "consistent" | "ambiguous" | "contradictory";

/** A running Airtel Money collection stand-in. */
export interface AirtelMoneyStandIn extends StandInControls {
  /** What to spread into `AirtelMoneyCollection`'s options. */
  readonly credentials: { clientId: string; clientSecret: string; country: string; currency: string };
  /** Changes how the status enquiry answers from now on. */
  setEnquiry(mode: AirtelEnquiryMode): void;
}

const OK_STATUS = { code: "200", message: "SUCCESS", result_code: "ESB000010", success: true };

/** Airtel's response codes for a failed (`TF`) collection. */
const TF_CODES: Record<string, { code: string; message: string }> = {
  refuse: { code: "DP00800001008", message: "The transaction was refused." },
  insufficient_funds: {
    code: "DP00800001007",
    message: "User wallet does not have enough money to cover the payable amount.",
  },
  limit_reached: { code: "DP00800001003", message: "The User has exceeded their wallet allowed transaction limit." },
  not_allowed: {
    code: "DP00800001004",
    message: "The amount User is trying to transfer is less than the minimum amount allowed.",
  },
  payer_not_found: { code: "DP00800001010", message: "Payee is not registered on Airtel Money platform." },
  failed: { code: "DP00800001009", message: "This is a generic refusal that has several possible causes." },
};

/**
 * Starts a loopback stand-in of Airtel Money's collection API, faithful to its documented behaviour: OAuth2
 * client-credentials token with `expires_in` as a string, `POST /merchant/v1/payments/` (msisdn without
 * country code, `X-Country`/`X-Currency` checked), business failures as HTTP 200 with `status.success: false`,
 * `GET /standard/v1/payments/{id}` with `TS | TF | TE | TIP | TA`, callbacks with an optional HMAC `hash`, sent
 * once, twice or never, and faults on demand.
 */
export async function startAirtelMoneyStandIn(options: AirtelMoneyStandInOptions = {}): Promise<AirtelMoneyStandIn> {
  const country = options.country ?? "CG";
  const currency = options.currency ?? "XAF";
  const credentials = { clientId: randomUUID(), clientSecret: randomUUID(), country, currency };
  const unknown = new Set(options.unknownNumbers ?? []);
  const kit = new StandInKit(options);
  let enquiryMode: AirtelEnquiryMode = options.enquiry ?? "consistent";
  const ledger = new Ledger("MP", (payment) => {
    const transaction = {
      id: payment.id,
      message: payment.state === "succeeded" ? `Paid ${currency} ${payment.amount}` : failureMessage(payment),
      status_code: payment.state === "succeeded" ? "TS" : "TF",
      airtel_money_id: payment.transactionId ?? "",
    };
    const body =
      options.callbackSecret === undefined
        ? { transaction }
        : { transaction, hash: airtelCallbackHash(transaction, options.callbackSecret) };
    kit.sendCallbacks(options.callbackUrl, "POST", body);
  });

  function authorized(req: RecordedRequest, res: ServerResponse): boolean {
    if (!kit.hasLiveToken(req)) {
      sendJson(res, 401, { error: "invalid_token", error_description: "Access token expired or invalid" });
      return false;
    }
    if (header(req, "x-country") !== country || header(req, "x-currency") !== currency) {
      sendJson(res, 200, {
        status: {
          code: "400",
          message: "Invalid X-Country or X-Currency",
          result_code: "ESB000008",
          response_code: "DP00800001000",
          success: false,
        },
      });
      return false;
    }
    return true;
  }

  async function token(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = jsonBody(req) as Record<string, unknown> | undefined;
    if (
      body?.client_id !== credentials.clientId ||
      body?.client_secret !== credentials.clientSecret ||
      body?.grant_type !== "client_credentials"
    ) {
      sendJson(res, 401, { error: "invalid_client", error_description: "Client authentication failed" });
      return;
    }
    const lifetime = options.tokenLifetimeSec ?? 180;
    sendJson(res, 200, { access_token: kit.issueToken(lifetime), expires_in: String(lifetime), token_type: "bearer" });
  }

  async function pay(req: RecordedRequest, res: ServerResponse): Promise<undefined | "hang"> {
    if (!authorized(req, res)) return;
    const body = jsonBody(req) as Record<string, unknown> | undefined;
    const transaction = body?.transaction as Record<string, unknown> | undefined;
    const subscriber = body?.subscriber as Record<string, unknown> | undefined;
    const id = typeof transaction?.id === "string" ? transaction.id : "";
    const amount = typeof transaction?.amount === "number" ? transaction.amount : NaN;
    const msisdn = typeof subscriber?.msisdn === "string" ? subscriber.msisdn : "";
    if (id === "" || !(amount > 0) || !/^\d{8,10}$/.test(msisdn)) {
      // Airtel rejects a msisdn with its country code or a malformed body inside a 200.
      sendJson(res, 200, {
        data: {},
        status: {
          code: "400",
          message: "Invalid request: msisdn without country code, amount and transaction.id required",
          result_code: "ESB000001",
          response_code: "DP00800001000",
          success: false,
        },
      });
      return;
    }
    if (unknown.has(msisdn)) {
      sendJson(res, 200, {
        data: {},
        status: {
          code: "200",
          message: TF_CODES.payer_not_found?.message,
          result_code: "ESB000014",
          response_code: "DP00800001010",
          success: false,
        },
      });
      return;
    }
    const message = typeof body?.reference === "string" ? body.reference : "";
    return kit.answerRequest(
      ledger,
      res,
      id,
      () =>
        ledger.open(
          { id, msisdn, amount, currency, externalId: id, message, state: "pending" },
          () => kit.phone({ id, msisdn, amount, currency, message }),
          options.expireAfterMs ?? 60_000,
        ),
      {
        duplicate: () =>
          sendJson(res, 200, {
            data: {},
            status: {
              code: "400",
              // Airtel's ESB table: "External Transaction ID already exists."
              message: "External Transaction ID already exists.",
              result_code: "ESB000041",
              response_code: "DP00800001000",
              success: false,
            },
          }),
        accepted: () =>
          sendJson(res, 200, {
            data: { transaction: { id, status: "Success." } },
            status: { ...OK_STATUS, response_code: "DP00800001006", message: "Success." },
          }),
      },
    );
  }

  async function enquiry(req: RecordedRequest, res: ServerResponse, id: string): Promise<undefined | "hang"> {
    if (!authorized(req, res)) return;
    return kit.answerStatus(ledger, res, id, (payment) => {
      if (payment === undefined) {
        sendJson(res, 200, {
          data: {},
          status: {
            code: "404",
            message: "Transaction Not Found",
            result_code: "ESB000010",
            response_code: "DP00800001025",
            success: false,
          },
        });
        return;
      }
      const state =
        payment.state === "succeeded"
          ? "TS"
          : payment.state === "pending"
            ? enquiryMode === "ambiguous"
              ? "TA"
              : "TIP"
            : payment.failure === "expired"
              ? "TE"
              : "TF";
      const code =
        state === "TS"
          ? "DP00800001001"
          : state === "TIP" || state === "TA"
            ? "DP00800001006"
            : state === "TE"
              ? "DP00800001029"
              : (TF_CODES[payment.failure ?? "failed"]?.code ?? "DP00800001009");
      sendJson(res, 200, {
        data: {
          transaction: {
            airtel_money_id: payment.transactionId ?? "",
            id,
            message: state === "TF" ? failureMessage(payment) : state,
            status: state,
          },
        },
        // Airtel's samples disagree with themselves: the envelope may say the opposite of the transaction.
        status:
          enquiryMode === "contradictory" && (state === "TS" || state === "TF")
            ? {
                ...OK_STATUS,
                response_code: code,
                success: state !== "TS",
                message: state === "TS" ? "FAILED" : "SUCCESS",
              }
            : { ...OK_STATUS, response_code: code },
      });
    });
  }

  const server = await startLoopback(async (req, res) => {
    const path = req.path.split("?")[0] ?? "";
    if (req.method === "POST" && path === "/auth/oauth2/token") return kit.answerToken(res, () => token(req, res));
    if (req.method === "POST" && path === "/merchant/v1/payments/") return pay(req, res);
    const match = /^\/standard\/v1\/payments\/([^/]+)$/.exec(path);
    if (req.method === "GET" && match?.[1] !== undefined) return enquiry(req, res, decodeURIComponent(match[1]));
    sendJson(res, 404, { status: { code: "404", message: "Not Found", success: false } });
  });

  return kit.controls(server, ledger, {
    credentials,
    setEnquiry: (mode: AirtelEnquiryMode) => {
      enquiryMode = mode;
    },
  });
}

function failureMessage(payment: SimulatedPayment): string {
  if (payment.failure === "expired") return "Transaction has been expired.";
  return TF_CODES[payment.failure ?? "failed"]?.message ?? "Transaction failed.";
}
