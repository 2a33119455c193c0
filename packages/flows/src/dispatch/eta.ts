import { distanceKm } from "../backend/pricing.js";
import type { Mission } from "../backend/types.js";
import { isBeforePickup } from "../domain.js";
import { etaMinutes, hasPoint } from "./geo.js";
import type { GeoPoint } from "./types.js";

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
  // Before pickup the driver still has to reach the parcel; after it, only the destination.
  if (!isBeforePickup(mission.status)) {
    return driverAt ? etaMinutes(distanceKm(driverAt, destination), speedKmh) : undefined;
  }
  if (!hasPoint(pickup)) return undefined;
  const toPickup = driverAt ? distanceKm(driverAt, pickup) : 0;
  return etaMinutes(toPickup + distanceKm(pickup, destination), speedKmh);
}

/**
 * Minutes of the driver's ride to the pickup from `driverAt` (`undefined` when either point is unknown):
 * the pickup promise of a mission accepted now.
 */
export function pickupEtaMinutes(
  mission: Mission,
  driverAt: GeoPoint | undefined,
  speedKmh: number,
): number | undefined {
  if (!driverAt || !hasPoint(mission.pickup)) return undefined;
  return etaMinutes(distanceKm(driverAt, mission.pickup), speedKmh);
}
