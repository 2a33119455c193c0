import type { CallOptions, TokTokBackend } from "../backend/types.js";
import type { Dispatcher } from "./dispatcher.js";

/**
 * The backend with dispatch on mission creation: every mission created through it (a courier request,
 * a ready order's delivery) is offered to the nearest drivers right away, and a mission cancelled
 * through it tells its driver and counts in the day's figures, and a rescheduled one tells its driver the
 * new time. Reads and other writes pass through.
 * @example
 * const flows = builtInFlows({ backend: withDispatch(backend, dispatcher), dispatcher, notifier });
 */
export function withDispatch(
  backend: TokTokBackend,
  dispatcher: Pick<Dispatcher, "offer" | "cancelled" | "rescheduled">,
): TokTokBackend {
  const reschedule = backend.missions.reschedule?.bind(backend.missions);
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
        // Whoever cancels (the customer's "annuler", an operator), the driver is told and the day counts it.
        if (status === "cancelled") await dispatcher.cancelled(mission).catch(() => undefined);
        return mission;
      },
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
        // The mission exists either way: a failed offer is re-made by the drivers' list, not a failed request.
        await dispatcher.offer(mission.id).catch(() => undefined);
        return mission;
      },
    },
  };
}
