import type { FailureReason } from "./core/types.js";

const marker = Symbol.for("@toktok/payments/error");

/** Machine-readable kind of a {@link PaymentsError}. */
export type PaymentsErrorCode = "PAYMENTS_VALIDATION" | "PAYMENTS_PROVIDER" | "PAYMENTS_TIMEOUT" | "PAYMENTS_ABORTED";

/** Options shared by every error of this package. */
export interface PaymentsErrorOptions {
  cause?: unknown;
  retryable?: boolean;
}

// jscpd:ignore-start — the error base every package repeats (docs/architecture.md, "One owner per fact": a Symbol.for marker, `code`, `retryable`);
// leaves share no package to import it from.
/**
 * Base class of every error thrown by `@toktok/payments`.
 * Use `PaymentsError.isInstance(e)` rather than `instanceof`: it also works when two copies of the package are loaded.
 * No error of this package ever carries a key, a secret or a token.
 */
export class PaymentsError extends Error {
  override name = "PaymentsError";
  /** Machine-readable kind. */
  readonly code: string;
  /** True when the same call may succeed if tried again later. */
  readonly retryable: boolean;

  constructor(code: string, message: string, options: PaymentsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any error of this package, across duplicate copies of it. */
  static isInstance(error: unknown): error is PaymentsError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
// jscpd:ignore-end

/** One failing field and the rule it breaks. */
export interface ValidationIssue {
  /** Path of the field, e.g. `"payer"` or `"options.subscriptionKey"`. */
  field: string;
  /** The rule, e.g. `"must not be empty"`. */
  rule: string;
}

/** An option or a payment request breaks a rule; `field` names the first failing field, `issues` all of them. */
export class PaymentsValidationError extends PaymentsError {
  override name = "PaymentsValidationError";
  /** Path of the first failing field. */
  readonly field: string;
  /** Every failing field with its rule. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    const first = issues[0] ?? { field: "(input)", rule: "invalid" };
    super("PAYMENTS_VALIDATION", issues.map((i) => `${i.field}: ${i.rule}`).join("; ") || "invalid input");
    this.field = first.field;
    this.issues = issues;
  }

  /** True for a {@link PaymentsValidationError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is PaymentsValidationError {
    return PaymentsError.isInstance(error) && error.code === "PAYMENTS_VALIDATION";
  }
}

/** What {@link PaymentsProviderError} is built from. */
export interface ProviderErrorInit {
  /** `"mtn"` or `"airtel"`. */
  provider: string;
  /** The HTTP status; 0 when no answer came (connection refused, reset). */
  status: number;
  /** The provider's own code (`RESOURCE_ALREADY_EXIST`, `DP00800001025`…) or `NETWORK` / `BAD_RESPONSE`. */
  providerCode: string;
  message: string;
  retryable: boolean;
  /** When the provider refused the payment outright (e.g. Airtel: the number has no wallet), why. */
  failureReason?: FailureReason;
}

/**
 * The provider answered with an error (HTTP 4xx/5xx, or Airtel's HTTP 200 with `status.success: false`),
 * its answer could not be read, or the connection failed.
 */
export class PaymentsProviderError extends PaymentsError {
  override name = "PaymentsProviderError";
  /** `"mtn"` or `"airtel"`. */
  readonly provider: string;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The provider's own code, e.g. `"RESOURCE_ALREADY_EXIST"`, or `"NETWORK"` / `"BAD_RESPONSE"`. */
  readonly providerCode: string;
  /** Set when the provider refused the payment itself, not just this request. */
  readonly failureReason: FailureReason | undefined;

  constructor(init: ProviderErrorInit, options: { cause?: unknown } = {}) {
    super("PAYMENTS_PROVIDER", `${init.provider}: ${init.message}`, {
      cause: options.cause,
      retryable: init.retryable,
    });
    this.provider = init.provider;
    this.status = init.status;
    this.providerCode = init.providerCode;
    this.failureReason = init.failureReason;
  }

  /** True for a {@link PaymentsProviderError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is PaymentsProviderError {
    return PaymentsError.isInstance(error) && error.code === "PAYMENTS_PROVIDER";
  }
}

/**
 * No answer within `timeoutMs`. The provider may have received and recorded the request: never send a new
 * payment for it — query its id (the `PaymentCollector` does this for you).
 */
export class PaymentsTimeoutError extends PaymentsError {
  override name = "PaymentsTimeoutError";
  /** `"mtn"` or `"airtel"`. */
  readonly provider: string;
  /** The operation that timed out, e.g. `"requestPayment"`. */
  readonly operation: string;

  constructor(provider: string, operation: string, timeoutMs: number, cause?: unknown) {
    super("PAYMENTS_TIMEOUT", `${provider}: ${operation} got no answer within ${timeoutMs} ms`, {
      cause,
      retryable: true,
    });
    this.provider = provider;
    this.operation = operation;
  }

  /** True for a {@link PaymentsTimeoutError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is PaymentsTimeoutError {
    return PaymentsError.isInstance(error) && error.code === "PAYMENTS_TIMEOUT";
  }
}

/**
 * The caller's `AbortSignal` fired before the work was done: a provider call (which may still have reached
 * the provider — query the payment rather than sending a new one) or a wait on `collector.settled`.
 * Not `retryable`: the caller chose to stop. The signal's reason is the `cause`.
 */
export class PaymentsAbortError extends PaymentsError {
  override name = "PaymentsAbortError";
  /** What was aborted, e.g. `"requestPayment"` or `"settled"`. */
  readonly operation: string;
  /** `"mtn"` or `"airtel"` for a provider call; `undefined` for a collector wait. */
  readonly provider: string | undefined;

  constructor(operation: string, reason?: unknown, provider?: string) {
    super("PAYMENTS_ABORTED", `${provider === undefined ? "" : `${provider}: `}${operation} aborted`, {
      cause: reason,
    });
    this.operation = operation;
    this.provider = provider;
  }

  /** True for a {@link PaymentsAbortError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is PaymentsAbortError {
    return PaymentsError.isInstance(error) && error.code === "PAYMENTS_ABORTED";
  }
}
