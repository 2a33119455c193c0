import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { header, jsonBody, type RecordedRequest, sendJson, startLoopback } from "./http-server.js";
import type { CallbackMode, PhoneAnswer, SimulatedPhone } from "./knobs.js";
import { type Decision, Ledger, type SimulatedPayment } from "./ledger.js";
import { type StandInControls, StandInKit } from "./stand-in-kit.js";

/** Options of {@link startMtnMomoStandIn}. */
export interface MtnMomoStandInOptions {
  /** `X-Target-Environment` it accepts. Default `"sandbox"`. */
  targetEnvironment?: string;
  /** The one currency it accepts. Default `EUR` in the sandbox (as MTN's), `XAF` otherwise. */
  currency?: string;
  /** Token lifetime announced in `expires_in`, in seconds. Default 3600 (MTN's). */
  tokenLifetimeSec?: number;
  /** An unanswered prompt expires after this many ms. Default 60000. */
  expireAfterMs?: number;
  /** How long the sandbox's "delayed" number (46733123454) stays pending before it succeeds. Default 30000. */
  delayedMs?: number;
  /** The payer's phone for numbers that are not sandbox test numbers. Default: accepts. */
  phone?: SimulatedPhone;
  /** Callbacks per final payment. Default `"once"`. */
  callbacks?: CallbackMode;
}

/** A running MTN MoMo Collection stand-in. */
export interface MtnMomoStandIn extends StandInControls {
  /** Credentials it accepts, ready to spread into `MtnMomoCollection`'s options. */
  readonly credentials: { subscriptionKey: string; apiUser: string; apiKey: string; targetEnvironment: string };
}

/** MTN's sandbox test numbers and what each does to a request to pay (any other number succeeds). */
const SANDBOX_NUMBERS: Readonly<Record<string, Decision | "delayed">> = {
  "46733123450": "failed",
  "46733123451": "refuse",
  "46733123452": "expired",
  "46733123453": "ongoing",
  "46733123454": "delayed",
  "46733123455": "payer_not_found",
};

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Starts a loopback stand-in of MTN MoMo's Collection API, faithful to its documented behaviour: Basic-auth
 * token (`POST /collection/token/`, `Content-Length` required), `requesttopay` answering 202, 409
 * `RESOURCE_ALREADY_EXIST` for a reused reference id, 400 for a non-UUID reference or another currency,
 * status `PENDING | SUCCESSFUL | FAILED` with MTN's reasons, 404 `RESOURCE_NOT_FOUND`, the sandbox test
 * numbers, callbacks (PUT to `X-Callback-Url`) sent once, twice or never, and faults on demand.
 */
export async function startMtnMomoStandIn(options: MtnMomoStandInOptions = {}): Promise<MtnMomoStandIn> {
  const targetEnvironment = options.targetEnvironment ?? "sandbox";
  const sandbox = targetEnvironment === "sandbox";
  const currency = options.currency ?? (sandbox ? "EUR" : "XAF");
  const credentials = {
    subscriptionKey: randomUUID().replaceAll("-", ""),
    apiUser: randomUUID(),
    apiKey: randomUUID().replaceAll("-", ""),
    targetEnvironment,
  };
  const basic = `Basic ${Buffer.from(`${credentials.apiUser}:${credentials.apiKey}`).toString("base64")}`;
  const callbackUrls = new Map<string, string>();
  const kit = new StandInKit(options);
  const ledger = new Ledger("MTN", (payment) =>
    kit.sendCallbacks(callbackUrls.get(payment.id), "PUT", statusBody(payment)),
  );

  function authorized(req: RecordedRequest, res: ServerResponse): boolean {
    if (header(req, "ocp-apim-subscription-key") !== credentials.subscriptionKey) {
      sendJson(res, 401, {
        statusCode: 401,
        message:
          "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.",
      });
      return false;
    }
    if (!kit.hasLiveToken(req)) {
      sendJson(res, 401, { code: "NOT_AUTHORIZED", message: "Access token expired or invalid." });
      return false;
    }
    if (header(req, "x-target-environment") !== targetEnvironment) {
      sendJson(res, 400, {
        code: "NOT_ALLOWED_TARGET_ENVIRONMENT",
        message: "Access to target environment is forbidden.",
      });
      return false;
    }
    return true;
  }

  async function token(req: RecordedRequest, res: ServerResponse): Promise<void> {
    if (header(req, "content-length") === undefined) {
      sendJson(res, 411, { message: "Length Required" });
      return;
    }
    if (
      header(req, "ocp-apim-subscription-key") !== credentials.subscriptionKey ||
      header(req, "authorization") !== basic
    ) {
      sendJson(res, 401, { error: "login_failed", message: "Login failed" });
      return;
    }
    const lifetime = options.tokenLifetimeSec ?? 3600;
    sendJson(res, 200, { access_token: kit.issueToken(lifetime), token_type: "access_token", expires_in: lifetime });
  }

  async function requestToPay(req: RecordedRequest, res: ServerResponse): Promise<undefined | "hang"> {
    if (!authorized(req, res)) return;
    const id = header(req, "x-reference-id") ?? "";
    if (!UUID_V4.test(id)) {
      sendJson(res, 400, { code: "INVALID_REFERENCE_ID", message: "X-Reference-Id must be a UUID v4." });
      return;
    }
    const body = jsonBody(req) as Record<string, unknown> | undefined;
    const payer = body?.payer as Record<string, unknown> | undefined;
    const amount =
      typeof body?.amount === "string" && /^\d+(\.\d{1,2})?$/.test(body.amount) ? Number(body.amount) : NaN;
    const msisdn = typeof payer?.partyId === "string" ? payer.partyId : "";
    const message = typeof body?.payerMessage === "string" ? body.payerMessage : "";
    const note = typeof body?.payeeNote === "string" ? body.payeeNote : "";
    if (!Number.isFinite(amount) || amount <= 0 || payer?.partyIdType !== "MSISDN" || !/^\d{8,15}$/.test(msisdn)) {
      sendJson(res, 400, {
        code: "VALIDATION_ERROR",
        message: "amount must be a positive decimal string; payer must be an MSISDN.",
      });
      return;
    }
    if (!sandbox && (message.trim() === "" || note.trim() === "")) {
      sendJson(res, 400, { code: "VALIDATION_ERROR", message: "payerMessage and payeeNote must not be empty." });
      return;
    }
    if (body?.currency !== currency) {
      sendJson(res, 500, { code: "INVALID_CURRENCY", message: "Currency not supported." });
      return;
    }
    const open = (): void => {
      const callbackUrl = header(req, "x-callback-url");
      if (callbackUrl !== undefined) callbackUrls.set(id, callbackUrl);
      const payment: SimulatedPayment = {
        id,
        msisdn,
        amount,
        currency,
        externalId: typeof body?.externalId === "string" ? body.externalId : "",
        message,
        state: "pending",
      };
      const fixed = sandbox ? SANDBOX_NUMBERS[msisdn] : undefined;
      const delayedMs = options.delayedMs ?? 30_000;
      ledger.open(
        payment,
        () =>
          fixed === "delayed"
            ? { delayMs: delayedMs }
            : (fixed ?? kit.phone({ id, msisdn, amount, currency, message })),
        options.expireAfterMs ?? 60_000,
      );
    };
    return kit.answerRequest(ledger, res, id, open, {
      duplicate: () =>
        sendJson(res, 409, {
          code: "RESOURCE_ALREADY_EXIST",
          message: "Duplicated reference id. Creation of resource failed.",
        }),
      accepted: () => sendJson(res, 202),
    });
  }

  async function status(req: RecordedRequest, res: ServerResponse, id: string): Promise<undefined | "hang"> {
    if (!authorized(req, res)) return;
    return kit.answerStatus(ledger, res, id, (payment) => {
      if (payment === undefined)
        sendJson(res, 404, { code: "RESOURCE_NOT_FOUND", message: "Requested resource was not found." });
      else sendJson(res, 200, statusBody(payment));
    });
  }

  function statusBody(payment: SimulatedPayment): Record<string, unknown> {
    const body: Record<string, unknown> = {
      amount: String(payment.amount),
      currency: payment.currency,
      externalId: payment.externalId,
      payer: { partyIdType: "MSISDN", partyId: payment.msisdn },
      payerMessage: payment.message,
      payeeNote: payment.message,
      status: payment.state === "succeeded" ? "SUCCESSFUL" : payment.state === "failed" ? "FAILED" : "PENDING",
    };
    if (payment.transactionId !== undefined) body.financialTransactionId = payment.transactionId;
    if (payment.state === "failed") body.reason = mtnReason(payment.failure, sandbox);
    return body;
  }

  const server = await startLoopback(async (req, res) => {
    const path = req.path.split("?")[0] ?? "";
    if (req.method === "POST" && path === "/collection/token/") {
      return kit.answerToken(res, () => token(req, res));
    }
    if (req.method === "POST" && path === "/collection/v1_0/requesttopay") return requestToPay(req, res);
    const match = /^\/collection\/v1_0\/requesttopay\/([^/]+)$/.exec(path);
    if (req.method === "GET" && match?.[1] !== undefined) return status(req, res, decodeURIComponent(match[1]));
    sendJson(res, 404, { code: "RESOURCE_NOT_FOUND", message: "Resource not found." });
  });

  return kit.controls(server, ledger, { credentials });
}

/** MTN's reason for a failure; MTN Congo reports a low balance with its own combined code. */
function mtnReason(failure: SimulatedPayment["failure"], sandbox: boolean): string {
  const reasons: Record<Exclude<PhoneAnswer, "accept" | "ignore"> | "expired" | "failed", string> = {
    refuse: "APPROVAL_REJECTED",
    expired: "EXPIRED",
    insufficient_funds: sandbox ? "NOT_ENOUGH_FUNDS" : "LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED",
    limit_reached: "PAYER_LIMIT_REACHED",
    not_allowed: "NOT_ALLOWED",
    payer_not_found: "PAYER_NOT_FOUND",
    failed: "INTERNAL_PROCESSING_ERROR",
  };
  return failure === undefined ? "INTERNAL_PROCESSING_ERROR" : reasons[failure];
}
