import type { PaymentStore } from "./payment-store.js";

/**
 * Which collector process polls a payment now, for stores shared by several processes
 * ({@link RedisPaymentStore} implements it). A lease expires on its own, so the payments of a process that
 * died are taken over by another one's periodic resume; the holder renews it while it polls.
 */
export interface PaymentLeases {
  /**
   * Takes the lease on `id` for `owner` for `ttlMs`, or renews it when `owner` holds it already. Resolves
   * `false` (and changes nothing) while another owner's lease runs.
   */
  lease(id: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up when `owner` holds it (a clean shutdown, so another process takes over at once). */
  release(id: string, owner: string): Promise<void>;
}

/** Whether `store` also keeps leases (a store in one process's memory needs none). */
export function hasLeases(store: PaymentStore): store is PaymentStore & PaymentLeases {
  const s = store as Partial<PaymentLeases>;
  return typeof s.lease === "function" && typeof s.release === "function";
}
