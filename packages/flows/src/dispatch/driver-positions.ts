import type { LocationHook } from "../engine/location-hook.js";
import type { Dispatcher } from "./dispatcher.js";

/**
 * The engine's `onLocation` for dispatch: a driver's shared location is his last known position (what
 * ranks offers and what "où est mon colis" shows), wherever he is in the conversation — idle, in the
 * middle of another flow — and is not answered. The Cloud API's location message carries latitude,
 * longitude and an optional name, address and url, nothing that tells a live-location share apart, so
 * every location a driver sends counts as an update. Other users' locations pass through untouched.
 * @example
 * createFlowEngine({ messenger, flows, identify, onLocation: driverPositions(dispatcher) });
 */
export function driverPositions(dispatcher: Pick<Dispatcher, "locate">): LocationHook {
  return async ({ userId, user, latitude, longitude }) => {
    if (user?.role !== "livreur") return false;
    await dispatcher.locate({ id: user.id, name: user.name, phone: userId }, { latitude, longitude });
    return true;
  };
}
