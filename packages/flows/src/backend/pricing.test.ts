import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findReference } from "../flows/tracking/tracking-flow.js";
import { distanceKm, formatReference, quoteCourier } from "./pricing.js";

describe("courier pricing and references", () => {
  it("prices in whole hundreds of XAF, never less for a more valuable parcel", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const p = (v: number) => quoteCourier({ pickup: {}, destination: {}, parcelValue: v }).price;
        expect(p(low) % 100).toBe(0);
        expect(p(low)).toBeLessThanOrEqual(p(high));
      }),
    );
  });

  it("charges by distance between two GPS points", () => {
    const potoPoto = { latitude: -4.2634, longitude: 15.2429 };
    const bacongo = { latitude: -4.2936, longitude: 15.2611 };
    expect(distanceKm(potoPoto, bacongo)).toBeCloseTo(3.9, 0);
    const q = quoteCourier({ pickup: potoPoto, destination: bacongo, parcelValue: 10_000 });
    // 1,000 base + 3.9 km × 300 + 1% of 10,000, rounded up to 100.
    expect(q).toEqual({ price: 2300, distanceKm: 3.9 });
  });

  it("formats references that tracking finds back in any text", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("COUR", "CMD"),
        fc.date({ min: new Date("2020-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.string(),
        (prefix, date, n, noise) => {
          const ref = formatReference(prefix, date, n);
          expect(ref).toMatch(/^(COUR|CMD)-\d{8}-\d{3,}$/);
          expect(findReference(`suivi ${ref.toLowerCase()} ${noise.replace(/[\w-]/g, "")}`)).toBe(ref);
        },
      ),
    );
    expect(formatReference("COUR", new Date("2026-11-21T10:00:00Z"), 61)).toBe("COUR-20261121-061");
  });
});
