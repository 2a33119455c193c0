import { hasPoint, nearestDrivers } from "./geo.js";
import type { DriverState, GeoPoint } from "./types.js";

/** A driver picked for one round of offers; `km` from the pickup when both points are known. */
export interface OfferPick {
  state: DriverState;
  km?: number;
}

/**
 * True when a driver may be offered a mission now: online, not on a mission he has not delivered yet,
 * and seen (going online, a position) within `presenceTtlMs` — a driver never seen counts as away.
 */
export function isAvailable(state: DriverState, nowMs: number, presenceTtlMs: number): boolean {
  if (!state.online || state.paused || state.busyWith) return false;
  const seen = Math.max(Date.parse(state.seenAt ?? "") || 0, Date.parse(state.locatedAt ?? "") || 0);
  return nowMs - seen <= presenceTtlMs;
}

/** What one round of offers is picked from. */
export interface OfferRoundInput {
  pickup: { latitude?: number; longitude?: number };
  drivers: readonly DriverState[];
  /** Drivers already offered the mission. */
  offered: ReadonlySet<string>;
  radiusKm: number;
  fanOut: number;
  /** True on the last round dispatch makes. */
  last: boolean;
  /** Epoch ms now, and how long a driver's presence lasts (see {@link isAvailable}). */
  nowMs: number;
  presenceTtlMs: number;
}

/**
 * The drivers of one round: the nearest available ones (see {@link isAvailable}) within the radius first. Online drivers dispatch
 * cannot rank — no position shared yet, or a pickup typed as an address — are not left out: a mission
 * must reach a driver even when nobody shared a position. They fill the round at once when nothing can
 * be ranked (an address pickup), and only in the last round otherwise, so the nearer ones answer first.
 */
export function pickOfferRound(input: OfferRoundInput): OfferPick[] {
  const { pickup, offered, radiusKm, fanOut, last } = input;
  // Offline, busy or not seen for long: never offered, ranked or not.
  const drivers = input.drivers.filter((d) => isAvailable(d, input.nowMs, input.presenceTtlMs));
  const ranked: OfferPick[] = hasPoint(pickup)
    ? nearestDrivers(pickup as GeoPoint, drivers, { radiusKm, limit: fanOut, exclude: offered })
    : [];
  if (hasPoint(pickup) && !last) return ranked;
  const taken = new Set(ranked.map((p) => p.state.driver.id));
  const unranked = drivers
    .filter(
      (d) =>
        d.online &&
        !offered.has(d.driver.id) &&
        !taken.has(d.driver.id) &&
        // With a GPS pickup, drivers with a position were ranked (out of reach when not picked).
        (!hasPoint(pickup) || !d.location),
    )
    // The most recently seen first: likelier to be around and looking at their phone.
    .sort((a, b) => (b.locatedAt ?? "").localeCompare(a.locatedAt ?? ""))
    .map((state) => ({ state }));
  return [...ranked, ...unranked].slice(0, fanOut);
}
