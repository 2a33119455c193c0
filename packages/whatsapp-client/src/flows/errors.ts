import { hasKind, WhatsAppError } from "../errors.js";

/** Codes of {@link FlowEndpointError}, each with the HTTP status Meta documents for it. */
export type FlowEndpointErrorCode =
  | "WHATSAPP_FLOW_INVALID_REQUEST"
  | "WHATSAPP_FLOW_DECRYPT_FAILED"
  | "WHATSAPP_FLOW_TOKEN_INVALID"
  | "WHATSAPP_FLOW_SIGNATURE_INVALID";

const STATUS: Record<FlowEndpointErrorCode, number> = {
  WHATSAPP_FLOW_INVALID_REQUEST: 400,
  // Meta: the WhatsApp client re-downloads the business public key and retries.
  WHATSAPP_FLOW_DECRYPT_FAILED: 421,
  // Meta: the Flow closes and its button is disabled; the message is shown to the user.
  WHATSAPP_FLOW_TOKEN_INVALID: 427,
  WHATSAPP_FLOW_SIGNATURE_INVALID: 432,
};

/** A Flow data-exchange request that cannot be served; `status` is the HTTP answer Meta expects. */
export class FlowEndpointError extends WhatsAppError {
  declare readonly code: FlowEndpointErrorCode;
  /** HTTP status the endpoint answers: 400, 421, 427 or 432. */
  readonly status: number;

  constructor(code: FlowEndpointErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, code, { cause: options.cause });
    this.markKind("FlowEndpointError");
    this.status = STATUS[code];
  }

  /** True for a Flow endpoint error, even from another copy of this package. */
  static override isInstance(e: unknown): e is FlowEndpointError {
    return hasKind(e, "FlowEndpointError");
  }
}

/**
 * Thrown by `onRequest` when the `flow_token` is unknown, used or expired:
 * the endpoint answers 427 and WhatsApp shows `userMessage`, closes the Flow
 * and disables its button (send a new Flow message to start again).
 */
export class FlowTokenNoLongerValidError extends FlowEndpointError {
  /** Shown to the user, e.g. "Cette demande a déjà été envoyée." */
  readonly userMessage: string;

  constructor(userMessage: string) {
    super("WHATSAPP_FLOW_TOKEN_INVALID", "Flow token no longer valid");
    this.markKind("FlowTokenNoLongerValidError");
    this.userMessage = userMessage;
  }

  /** True for this error, even from another copy of this package. */
  static override isInstance(e: unknown): e is FlowTokenNoLongerValidError {
    return hasKind(e, "FlowTokenNoLongerValidError");
  }
}
