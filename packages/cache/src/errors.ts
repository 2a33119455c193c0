const marker = Symbol.for("@toktok/cache/error");

/** Machine-readable kind of a {@link CacheError}. */
export type CacheErrorCode =
  | "CACHE_VALIDATION"
  | "CACHE_UNAVAILABLE"
  | "CACHE_ABORTED"
  | "CACHE_COMMAND"
  | "CACHE_SERIALIZATION";

/** Options shared by every error of this package. */
export interface CacheErrorOptions {
  cause?: unknown;
  retryable?: boolean;
}

// jscpd:ignore-start — the error base every package repeats (docs/architecture.md, "One owner per fact": a Symbol.for marker, `code`, `retryable`);
// leaves share no package to import it from.
/**
 * Base class of every error thrown by `@toktok/cache`.
 * Use `CacheError.isInstance(e)` rather than `instanceof`: it also works when two copies of the package are loaded.
 */
export class CacheError extends Error {
  override name = "CacheError";
  /** Machine-readable kind. */
  readonly code: CacheErrorCode;
  /** True when the same call may succeed if tried again later. */
  readonly retryable: boolean;

  constructor(code: CacheErrorCode, message: string, options: CacheErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any error of this package, across duplicate copies of it. */
  static isInstance(error: unknown): error is CacheError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
// jscpd:ignore-end

/** An option or argument is missing or breaks a rule; `field` names it (e.g. `"points"`). */
export class CacheValidationError extends CacheError {
  override name = "CacheValidationError";
  /** Path of the offending option, e.g. `"points"` or `"l1.max"`. */
  readonly field: string;

  constructor(field: string, rule: string) {
    super("CACHE_VALIDATION", `invalid option "${field}": ${rule}`);
    this.field = field;
  }

  /** True for a {@link CacheValidationError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is CacheValidationError {
    return CacheError.isInstance(error) && error.code === "CACHE_VALIDATION";
  }
}

/** @deprecated Renamed {@link CacheValidationError} (one `<Package>ValidationError` name in every package); this alias goes in 1.0. */
export const CacheConfigError: typeof CacheValidationError = CacheValidationError;
/** @deprecated Renamed {@link CacheValidationError}; this alias goes in 1.0. */
export type CacheConfigError = CacheValidationError;

/** Why Redis could not answer. */
export type UnavailableReason = "timeout" | "connection" | "aborted";

/**
 * Redis did not answer within `timeoutMs`, the connection is down, or the call was aborted.
 * Always `retryable` except when aborted.
 */
export class CacheUnavailableError extends CacheError {
  override name = "CacheUnavailableError";
  /** `"timeout"` (no answer in time), `"connection"` (client closed / network error) or `"aborted"` (signal). */
  readonly reason: UnavailableReason;
  /** The Redis command that failed, e.g. `"EVALSHA"`. */
  readonly command: string;

  constructor(command: string, reason: UnavailableReason, message: string, cause?: unknown) {
    // An abort has the `<PKG>_ABORTED` code of every package's abort error; it stays this class for old checks.
    super(reason === "aborted" ? "CACHE_ABORTED" : "CACHE_UNAVAILABLE", message, {
      cause,
      retryable: reason !== "aborted",
    });
    this.command = command;
    this.reason = reason;
  }

  /** True for a {@link CacheUnavailableError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is CacheUnavailableError {
    return CacheError.isInstance(error) && (error.code === "CACHE_UNAVAILABLE" || error.code === "CACHE_ABORTED");
  }
}

/**
 * The call's `AbortSignal` fired before Redis answered: a {@link CacheUnavailableError} with
 * `reason: "aborted"` (so checks written against that class keep working), never `retryable`. Its code is
 * `CACHE_ABORTED`, as every package's abort error is `<PKG>_ABORTED`.
 */
export class CacheAbortError extends CacheUnavailableError {
  override name = "CacheAbortError";

  constructor(command: string, reason?: unknown) {
    super(command, "aborted", `${command} aborted`, reason);
  }

  /** True for a {@link CacheAbortError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is CacheAbortError {
    return CacheError.isInstance(error) && error.code === "CACHE_ABORTED";
  }
}

/** A value read from Redis is not valid JSON, or a value to store cannot be serialised. */
export class CacheSerializationError extends CacheError {
  override name = "CacheSerializationError";
  /** The cache key concerned (without the prefix). */
  readonly key: string;

  constructor(key: string, message: string, cause?: unknown) {
    super("CACHE_SERIALIZATION", message, { cause });
    this.key = key;
  }

  /** True for a {@link CacheSerializationError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is CacheSerializationError {
    return CacheError.isInstance(error) && error.code === "CACHE_SERIALIZATION";
  }
}

/** Redis answered a command with an error (e.g. `WRONGTYPE` when a key was written by something else). */
export class CacheCommandError extends CacheError {
  override name = "CacheCommandError";
  /** The Redis command that failed, e.g. `"EVALSHA"`. */
  readonly command: string;

  constructor(command: string, message: string, cause?: unknown) {
    super("CACHE_COMMAND", message, { cause });
    this.command = command;
  }

  /** True for a {@link CacheCommandError}, across duplicate copies of the package. */
  static override isInstance(error: unknown): error is CacheCommandError {
    return CacheError.isInstance(error) && error.code === "CACHE_COMMAND";
  }
}
