// Pins each zod wire schema to the TypeScript type it stands for. zod strips keys it does not
// know, so a field added to a type but not to its schema would silently vanish from every
// `HttpBackend` answer; here it fails the type check instead (both directions: a field only in
// the schema fails too).
import { expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type {
  categorySchema,
  merchantSchema,
  missionProofSchema,
  missionSchema,
  orderSchema,
  productSchema,
  quoteSchema,
  userSchema,
} from "./http-schemas.js";
import type { Category, CourierQuote, Merchant, Mission, MissionProof, Order, Product, User } from "./types.js";

test("a user answer parses to exactly a User", () => {
  expectTypeOf<z.output<typeof userSchema>>().toEqualTypeOf<User>();
});

test("a mission answer parses to exactly a Mission", () => {
  expectTypeOf<z.output<typeof missionSchema>>().toEqualTypeOf<Mission>();
});

test("a mission's proof parses to exactly a MissionProof", () => {
  expectTypeOf<z.output<typeof missionProofSchema>>().toEqualTypeOf<MissionProof>();
});

test("a quote answer parses to exactly a CourierQuote", () => {
  expectTypeOf<z.output<typeof quoteSchema>>().toEqualTypeOf<CourierQuote>();
});

test("an order answer parses to exactly an Order", () => {
  expectTypeOf<z.output<typeof orderSchema>>().toEqualTypeOf<Order>();
});

test("catalogue answers parse to exactly a Category, a Merchant and a Product", () => {
  expectTypeOf<z.output<typeof categorySchema>>().toEqualTypeOf<Category>();
  expectTypeOf<z.output<typeof merchantSchema>>().toEqualTypeOf<Merchant>();
  expectTypeOf<z.output<typeof productSchema>>().toEqualTypeOf<Product>();
});
