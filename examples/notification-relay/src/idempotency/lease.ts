import type { Logger } from "@toktok-example/shared";
import { LeaseLostError, StoreUnavailableError } from "../errors.ts";
import type { IdempotencyStore } from "./types.ts";

/** A processing lease this worker holds and renews while it sends. */
export interface HeldLease {
  /**
   * Throws unless this worker can prove it still holds the lease: `LeaseLostError` when it was taken
   * over or may have expired, `StoreUnavailableError` when renewals failed because the store is away.
   */
  check(): void;
  /** Stops renewing (call in `finally`); the lease then ends by itself, or by complete/release. */
  stop(): void;
}

/** Options of {@link holdLease}. */
export interface HoldLeaseOptions {
  store: IdempotencyStore;
  eventId: string;
  token: string;
  leaseMs: number;
  /** `Date.now()` taken just before the claim was requested: the lease cannot end before `claimedAt + leaseMs`. */
  claimedAt: number;
  logger: Logger;
  onLost?: () => void;
}

/**
 * Renews the lease every third of its length (timer `unref`'d). The worker's own view of the lease
 * end is counted from when each renewal was *sent*, so it never believes in a lease Redis already let
 * go; `check` refuses once less than a fifth of the lease is left without a confirmed renewal.
 */
export function holdLease(options: HoldLeaseOptions): HeldLease {
  const { store, eventId, token, leaseMs, logger } = options;
  const margin = Math.floor(leaseMs / 5);
  let validUntil = options.claimedAt + leaseMs;
  let taken = false;
  let renewing = false;
  let failure: unknown;

  const timer = setInterval(
    () => {
      if (renewing || taken) return;
      renewing = true;
      const sentAt = Date.now();
      store
        .renew(eventId, token, leaseMs)
        .then((owned) => {
          failure = undefined;
          if (owned) validUntil = sentAt + leaseMs;
          else {
            taken = true;
            logger.warn("relay: processing lease lost", { eventId });
            options.onLost?.();
          }
        })
        .catch((error: unknown) => {
          failure = error;
          logger.warn("relay: could not renew the processing lease", { eventId, error: (error as Error).message });
        })
        .finally(() => {
          renewing = false;
        });
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  timer.unref();

  return {
    check() {
      if (taken) throw new LeaseLostError(eventId, "taken");
      if (Date.now() < validUntil - margin) return;
      if (StoreUnavailableError.isInstance(failure)) throw failure;
      throw new LeaseLostError(eventId, "expired");
    },
    stop() {
      clearInterval(timer);
    },
  };
}
