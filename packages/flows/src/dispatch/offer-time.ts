import type { Mission } from "../backend/types.js";

/**
 * True when a pending mission may be offered to drivers at `now` (epoch ms): it has no pickup time, or
 * its pickup is at most `offerLeadMs` away. One rule for dispatch's rounds and the drivers' list, so a
 * mission planned for tomorrow reaches nobody before its time, whichever way a driver looks.
 */
export function offerableAt(mission: Pick<Mission, "scheduledAt">, offerLeadMs: number, now: number): boolean {
  if (!mission.scheduledAt) return true;
  return Date.parse(mission.scheduledAt) - offerLeadMs <= now;
}
