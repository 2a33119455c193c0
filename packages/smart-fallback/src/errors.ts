const marker = Symbol.for("@toktok/smart-fallback/error");

/** Machine-readable kind of a {@link SmartFallbackError}. */
export type SmartFallbackErrorCode =
  | "SMART_FALLBACK_VALIDATION"
  | "SMART_FALLBACK_LLM_UNAVAILABLE"
  | "SMART_FALLBACK_LLM_TIMEOUT"
  | "SMART_FALLBACK_LLM_RATE_LIMITED"
  | "SMART_FALLBACK_LLM_RESPONSE"
  | "SMART_FALLBACK_LLM_REQUEST"
  | "SMART_FALLBACK_ABORTED";

/** Options shared by every error of this package. */
export interface SmartFallbackErrorOptions {
  cause?: unknown;
  retryable?: boolean;
}

// jscpd:ignore-start — the error base every package repeats (docs/architecture.md, "One owner per fact": a Symbol.for marker, `code`, `retryable`);
// leaves share no package to import it from.
/**
 * Base class of every error of `@toktok/smart-fallback`.
 * Use `SmartFallbackError.isInstance(e)` rather than `instanceof`: it also works across duplicate copies of the package.
 */
export class SmartFallbackError extends Error {
  override name = "SmartFallbackError";
  /** Machine-readable kind. */
  readonly code: SmartFallbackErrorCode;
  /** True when the same call may succeed if tried again later. */
  readonly retryable: boolean;

  constructor(code: SmartFallbackErrorCode, message: string, options: SmartFallbackErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any error of this package, across duplicate copies of it. */
  static isInstance(error: unknown): error is SmartFallbackError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
// jscpd:ignore-end

/** An argument or option breaks a rule; `field` names it (e.g. `"minConfidence"`). */
export class SmartFallbackValidationError extends SmartFallbackError {
  override name = "SmartFallbackValidationError";
  /** Path of the offending argument or option. */
  readonly field: string;
  /** The rule it broke, in words. */
  readonly rule: string;

  constructor(field: string, rule: string) {
    super("SMART_FALLBACK_VALIDATION", `invalid "${field}": ${rule}`);
    this.field = field;
    this.rule = rule;
  }

  /** True for a {@link SmartFallbackValidationError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is SmartFallbackValidationError {
    return SmartFallbackError.isInstance(error) && error.code === "SMART_FALLBACK_VALIDATION";
  }
}

/** No LLM is configured (no client, no API key) or the `openai` package is not installed. */
export class LlmUnavailableError extends SmartFallbackError {
  override name = "LlmUnavailableError";

  constructor(reason: string, cause?: unknown) {
    super("SMART_FALLBACK_LLM_UNAVAILABLE", `LLM unavailable: ${reason}`, { cause });
  }

  /** True for an {@link LlmUnavailableError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is LlmUnavailableError {
    return SmartFallbackError.isInstance(error) && error.code === "SMART_FALLBACK_LLM_UNAVAILABLE";
  }
}

/** The LLM did not answer within `timeoutMs` (or the caller aborted). */
export class LlmTimeoutError extends SmartFallbackError {
  override name = "LlmTimeoutError";

  constructor(timeoutMs: number, cause?: unknown) {
    super("SMART_FALLBACK_LLM_TIMEOUT", `LLM call timed out after ${timeoutMs} ms`, { cause, retryable: true });
  }

  /** True for an {@link LlmTimeoutError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is LlmTimeoutError {
    return SmartFallbackError.isInstance(error) && error.code === "SMART_FALLBACK_LLM_TIMEOUT";
  }
}

/** The provider answered 429 Too Many Requests. */
export class LlmRateLimitError extends SmartFallbackError {
  override name = "LlmRateLimitError";

  constructor(cause?: unknown) {
    super("SMART_FALLBACK_LLM_RATE_LIMITED", "LLM provider is rate limiting (HTTP 429)", { cause, retryable: true });
  }

  /** True for an {@link LlmRateLimitError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is LlmRateLimitError {
    return SmartFallbackError.isInstance(error) && error.code === "SMART_FALLBACK_LLM_RATE_LIMITED";
  }
}

/** The model's answer was not valid JSON, did not match the schema, or was a refusal. */
export class LlmResponseError extends SmartFallbackError {
  override name = "LlmResponseError";

  constructor(detail: string, cause?: unknown) {
    super("SMART_FALLBACK_LLM_RESPONSE", `LLM answer rejected: ${detail}`, { cause });
  }

  /** True for an {@link LlmResponseError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is LlmResponseError {
    return SmartFallbackError.isInstance(error) && error.code === "SMART_FALLBACK_LLM_RESPONSE";
  }
}

/** The request failed for another reason (network, HTTP 5xx, authentication). */
export class LlmRequestError extends SmartFallbackError {
  override name = "LlmRequestError";
  /** HTTP status when the provider answered. */
  readonly status: number | undefined;

  constructor(detail: string, status: number | undefined, cause?: unknown, retryable?: boolean) {
    super("SMART_FALLBACK_LLM_REQUEST", `LLM request failed: ${detail}`, {
      cause,
      retryable: retryable ?? (status === undefined || status >= 500),
    });
    this.status = status;
  }

  /** True for an {@link LlmRequestError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is LlmRequestError {
    return SmartFallbackError.isInstance(error) && error.code === "SMART_FALLBACK_LLM_REQUEST";
  }
}

/** The caller's `AbortSignal` fired: the model call was cancelled. Not `retryable` (the caller chose to stop). */
export class SmartFallbackAbortError extends SmartFallbackError {
  override name = "SmartFallbackAbortError";

  constructor(what: string, reason?: unknown) {
    super("SMART_FALLBACK_ABORTED", `${what} aborted by the caller's signal`, { cause: reason });
  }

  /** True for a {@link SmartFallbackAbortError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is SmartFallbackAbortError {
    return SmartFallbackError.isInstance(error) && error.code === "SMART_FALLBACK_ABORTED";
  }
}
