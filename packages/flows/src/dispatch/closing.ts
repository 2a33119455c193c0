import type { Mission, TokTokBackend } from "../backend/types.js";
import { brazzavilleDay } from "../i18n/date-text.js";
import { type CompletionSink, dispatchDay, pickupDelayMinutes } from "./completion.js";
import type { DeliveryProof } from "./proof.js";
import type { DeliveryPromise, DispatchStore } from "./types.js";

/** What {@link recordClosing} reads and writes. */
export interface ClosingDeps {
  sink: CompletionSink;
  missions: Pick<TokTokBackend["missions"], "get"> & Partial<Pick<TokTokBackend["missions"], "list">>;
  orders: Pick<TokTokBackend["orders"], "get"> | undefined;
  store: Pick<DispatchStore, "promise">;
  lateMarginMs: number;
}

/**
 * The analytics of a mission that ended: for a delivery, `mission_completed` with its price (and the
 * proof, lateness against the promise and pickup delay against the pickup promise) and `order_completed`
 * with the order's total when it delivered an order; then the figures of its day, recomputed from every
 * mission of that day.
 */
export async function recordClosing(deps: ClosingDeps, mission: Mission, proof?: DeliveryProof): Promise<void> {
  const { sink, store, missions } = deps;
  if (mission.status === "delivered") {
    const promise = await store.promise(mission.id);
    const deliveredAt = mission.history.find((h) => h.status === "delivered")?.at;
    const pickupDelay = pickupDelayMinutes(mission, promise);
    await sink.trackConversion?.(mission.clientPhone, "mission_completed", mission.price, {
      reference: mission.reference,
      ...(mission.driver ? { driverId: mission.driver.id } : {}),
      ...(proof ? { proof: proof.kind, ...(proof.kind === "photo" ? { proofMediaId: proof.mediaId } : {}) } : {}),
      ...(promise && deliveredAt
        ? { delayMinutes: Math.round((Date.parse(deliveredAt) - Date.parse(promise.dueAt)) / 60_000) }
        : {}),
      ...(pickupDelay === undefined ? {} : { pickupDelayMinutes: pickupDelay }),
    });
    const order = mission.orderReference ? await deps.orders?.get(mission.orderReference) : undefined;
    if (order) {
      await sink.trackConversion?.(order.clientPhone, "order_completed", order.total, {
        reference: order.reference,
        merchantId: order.merchantId,
      });
    }
  }
  if (!sink.recordDispatch || !missions.list) return;
  const day = brazzavilleDay(mission.createdAt);
  // The day's missions only; filtered again, so a backend that ignores `createdOn` stays right.
  const ofDay = (await missions.list({ createdOn: day })).filter((m) => brazzavilleDay(m.createdAt) === day);
  const promises = new Map<string, DeliveryPromise>();
  for (const m of ofDay) {
    const p = await store.promise(m.id);
    if (p) promises.set(m.id, p);
  }
  await sink.recordDispatch(dispatchDay(day, ofDay, promises, deps.lateMarginMs));
}
