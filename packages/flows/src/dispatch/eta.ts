import { distanceKm } from "../backend/pricing.js";
import type { Mission } from "../backend/types.js";
import { etaMinutes, hasPoint } from "./geo.js";
import type { GeoPoint } from "./types.js";

/** Before pickup the driver still has to reach the parcel; after it, only the destination. */
const beforePickup = new Set(["pending", "accepted", "pickup_arrived"]);

/**
 * Minutes until delivery from the driver's position (`undefined` when the points are unknown): through
 * the pickup while the parcel is not picked up yet, straight to the destination after.
 */
export function deliveryEtaMinutes(
  mission: Mission,
  driverAt: GeoPoint | undefined,
  speedKmh: number,
): number | undefined {
  const { pickup, destination } = mission;
  if (!hasPoint(destination)) return undefined;
  if (!beforePickup.has(mission.status)) {
    return driverAt ? etaMinutes(distanceKm(driverAt, destination), speedKmh) : undefined;
  }
  if (!hasPoint(pickup)) return undefined;
  const toPickup = driverAt ? distanceKm(driverAt, pickup) : 0;
  return etaMinutes(toPickup + distanceKm(pickup, destination), speedKmh);
}
