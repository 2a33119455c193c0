import { distanceKm } from "../backend/pricing.js";
import type { DriverState, GeoPoint } from "./types.js";

/** A driver with a known position and the great-circle distance from the point asked about. */
export interface DriverDistance {
  state: DriverState & { location: GeoPoint };
  km: number;
}

/**
 * The online drivers with a position within `radiusKm` of `point`, nearest first, without `exclude`,
 * at most `limit`.
 */
export function nearestDrivers(
  point: GeoPoint,
  drivers: readonly DriverState[],
  options: { radiusKm: number; limit: number; exclude?: ReadonlySet<string> },
): DriverDistance[] {
  const found: DriverDistance[] = [];
  for (const state of drivers) {
    if (!state.online || !state.location || options.exclude?.has(state.driver.id)) continue;
    const km = distanceKm(point, state.location);
    if (km <= options.radiusKm) found.push({ state: state as DriverState & { location: GeoPoint }, km });
  }
  return found.sort((a, b) => a.km - b.km).slice(0, options.limit);
}

/** Minutes to cover `km` at `speedKmh`, rounded up (at least 1). */
export function etaMinutes(km: number, speedKmh: number): number {
  return Math.max(1, Math.ceil((km / speedKmh) * 60));
}

/** True when the place has GPS coordinates. */
export function hasPoint(place: { latitude?: number; longitude?: number } | undefined): place is GeoPoint {
  return typeof place?.latitude === "number" && typeof place.longitude === "number";
}
