const marker = Symbol.for("@toktok/flows/error");

/** Machine-readable codes of every error this package throws. */
export type FlowsErrorCode =
  | "FLOWS_INVALID_OPTIONS"
  | "FLOWS_INVALID_FLOW"
  | "FLOWS_SESSION_CONFLICT"
  | "FLOWS_LOCK_TIMEOUT"
  | "FLOWS_BACKEND"
  | "FLOWS_BACKEND_NOT_FOUND"
  | "FLOWS_BACKEND_CONFLICT"
  | "FLOWS_NOTIFICATION"
  | "FLOWS_ABORTED";

/** Base class of every error thrown by `@toktok/flows`. */
export class FlowsError extends Error {
  /** Stable machine-readable code. */
  readonly code: FlowsErrorCode;
  /** True when retrying the same call may succeed. */
  readonly retryable: boolean;

  constructor(code: FlowsErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "FlowsError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any error of this package, even from another copy of it. */
  static isInstance(e: unknown): e is FlowsError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[marker] === true;
  }
}

/** Options or a definition failed validation; `field` names the offending path. */
export class FlowsValidationError extends FlowsError {
  /** Path of the invalid field as JavaScript reads it, e.g. `sessionExpiryMs` or `flows[0].steps`. */
  readonly field: string;

  constructor(
    field: string,
    rule: string,
    code: "FLOWS_INVALID_OPTIONS" | "FLOWS_INVALID_FLOW" = "FLOWS_INVALID_OPTIONS",
  ) {
    super(code, `${field}: ${rule}`);
    this.name = "FlowsValidationError";
    this.field = field;
  }

  static override isInstance(e: unknown): e is FlowsValidationError {
    return FlowsError.isInstance(e) && (e.code === "FLOWS_INVALID_OPTIONS" || e.code === "FLOWS_INVALID_FLOW");
  }
}

/** A session write lost a compare-and-set race more times than allowed. */
export class SessionConflictError extends FlowsError {
  constructor(userId: string, attempts: number) {
    super("FLOWS_SESSION_CONFLICT", `session of ${maskPhone(userId)} changed concurrently ${attempts} times`, {
      retryable: true,
    });
    this.name = "SessionConflictError";
  }

  static override isInstance(e: unknown): e is SessionConflictError {
    return FlowsError.isInstance(e) && e.code === "FLOWS_SESSION_CONFLICT";
  }
}

/** The per-user lock could not be acquired in time (another process holds it). */
export class LockTimeoutError extends FlowsError {
  constructor(key: string, waitedMs: number) {
    super("FLOWS_LOCK_TIMEOUT", `lock ${key} not acquired within ${waitedMs} ms`, { retryable: true });
    this.name = "LockTimeoutError";
  }

  static override isInstance(e: unknown): e is LockTimeoutError {
    return FlowsError.isInstance(e) && e.code === "FLOWS_LOCK_TIMEOUT";
  }
}

/** A backend call failed (network, timeout, 5xx after retries, or an unexpected answer). */
export class BackendError extends FlowsError {
  /** HTTP status when the backend answered. */
  readonly status: number | undefined;

  constructor(
    message: string,
    options: {
      status?: number;
      cause?: unknown;
      retryable?: boolean;
      code?: "FLOWS_BACKEND" | "FLOWS_BACKEND_NOT_FOUND" | "FLOWS_BACKEND_CONFLICT";
    } = {},
  ) {
    super(options.code ?? "FLOWS_BACKEND", message, options);
    this.name = "BackendError";
    this.status = options.status;
  }

  static override isInstance(e: unknown): e is BackendError {
    return FlowsError.isInstance(e) && e.code.startsWith("FLOWS_BACKEND");
  }
}

/** The requested user, mission, order or catalogue entry does not exist. */
export class NotFoundError extends BackendError {
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`, { status: 404, code: "FLOWS_BACKEND_NOT_FOUND" });
    this.name = "NotFoundError";
  }

  static override isInstance(e: unknown): e is NotFoundError {
    return FlowsError.isInstance(e) && e.code === "FLOWS_BACKEND_NOT_FOUND";
  }
}

/** The change conflicts with the current state (e.g. a mission already accepted by another driver). */
export class ConflictError extends BackendError {
  constructor(message: string) {
    super(message, { status: 409, code: "FLOWS_BACKEND_CONFLICT" });
    this.name = "ConflictError";
  }

  static override isInstance(e: unknown): e is ConflictError {
    return FlowsError.isInstance(e) && e.code === "FLOWS_BACKEND_CONFLICT";
  }
}

/** A notification could not be delivered, neither as a session message nor as a template. */
export class NotificationError extends FlowsError {
  constructor(message: string, cause: unknown) {
    super("FLOWS_NOTIFICATION", message, { cause });
    this.name = "NotificationError";
  }

  static override isInstance(e: unknown): e is NotificationError {
    return FlowsError.isInstance(e) && e.code === "FLOWS_NOTIFICATION";
  }
}

/** The caller's `AbortSignal` fired before the work was done. Not `retryable`: the caller chose to stop. */
export class FlowsAbortError extends FlowsError {
  /** What was aborted, e.g. `"handle"`. */
  readonly operation: string;

  constructor(operation: string, reason?: unknown) {
    super("FLOWS_ABORTED", `${operation} aborted`, { cause: reason });
    this.name = "FlowsAbortError";
    this.operation = operation;
  }

  /** Throws a {@link FlowsAbortError} when `signal` has fired. */
  static throwIfAborted(signal: AbortSignal | undefined, operation: string): void {
    if (signal?.aborted) throw new FlowsAbortError(operation, signal.reason);
  }

  static override isInstance(e: unknown): e is FlowsAbortError {
    return FlowsError.isInstance(e) && e.code === "FLOWS_ABORTED";
  }
}

/** Keeps the country code and last two digits so logs and errors never carry a full number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 6) return "***";
  return `${digits.slice(0, 3)}****${digits.slice(-2)}`;
}
