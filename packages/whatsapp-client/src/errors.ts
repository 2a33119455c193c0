/** Marker shared by every copy of this package, so `isInstance` works across duplicated installs. */
const MARKER = Symbol.for("@toktok/whatsapp-client/error");

/** Whether `e` carries `kind` in the cross-copy marker (for subclasses defined in other files). */
export function hasKind(e: unknown, kind: string): boolean {
  if (typeof e !== "object" || e === null) return false;
  const kinds = (e as Record<symbol, unknown>)[MARKER];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/** Options common to every error of this package. */
export interface WhatsAppErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  /** The request may have been processed although no answer came back (see {@link WhatsAppError.ambiguous}). */
  ambiguous?: boolean;
}

/** Base class of every error thrown by `@toktok/whatsapp-client`. */
export class WhatsAppError extends Error {
  /** A stable machine-readable code: a string constant, or the Graph error code for {@link WhatsAppApiError}. */
  readonly code: string | number;
  /** Whether retrying the same call later can succeed (without risking a duplicate, unless `ambiguous`). */
  readonly retryable: boolean;
  /**
   * True when the request was written but no answer came back (timeout,
   * connection reset): WhatsApp may have processed it, so a resent message
   * could reach the customer twice. False when nothing was sent or Graph answered.
   */
  readonly ambiguous: boolean;
  constructor(message: string, code: string | number = "WHATSAPP_ERROR", options: WhatsAppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WhatsAppError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.ambiguous = options.ambiguous ?? false;
    Object.defineProperty(this, MARKER, { value: ["WhatsAppError"], enumerable: false });
  }

  /** Adds a kind to the cross-copy marker; called by subclasses. */
  protected markKind(kind: string): void {
    (this as unknown as Record<symbol, string[]>)[MARKER]?.push(kind);
    this.name = kind;
  }

  /** True for any error of this package, even from another copy of it. */
  static isInstance(e: unknown): e is WhatsAppError {
    return hasKind(e, "WhatsAppError");
  }
}

/** Fields of a Graph API error response. */
export interface WhatsAppApiErrorInit {
  status: number;
  code: number;
  subcode?: number | undefined;
  type?: string | undefined;
  fbtraceId?: string | undefined;
  details?: string | undefined;
  message: string;
  retryAfterMs?: number | undefined;
  attempts?: number;
  /** Overrides the retryable rule (status ≥ 500, 429, throughput codes), e.g. for a non-JSON 200 answer. */
  retryable?: boolean | undefined;
  /** The parsed JSON answer, when it was JSON. */
  body?: unknown;
}

/** Graph error codes that are throttling or transient and worth retrying with backoff. */
export const RETRYABLE_GRAPH_CODES: ReadonlySet<number> = new Set([
  130429, 131056, 80007, 4, 2, 131016, 1, 131000, 133004,
]);
/** Graph error codes that never succeed on retry. */
export const PERMANENT_GRAPH_CODES: ReadonlySet<number> = new Set([131047, 131026, 131048, 368, 190, 100, 132000]);

/** An error answered by the WhatsApp Cloud API (Graph API). */
export class WhatsAppApiError extends WhatsAppError {
  /** The Graph error code, e.g. 131047. */
  declare readonly code: number;
  /** HTTP status of the response. */
  readonly status: number;
  /** Graph `error_subcode`, when present. */
  readonly subcode: number | undefined;
  /** Graph error `type`, e.g. `OAuthException`. */
  readonly type: string | undefined;
  /** Meta's trace id, to quote when contacting support. */
  readonly fbtraceId: string | undefined;
  /** Graph `error_data.details`: the human explanation of the failure. */
  readonly details: string | undefined;
  /** True for 131047: the 24-hour window is closed and only a template message can be sent. */
  readonly requiresTemplate: boolean;
  /** Delay asked by the server (`Retry-After`), when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** How many attempts were made before giving up (1 when no retry happened). */
  attempts: number;
  /**
   * The parsed JSON answer (undefined when it was not JSON). Some calls answer a partial
   * success with an error status and the result beside the error, e.g. `block_users`' 139100.
   */
  readonly body: unknown;

  constructor(init: WhatsAppApiErrorInit, options: { cause?: unknown } = {}) {
    const retryable =
      init.retryable ??
      (!PERMANENT_GRAPH_CODES.has(init.code) &&
        (init.status >= 500 || init.status === 429 || RETRYABLE_GRAPH_CODES.has(init.code)));
    super(`WhatsApp API error ${init.code} (HTTP ${init.status}): ${init.message}`, init.code, {
      retryable,
      cause: options.cause,
    });
    this.markKind("WhatsAppApiError");
    this.status = init.status;
    this.subcode = init.subcode;
    this.type = init.type;
    this.fbtraceId = init.fbtraceId;
    this.details = init.details;
    this.requiresTemplate = init.code === 131047;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
    this.body = init.body;
  }

  /** True for an API error, even from another copy of this package. */
  static override isInstance(e: unknown): e is WhatsAppApiError {
    return hasKind(e, "WhatsAppApiError");
  }
}

/** One failed rule of an input. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `buttons[1].title`. */
  field: string;
  /** The rule that failed, e.g. `at most 20 characters`. */
  rule: string;
}

/** An input rejected before any request was made. */
export class WhatsAppValidationError extends WhatsAppError {
  declare readonly code: "WHATSAPP_VALIDATION" | "WHATSAPP_INVALID_PHONE";
  /** The first failing field. */
  readonly field: string;
  /** The rule that field broke. */
  readonly rule: string;
  /** Every failing field and rule. */
  readonly issues: ValidationIssue[];

  constructor(
    issues: ValidationIssue[],
    code: "WHATSAPP_VALIDATION" | "WHATSAPP_INVALID_PHONE" = "WHATSAPP_VALIDATION",
  ) {
    const first = issues[0] ?? { field: "(input)", rule: "invalid" };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super(`Invalid ${first.field}: ${first.rule}${more}`, code);
    this.markKind("WhatsAppValidationError");
    this.field = first.field;
    this.rule = first.rule;
    this.issues = issues;
  }

  /** True for a validation error, even from another copy of this package. */
  static override isInstance(e: unknown): e is WhatsAppValidationError {
    return hasKind(e, "WhatsAppValidationError");
  }
}

/** A phone number that cannot be turned into a WhatsApp ID. */
export class PhoneNumberError extends WhatsAppValidationError {
  constructor(field: string, rule: string) {
    super([{ field, rule }], "WHATSAPP_INVALID_PHONE");
    this.markKind("PhoneNumberError");
  }

  /** True for a phone number error, even from another copy of this package. */
  static override isInstance(e: unknown): e is PhoneNumberError {
    return hasKind(e, "PhoneNumberError");
  }
}

/** Flags of a failure without an answer ({@link WhatsAppNetworkError}, {@link WhatsAppTimeoutError}). */
export interface NoAnswerOptions {
  /** The request may have been processed. Default false. */
  ambiguous?: boolean;
  /** Default true. False for an ambiguous send the client will not resend (`retry.retryAmbiguous`). */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * The connection failed or broke before a complete answer arrived. Refused
 * connections and DNS failures happen before anything is sent (`ambiguous`
 * false, retried); a reset after the request was written is `ambiguous`.
 */
export class WhatsAppNetworkError extends WhatsAppError {
  declare readonly code: "WHATSAPP_NETWORK";
  /** How many attempts were made before giving up. */
  attempts = 1;

  constructor(message: string, cause?: unknown, options: Omit<NoAnswerOptions, "cause"> = {}) {
    super(message, "WHATSAPP_NETWORK", {
      cause,
      retryable: options.retryable ?? true,
      ambiguous: options.ambiguous ?? false,
    });
    this.markKind("WhatsAppNetworkError");
  }

  /** True for a network error, even from another copy of this package. */
  static override isInstance(e: unknown): e is WhatsAppNetworkError {
    return hasKind(e, "WhatsAppNetworkError");
  }
}

/**
 * An attempt took longer than its `timeoutMs` (headers and body together).
 * The request may have been processed: `ambiguous` is true, and a send
 * (`POST /messages`) is `retryable` only with `retry.retryAmbiguous`.
 */
export class WhatsAppTimeoutError extends WhatsAppError {
  declare readonly code: "WHATSAPP_TIMEOUT";
  /** The limit that was exceeded. */
  readonly timeoutMs: number;
  /** How many attempts were made before giving up. */
  attempts = 1;

  constructor(timeoutMs: number, options: NoAnswerOptions = {}) {
    const ambiguous = options.ambiguous ?? false;
    const note = ambiguous ? "; WhatsApp may have processed it" : "";
    super(`WhatsApp request timed out after ${timeoutMs} ms${note}`, "WHATSAPP_TIMEOUT", {
      retryable: options.retryable ?? true,
      ambiguous,
      cause: options.cause,
    });
    this.markKind("WhatsAppTimeoutError");
    this.timeoutMs = timeoutMs;
  }

  /** True for a timeout, even from another copy of this package. */
  static override isInstance(e: unknown): e is WhatsAppTimeoutError {
    return hasKind(e, "WhatsAppTimeoutError");
  }
}

/** The caller's `AbortSignal` fired. */
export class WhatsAppAbortError extends WhatsAppError {
  declare readonly code: "WHATSAPP_ABORTED";

  constructor(reason?: unknown) {
    super("WhatsApp request aborted", "WHATSAPP_ABORTED", { cause: reason });
    this.markKind("WhatsAppAbortError");
  }

  /** True for an abort, even from another copy of this package. */
  static override isInstance(e: unknown): e is WhatsAppAbortError {
    return hasKind(e, "WhatsAppAbortError");
  }
}

/** Codes of {@link WebhookError}. */
export type WebhookErrorCode =
  | "WHATSAPP_INVALID_SUBSCRIPTION"
  | "WHATSAPP_INVALID_PAYLOAD"
  | "WHATSAPP_INVALID_SIGNATURE"
  | "WHATSAPP_RECORD_FAILED"
  | "WHATSAPP_RECORD_TIMEOUT";

/**
 * A webhook delivery or subscription request that fails verification or
 * parsing, or a delivery the handler could not record (`WHATSAPP_RECORD_FAILED`,
 * `WHATSAPP_RECORD_TIMEOUT`: answered 503 so Meta redelivers; `retryable` is true).
 */
export class WebhookError extends WhatsAppError {
  declare readonly code: WebhookErrorCode;
  /** Where in the payload the problem is, e.g. `entry[0].changes[1].value.messages[2].id`. */
  readonly path: string | undefined;

  constructor(code: WebhookErrorCode, message: string, path?: string, options: { cause?: unknown } = {}) {
    super(path ? `${message} at ${path}` : message, code, {
      cause: options.cause,
      retryable: code === "WHATSAPP_RECORD_FAILED" || code === "WHATSAPP_RECORD_TIMEOUT",
    });
    this.markKind("WebhookError");
    this.path = path;
  }

  /** True for a webhook error, even from another copy of this package. */
  static override isInstance(e: unknown): e is WebhookError {
    return hasKind(e, "WebhookError");
  }
}
