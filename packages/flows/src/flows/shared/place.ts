import type { Place } from "../../backend/types.js";
import type { FlowContext, ParseResult } from "../../engine/types.js";
import type { Catalogue } from "../../i18n/catalogue-type.js";
import type { UserInput } from "../../messaging/inbound.js";

const letters = /\p{L}.*\p{L}/u;

/**
 * Reads a place from a shared location or a typed address; a typed address keeps
 * smart-fallback's cleaned form when it found one.
 */
export async function readPlace<Data>(input: UserInput, ctx: FlowContext<Data>): Promise<Place | undefined> {
  if (input.kind === "location") {
    const address = input.address ?? input.name;
    return { latitude: input.latitude, longitude: input.longitude, ...(address ? { address } : {}) };
  }
  if (input.kind !== "text") return undefined;
  const text = input.text.trim();
  if (text.length < 3 || text.length > 200 || !letters.test(text)) return undefined;
  // Keep the user's words unless numbers (a phone, an amount) ride along with the place.
  if (!/\d{4}/.test(text.replace(/\s/g, ""))) return { address: text };
  const found = (await ctx.nlu.extractDeliveryDetails(text)).address;
  return { address: found && found.length >= 3 ? found : text };
}

/** A step parser for a place field. */
export function placeParser<Data>(field: keyof Data & string) {
  return async (input: UserInput, ctx: FlowContext<Data>): Promise<ParseResult<Data>> => {
    const place = await readPlace(input, ctx);
    if (!place)
      return { ok: false, error: ctx.nlu.explain(input.kind === "text" ? "address" : "location", ctx.locale) };
    return { ok: true, set: { [field]: place } as Partial<Data> };
  };
}

/** How a place reads in a message. */
export function describePlace(place: Place | undefined, t: Catalogue): string {
  if (!place) return "—";
  if (place.address) return place.address;
  if (place.latitude !== undefined && place.longitude !== undefined)
    return t.common.gpsPoint(place.latitude, place.longitude);
  return "—";
}
