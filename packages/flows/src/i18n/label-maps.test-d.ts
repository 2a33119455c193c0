// The label maps of every catalogue have exactly one label per value of the domain's lists: a role,
// status or payment method added to src/domain.ts fails here (and in fr.ts's `satisfies`) until
// every language labels it, and a label for a value that no longer exists fails too.
import { expectTypeOf, test } from "vitest";
import type { DriverStatusUpdate, MissionStatus, OrderStatus, PaymentMethod, Role } from "../domain.js";
import type { Catalogue } from "./catalogue-type.js";

test("roles, statuses and payment methods are labelled once each", () => {
  expectTypeOf<Catalogue["roles"]>().toEqualTypeOf<Record<Role, string>>();
  expectTypeOf<Catalogue["auth"]["roleButtons"]>().toEqualTypeOf<Record<Role, string>>();
  expectTypeOf<Catalogue["missionStatus"]>().toEqualTypeOf<Record<MissionStatus, string>>();
  expectTypeOf<Catalogue["orderStatus"]>().toEqualTypeOf<Record<OrderStatus, string>>();
  expectTypeOf<Catalogue["marketplace"]["payment"]>().toEqualTypeOf<Record<PaymentMethod, string>>();
  expectTypeOf<Catalogue["driver"]["statusButtons"]>().toEqualTypeOf<Record<DriverStatusUpdate, string>>();
});

test("every status has its customer notification", () => {
  expectTypeOf<MissionStatus>().toExtend<keyof Catalogue["notify"]["mission"]>();
  expectTypeOf<OrderStatus>().toExtend<keyof Catalogue["notify"]["order"]>();
});
