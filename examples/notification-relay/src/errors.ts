const marker = Symbol.for("@toktok-example/notification-relay/error");

/** Machine-readable codes of the relay's own errors. */
export type RelayErrorCode = "RELAY_STORE_UNAVAILABLE" | "RELAY_LEASE_LOST";

/** Base class of the relay's errors (configuration errors excepted: they stop the process at start). */
export class RelayError extends Error {
  readonly code: RelayErrorCode;
  /** True when the backend's retry of the same event may succeed. */
  readonly retryable: boolean;

  constructor(code: RelayErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RelayError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any error of the relay, even from another copy of this module. */
  static isInstance(e: unknown): e is RelayError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[marker] === true;
  }
}

/** The idempotency store (Redis) did not answer: nothing can be claimed or recorded; retry later. */
export class StoreUnavailableError extends RelayError {
  constructor(cause: unknown) {
    super("RELAY_STORE_UNAVAILABLE", `idempotency store unavailable: ${(cause as Error)?.message ?? cause}`, {
      cause,
      retryable: true,
    });
    this.name = "StoreUnavailableError";
  }

  static override isInstance(e: unknown): e is StoreUnavailableError {
    return RelayError.isInstance(e) && e.code === "RELAY_STORE_UNAVAILABLE";
  }
}

/**
 * This worker can no longer prove it owns the event's processing lease (expired or taken over):
 * it stops sending, and whoever holds the lease now finishes the event.
 */
export class LeaseLostError extends RelayError {
  constructor(eventId: string, reason: "taken" | "expired") {
    super("RELAY_LEASE_LOST", `processing lease of ${eventId} ${reason === "taken" ? "taken over" : "expired"}`, {
      retryable: true,
    });
    this.name = "LeaseLostError";
  }

  static override isInstance(e: unknown): e is LeaseLostError {
    return RelayError.isInstance(e) && e.code === "RELAY_LEASE_LOST";
  }
}
