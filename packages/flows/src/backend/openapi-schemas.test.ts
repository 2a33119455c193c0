// Keeps the schemas of openapi/backend.yaml equal to what HttpBackend accepts: every property, every
// required list, every enum and every JSON type of the documented answers must match the zod wire
// schema that checks them (which a type test pins to the TypeScript types), and the enums must be the
// lists of src/domain.ts. A field documented but not parsed (zod strips it) or parsed but not
// documented fails here. The paths themselves are checked by openapi.test.ts.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allMissionStatuses, allOrderStatuses, paymentMethods, proofKinds, roles } from "../domain.js";
import { at, backendSpec, type Shape, shape, strayFrom } from "../test-support/openapi-shape.js";
import {
  categorySchema,
  merchantSchema,
  missionProofSchema,
  missionSchema,
  orderSchema,
  productSchema,
  quoteSchema,
  userSchema,
} from "./http-schemas.js";

const component = (name: string): Shape => shape({ $ref: `#/components/schemas/${name}` });
const wire = (schema: z.ZodType): Shape => shape(z.toJSONSchema(schema));

describe("openapi/backend.yaml schemas", () => {
  it.each([
    ["User", userSchema],
    ["Mission", missionSchema],
    ["MissionProof", missionProofSchema],
    ["Order", orderSchema],
    ["Category", categorySchema],
    ["Merchant", merchantSchema],
    ["Product", productSchema],
  ] as const)("%s has the properties, required fields, types and enums HttpBackend parses", (name, schema) => {
    expect(component(name)).toEqual(wire(schema));
  });

  it("the quote answer has the properties HttpBackend parses", () => {
    const quote = at(
      backendSpec,
      "paths",
      "/missions/quote",
      "post",
      "responses",
      "200",
      "content",
      "application/json",
      "schema",
    );
    expect(shape(quote)).toEqual(wire(quoteSchema));
  });

  it("enums are the lists of src/domain.ts", () => {
    expect(component("Role").enum).toEqual([...roles].sort());
    expect(component("MissionStatus").enum).toEqual([...allMissionStatuses].sort());
    expect(component("OrderStatus").enum).toEqual([...allOrderStatuses].sort());
    expect(component("PaymentMethod").enum).toEqual([...paymentMethods].sort());
    expect(component("ProofKind").enum).toEqual([...proofKinds].sort());
  });

  it("a request body with an undocumented field, a missing required one or a value off an enum strays from its schema", () => {
    const order = {
      clientPhone: "242061234567",
      merchantId: "epicerie-plateau",
      items: [{ productId: "riz-5kg", quantity: 1, note: "bien emballé" }],
      address: { address: "Moungali" },
      payment: "orange_money",
    };
    expect(strayFrom(order, component("NewOrder"))).toEqual([
      "body.items[0].note: not documented",
      "body.payment: orange_money is not in the enum",
    ]);
    expect(strayFrom({ phone: "242061234567", role: "client" }, component("NewUser"))).toEqual([
      "body.name: required, missing",
    ]);
  });

  it("sees a difference: a property the spec lacks fails the comparison", () => {
    const withExtra = userSchema.extend({ nickname: z.string().optional() });
    expect(component("User")).not.toEqual(wire(withExtra));
  });
});
