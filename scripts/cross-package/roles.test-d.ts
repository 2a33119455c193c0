// The type side of roles.test.ts: analytics' `SessionRole` is flows' `Role`, so a caller passes a
// flows role to `trackSessionStart` without a cast.
import { expectTypeOf, it } from "vitest";
import type { SessionRole } from "../../packages/analytics/src/validate.js";
import type { Role } from "../../packages/flows/src/domain.js";

it("analytics' SessionRole is flows' Role", () => {
  expectTypeOf<SessionRole>().toEqualTypeOf<Role>();
});
