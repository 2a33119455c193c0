// Keeps the schemas of openapi/backend.yaml equal to what HttpBackend accepts: every property, every
// required list, every enum and every JSON type of the documented answers must match the zod wire
// schema that checks them (which a type test pins to the TypeScript types), and the enums must be the
// lists of src/domain.ts. A field documented but not parsed (zod strips it) or parsed but not
// documented fails here. The paths themselves are checked by openapi.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { allMissionStatuses, allOrderStatuses, paymentMethods, roles } from "../domain.js";
import {
  categorySchema,
  merchantSchema,
  missionSchema,
  orderSchema,
  productSchema,
  quoteSchema,
  userSchema,
} from "./http-schemas.js";

type Json = { [key: string]: unknown };

const spec = parse(readFileSync(new URL("../../openapi/backend.yaml", import.meta.url), "utf8")) as Json;

/** The facts both sides must agree on: JSON type, properties, required list, enum, array items. */
interface Shape {
  type?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, Shape>;
  items?: Shape;
}

const at = (node: unknown, key: string): unknown => (node as Json | undefined)?.[key];

/** A schema node reduced to its {@link Shape}, `$ref`s resolved against the spec and `allOf`s merged. */
function shape(node: unknown): Shape {
  const ref = at(node, "$ref");
  if (typeof ref === "string") {
    const name = ref.replace("#/components/schemas/", "");
    return shape(at(at(at(spec, "components"), "schemas"), name));
  }
  const allOf = at(node, "allOf");
  if (Array.isArray(allOf)) {
    const parts = allOf.map(shape);
    return {
      type: "object",
      required: parts.flatMap((p) => p.required ?? []).sort(),
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
    };
  }
  const out: Shape = {};
  const type = at(node, "type");
  if (typeof type === "string") out.type = type;
  const values = at(node, "enum");
  if (Array.isArray(values)) out.enum = values.map(String).sort();
  const properties = at(node, "properties") as Json | undefined;
  if (properties) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, shape(value)]));
    out.required = ((at(node, "required") as string[] | undefined) ?? []).slice().sort();
  }
  const items = at(node, "items");
  if (items) out.items = shape(items);
  return out;
}

const component = (name: string): Shape => shape({ $ref: `#/components/schemas/${name}` });
const wire = (schema: z.ZodType): Shape => shape(z.toJSONSchema(schema));

describe("openapi/backend.yaml schemas", () => {
  it.each([
    ["User", userSchema],
    ["Mission", missionSchema],
    ["Order", orderSchema],
    ["Category", categorySchema],
    ["Merchant", merchantSchema],
    ["Product", productSchema],
  ] as const)("%s has the properties, required fields, types and enums HttpBackend parses", (name, schema) => {
    expect(component(name)).toEqual(wire(schema));
  });

  it("the quote answer has the properties HttpBackend parses", () => {
    const quote = at(
      at(at(at(at(at(at(spec, "paths"), "/missions/quote"), "post"), "responses"), "200"), "content"),
      "application/json",
    );
    expect(shape(at(quote, "schema"))).toEqual(wire(quoteSchema));
  });

  it("enums are the lists of src/domain.ts", () => {
    expect(component("Role").enum).toEqual([...roles].sort());
    expect(component("MissionStatus").enum).toEqual([...allMissionStatuses].sort());
    expect(component("OrderStatus").enum).toEqual([...allOrderStatuses].sort());
    expect(component("PaymentMethod").enum).toEqual([...paymentMethods].sort());
  });

  it("sees a difference: a property the spec lacks fails the comparison", () => {
    const withExtra = userSchema.extend({ nickname: z.string().optional() });
    expect(component("User")).not.toEqual(wire(withExtra));
  });
});
