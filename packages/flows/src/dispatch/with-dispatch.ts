import type { CallOptions, Mission, TokTokBackend } from "../backend/types.js";
import type { Dispatcher } from "./dispatcher.js";

/**
 * The backend with dispatch on mission creation: every mission created through it (a courier request,
 * a ready order's delivery) is offered to the nearest drivers right away, a mission cancelled through it
 * counts in the day's figures (its driver is told by the cancel flow), and a rescheduled one is offered and
 * its customer reminded shortly before its new time (its driver is told by the reschedule flow). The delivery of an order moved to a later time is created at that time (offered shortly
 * before it, see `Dispatcher.rescheduled`). Reads and other writes pass through.
 * @example
 * const flows = builtInFlows({ backend: withDispatch(backend, dispatcher), dispatcher, notifier });
 */
export function withDispatch(
  backend: TokTokBackend,
  dispatcher: Pick<Dispatcher, "offer" | "cancelled" | "rescheduled">,
): TokTokBackend {
  const reschedule = backend.missions.reschedule?.bind(backend.missions);
  const recordProof = backend.missions.recordProof?.bind(backend.missions);
  return {
    users: backend.users,
    catalogue: backend.catalogue,
    orders: backend.orders,
    missions: {
      quote: (input, options) => backend.missions.quote(input, options),
      get: (id, options) => backend.missions.get(id, options),
      list: (filter, options) => backend.missions.list(filter, options),
      accept: (id, driver, options) => backend.missions.accept(id, driver, options),
      updateStatus: async (id, status, extra, options) => {
        const mission = await backend.missions.updateStatus(id, status, extra, options);
        // Whoever cancels (the customer's "annuler", an operator), the day counts it.
        if (status === "cancelled") await dispatcher.cancelled(mission).catch(() => undefined);
        return mission;
      },
      ...(recordProof ? { recordProof } : {}),
      ...(reschedule
        ? {
            reschedule: async (id: string, scheduledAt: string, options?: CallOptions) => {
              const mission = await reschedule(id, scheduledAt, options);
              await dispatcher.rescheduled(mission).catch(() => undefined);
              return mission;
            },
          }
        : {}),
      create: async (input, options) => {
        const mission = await backend.missions.create(input, options);
        // The delivery of an order its customer moved to a later time starts at that time, not now.
        const planned = await plannedLater(backend, mission.orderReference, reschedule, options);
        const moved = planned ? await planned(mission.id) : undefined;
        if (moved) {
          await dispatcher.rescheduled(moved).catch(() => undefined);
          return moved;
        }
        // The mission exists either way: a failed offer is re-made by the drivers' list, not a failed request.
        await dispatcher.offer(mission.id).catch(() => undefined);
        return mission;
      },
    },
  };
}

/**
 * For the delivery mission of an order with a `scheduledAt`: moves the new mission to that time
 * (resolving `undefined` when the backend refuses it — a time already past — so it goes out at once).
 */
async function plannedLater(
  backend: TokTokBackend,
  orderReference: string | undefined,
  reschedule: ((id: string, scheduledAt: string, options?: CallOptions) => Promise<Mission>) | undefined,
  options: CallOptions | undefined,
): Promise<((missionId: string) => Promise<Mission | undefined>) | undefined> {
  if (!orderReference || !reschedule) return undefined;
  const scheduledAt = (await backend.orders.get(orderReference).catch(() => undefined))?.scheduledAt;
  if (!scheduledAt) return undefined;
  const key = options?.idempotencyKey;
  return (missionId) =>
    reschedule(missionId, scheduledAt, key ? { ...options, idempotencyKey: `${key}#scheduled` } : options).catch(
      () => undefined,
    );
}
