import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { formatXaf } from "../i18n/format.js";
import { validationField } from "../test-support/validation-field.js";
import { courierFlow } from "./courier/courier-flow.js";
import { COURIER_DETAILS_SCREEN, COURIER_ROUTE_SCREEN, courierFormExchange } from "./courier/courier-form-exchange.js";
import { DEFAULT_MAX_PARCEL_VALUE } from "./courier/parcel-value.js";
import { marketplaceFlow } from "./marketplace/marketplace-flow.js";

// The built-in flows' settings (maxParcelValue, maxImages, basket, locale) and their defaults live in zod
// schemas; the parcel-value default has one owner (parcel-value.ts).

const route = { pickup: "Marché Total, Poto-Poto", destination: "Rond-point Moungali" };

describe("built-in flows' settings", () => {
  it("name the offending field with FlowsValidationError", () => {
    const backend = new MemoryBackend();
    expect(validationField(() => courierFlow({ backend }))).toBe("accepted");
    expect(validationField(() => courierFlow({ backend, maxParcelValue: -1 }))).toBe("maxParcelValue");
    expect(validationField(() => courierFlow({ backend, maxParcelValue: 1.5 }))).toBe("maxParcelValue");
    expect(validationField(() => courierFormExchange({ backend, maxParcelValue: "9" as never }))).toBe(
      "maxParcelValue",
    );
    expect(validationField(() => courierFormExchange({ backend, locale: "de" as never }))).toBe("locale");
    expect(validationField(() => marketplaceFlow({ backend }))).toBe("accepted");
    expect(validationField(() => marketplaceFlow({ backend, maxImages: -1 }))).toBe("maxImages");
    expect(validationField(() => marketplaceFlow({ backend, basket: "yes" as never }))).toBe("basket");
  });

  it("accept a parcel of 5,000,000 XAF by default and refuse one franc more, in French", async () => {
    expect(DEFAULT_MAX_PARCEL_VALUE).toBe(5_000_000);
    const endpoint = courierFormExchange({ backend: new MemoryBackend() });
    const ask = (value: number) =>
      endpoint({
        version: "3.0",
        action: "data_exchange",
        screen: COURIER_ROUTE_SCREEN,
        data: { ...route, value: String(value) },
      });
    expect((await ask(5_000_000))?.screen).toBe(COURIER_DETAILS_SCREEN);
    expect(await ask(5_000_001)).toEqual({
      screen: COURIER_ROUTE_SCREEN,
      data: { error_message: expect.stringContaining(formatXaf(5_000_000, "fr")) },
    });
  });
});
