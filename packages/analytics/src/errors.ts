const marker = Symbol.for("@toktok/analytics/error");

/** Machine-readable kind of an {@link AnalyticsError}. */
export type AnalyticsErrorCode =
  | "ANALYTICS_VALIDATION"
  | "ANALYTICS_STORE"
  | "ANALYTICS_STORE_UNAVAILABLE"
  | "ANALYTICS_CLOSED"
  | "ANALYTICS_ABORTED";

/** Options shared by every error of this package. */
export interface AnalyticsErrorOptions {
  cause?: unknown;
  retryable?: boolean;
}

// jscpd:ignore-start — the error base every package repeats (docs/architecture.md, "One owner per fact": a Symbol.for marker, `code`, `retryable`);
// leaves share no package to import it from.
/**
 * Base class of every error thrown by `@toktok/analytics`.
 * Use `AnalyticsError.isInstance(e)` rather than `instanceof`: it also works when two copies of the package are loaded.
 */
export class AnalyticsError extends Error {
  override name = "AnalyticsError";
  /** Machine-readable kind. */
  readonly code: AnalyticsErrorCode;
  /** True when the same call may succeed if tried again later. */
  readonly retryable: boolean;

  constructor(code: AnalyticsErrorCode, message: string, options: AnalyticsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any error of this package, across duplicate copies of it. */
  static isInstance(error: unknown): error is AnalyticsError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
// jscpd:ignore-end

/** An argument or option is missing or breaks a rule; `field` names it (e.g. `"role"`, `"dispatch.onTime"`). */
export class AnalyticsValidationError extends AnalyticsError {
  override name = "AnalyticsValidationError";
  /** Path of the offending argument or option. */
  readonly field: string;
  /** The rule it broke, in words. */
  readonly rule: string;

  constructor(field: string, rule: string) {
    super("ANALYTICS_VALIDATION", `invalid "${field}": ${rule}`);
    this.field = field;
    this.rule = rule;
  }

  /** True for an {@link AnalyticsValidationError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is AnalyticsValidationError {
    return AnalyticsError.isInstance(error) && error.code === "ANALYTICS_VALIDATION";
  }
}

/** The store (e.g. PostgreSQL) failed to read or write; connection failures are `retryable`. */
export class AnalyticsStoreError extends AnalyticsError {
  override name = "AnalyticsStoreError";
  /** What the store was doing, e.g. `"insert events"` or `"migrate"`. */
  readonly operation: string;

  constructor(
    operation: string,
    cause: unknown,
    retryable = false,
    code: "ANALYTICS_STORE" | "ANALYTICS_STORE_UNAVAILABLE" = "ANALYTICS_STORE",
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(code, `analytics store failed to ${operation}: ${detail}`, { cause, retryable });
    this.operation = operation;
  }

  /** True for an {@link AnalyticsStoreError} (including {@link AnalyticsStoreUnavailableError}), across duplicate copies of the package. */
  static override isInstance(error: unknown): error is AnalyticsStoreError {
    return (
      AnalyticsError.isInstance(error) &&
      (error.code === "ANALYTICS_STORE" || error.code === "ANALYTICS_STORE_UNAVAILABLE")
    );
  }
}

/**
 * The store could not be reached (connection refused, dropped or timed out, server
 * shutting down): always `retryable`. Tracked events are kept and written once it is back.
 */
export class AnalyticsStoreUnavailableError extends AnalyticsStoreError {
  override name = "AnalyticsStoreUnavailableError";

  constructor(operation: string, cause: unknown) {
    super(operation, cause, true, "ANALYTICS_STORE_UNAVAILABLE");
  }

  /** True for an {@link AnalyticsStoreUnavailableError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is AnalyticsStoreUnavailableError {
    return AnalyticsError.isInstance(error) && error.code === "ANALYTICS_STORE_UNAVAILABLE";
  }
}

/** The instance or store was closed and cannot take more work. */
export class AnalyticsClosedError extends AnalyticsError {
  override name = "AnalyticsClosedError";

  constructor(what: string) {
    super("ANALYTICS_CLOSED", `${what} is closed`);
  }

  /** True for an {@link AnalyticsClosedError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is AnalyticsClosedError {
    return AnalyticsError.isInstance(error) && error.code === "ANALYTICS_CLOSED";
  }
}

/** The caller's `AbortSignal` fired; a running PostgreSQL statement was cancelled. */
export class AnalyticsAbortError extends AnalyticsError {
  override name = "AnalyticsAbortError";
  /** What was aborted, e.g. `"read summary"`. */
  readonly operation: string;

  constructor(operation: string, reason?: unknown) {
    super("ANALYTICS_ABORTED", `analytics ${operation} was aborted`, { cause: reason });
    this.operation = operation;
  }

  /** Throws when `signal` has fired. */
  static throwIfAborted(signal: AbortSignal | undefined, operation: string): void {
    if (signal?.aborted) throw new AnalyticsAbortError(operation, signal.reason);
  }

  /** True for an {@link AnalyticsAbortError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is AnalyticsAbortError {
    return AnalyticsError.isInstance(error) && error.code === "ANALYTICS_ABORTED";
  }
}

/** @deprecated Renamed {@link AnalyticsAbortError} (one `<Package>AbortError` name in every package); this alias goes in 1.0. */
export const AnalyticsAbortedError: typeof AnalyticsAbortError = AnalyticsAbortError;
/** @deprecated Renamed {@link AnalyticsAbortError}; this alias goes in 1.0. */
export type AnalyticsAbortedError = AnalyticsAbortError;
