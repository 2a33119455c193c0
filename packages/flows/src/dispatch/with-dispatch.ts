import type { TokTokBackend } from "../backend/types.js";
import type { Dispatcher } from "./dispatcher.js";

/**
 * The backend with dispatch on mission creation: every mission created through it (a courier request,
 * a ready order's delivery) is offered to the nearest drivers right away. Reads and other writes pass
 * through unchanged.
 * @example
 * const flows = builtInFlows({ backend: withDispatch(backend, dispatcher), dispatcher, notifier });
 */
export function withDispatch(backend: TokTokBackend, dispatcher: Pick<Dispatcher, "offer">): TokTokBackend {
  return {
    users: backend.users,
    catalogue: backend.catalogue,
    orders: backend.orders,
    missions: {
      quote: (input, options) => backend.missions.quote(input, options),
      get: (id, options) => backend.missions.get(id, options),
      list: (filter, options) => backend.missions.list(filter, options),
      accept: (id, driver, options) => backend.missions.accept(id, driver, options),
      updateStatus: (id, status, extra, options) => backend.missions.updateStatus(id, status, extra, options),
      create: async (input, options) => {
        const mission = await backend.missions.create(input, options);
        // The mission exists either way: a failed offer is re-made by the drivers' list, not a failed request.
        await dispatcher.offer(mission.id).catch(() => undefined);
        return mission;
      },
    },
  };
}
