import type { Mission } from "../backend/types.js";
import type { DeliveryPromise } from "./types.js";

/** The analytics calls completion makes: `Analytics` from `@toktok/analytics` fits. */
export interface CompletionSink {
  trackConversion?(user: string, type: string, value: number, metadata?: Record<string, unknown>): unknown;
  recordDispatch?(input: DispatchDay): unknown;
  /**
   * Counts a failure of dispatch outside a customer's turn (a `delivery_delayed` that could not be sent),
   * `context.kind` naming it, so it shows in the error rate and top errors, not only in the logs.
   */
  trackError?(error: unknown, context?: Record<string, string | number | boolean | null>): unknown;
}

/** One day of dispatch in the shape of `@toktok/analytics`' `recordDispatch` input. */
export interface DispatchDay {
  /** Local day, `YYYY-MM-DD`. */
  day: string;
  total: number;
  onTime: number;
  late: number;
  cancelled: number;
  /** Average lateness of the deliveries past their promise, minutes (0 when none was late). */
  avgDelayMinutes: number;
  extra: {
    assignMinutes: number;
    delivered: number;
    /**
     * Average minutes past the pickup promise at `picked_up` (an early pickup counts 0), over the
     * missions picked up with a pickup promise; 0 when none was.
     */
    pickupDelayMinutes: number;
  };
}

const at = (m: Mission, status: Mission["status"]) => m.history.find((h) => h.status === status)?.at;
const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Minutes past its pickup promise a mission was picked up (0 when early), one decimal; `undefined` when
 * it was not picked up or had no pickup promise (the driver's distance was unknown at acceptance).
 */
export function pickupDelayMinutes(mission: Mission, promise: DeliveryPromise | undefined): number | undefined {
  const pickedUpAt = at(mission, "picked_up");
  if (!pickedUpAt || !promise?.pickupDueAt) return undefined;
  return round1(Math.max(0, minutes(promise.pickupDueAt, pickedUpAt)));
}

/**
 * A day's dispatch figures from its missions and the promises made at acceptance: a delivery is on
 * time when it came no later than `graceMs` after its promised time (the margin after which the
 * customer is told it is late), late otherwise; a delivery without a promise counts in the total only.
 * `assignMinutes` is the average wait between creation and acceptance, `pickupDelayMinutes` the
 * average {@link pickupDelayMinutes} of the missions picked up.
 */
export function dispatchDay(
  day: string,
  missions: readonly Mission[],
  promises: ReadonlyMap<string, DeliveryPromise>,
  graceMs: number,
): DispatchDay {
  let onTime = 0;
  let late = 0;
  let cancelled = 0;
  let delivered = 0;
  const delays: number[] = [];
  const assign: number[] = [];
  const pickupDelays: number[] = [];
  for (const m of missions) {
    const acceptedAt = at(m, "accepted");
    if (acceptedAt) assign.push(minutes(m.createdAt, acceptedAt));
    const pickupDelay = pickupDelayMinutes(m, promises.get(m.id));
    if (pickupDelay !== undefined) pickupDelays.push(pickupDelay);
    if (m.status === "cancelled") cancelled += 1;
    if (m.status !== "delivered") continue;
    delivered += 1;
    const promise = promises.get(m.id);
    const deliveredAt = at(m, "delivered");
    if (!promise || !deliveredAt) continue;
    const delay = minutes(promise.dueAt, deliveredAt);
    if (delay * 60_000 <= graceMs) onTime += 1;
    else {
      late += 1;
      delays.push(delay);
    }
  }
  return {
    day,
    total: missions.length,
    onTime,
    late,
    cancelled,
    avgDelayMinutes: round1(mean(delays)),
    extra: { assignMinutes: round1(mean(assign)), delivered, pickupDelayMinutes: round1(mean(pickupDelays)) },
  };
}
