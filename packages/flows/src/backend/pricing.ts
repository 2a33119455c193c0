import type { CourierQuote, Place } from "./types.js";

/** Great-circle distance in km between two GPS points. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const hasPoint = (p: Place): p is Place & { latitude: number; longitude: number } =>
  typeof p.latitude === "number" && typeof p.longitude === "number";

/**
 * The default courier tariff in Brazzaville: 1,000 XAF base, 300 XAF per km when both
 * ends are GPS points (1,000 XAF flat otherwise), 1% insurance on the declared value,
 * rounded up to 100 XAF.
 */
export function quoteCourier(input: { pickup: Place; destination: Place; parcelValue: number }): CourierQuote {
  const km =
    hasPoint(input.pickup) && hasPoint(input.destination) ? distanceKm(input.pickup, input.destination) : undefined;
  const distancePart = km === undefined ? 1000 : Math.round(km * 300);
  const insurance = Math.max(0, input.parcelValue) * 0.01;
  const price = Math.ceil((1000 + distancePart + insurance) / 100) * 100;
  return km === undefined ? { price } : { price, distanceKm: Math.round(km * 10) / 10 };
}

/** `COUR-20261121-061`: prefix, the day in UTC, and the day's sequence number on 3 digits. */
export function formatReference(prefix: string, date: Date, sequence: number): string {
  const day = date.toISOString().slice(0, 10).replaceAll("-", "");
  return `${prefix}-${day}-${String(sequence).padStart(3, "0")}`;
}
